// Starts kamailio for real-peer tests as a registrar + proxy with digest users (no DB), from a
// generated cfg (recipe: /work/shared/notes/peers.md §3); waits until it answers, stops it on cleanup.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeSipPort } from './ports.js';

export interface KamailioOptions {
  /** username → plain-text password. */
  users: Record<string, string>;
  port?: number;
  /** Minimum Expires accepted by the registrar (registrar min_expires); default 10. */
  minExpires?: number;
  /** Challenge INVITEs with 407 (realm = From domain, user = From user from `users`). */
  inviteAuth?: boolean;
}

export interface Kamailio {
  readonly port: number;
  readonly dir: string;
  /** Everything kamailio wrote to stdout/stderr so far. */
  log(): string;
  /** Contacts registered for a user (via kamcmd ul.lookup), empty when none. */
  contacts(user: string): string[];
  stop(): Promise<void>;
}

function config(port: number, users: Record<string, string>, minExpires: number, inviteAuth: boolean): string {
  const userLines = Object.entries(users)
    .map(([name, password]) => `    $sht(users=>${name}) = "${password.replace(/["\\]/g, '')}";`)
    .join('\n');
  return `#!KAMAILIO
debug=2
log_stderror=yes
auto_aliases=no
children=2
listen=udp:127.0.0.1:${port}
listen=tcp:127.0.0.1:${port}
alias="127.0.0.1:${port}"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "ctl.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "htable.so"
loadmodule "auth.so"
modparam("usrloc", "db_mode", 0)
modparam("registrar", "min_expires", ${minExpires})
modparam("htable", "htable", "users=>size=4;")
event_route[htable:mod-init] {
${userLines}
}
request_route {
    if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
    if (is_method("CANCEL")) { if (t_check_trans()) t_relay(); exit; }
    if (has_totag()) {
        if (loose_route()) route(RELAY);
        if (is_method("ACK") && t_check_trans()) route(RELAY);
        if (!is_method("ACK")) sl_send_reply("404", "Not here");
        exit;
    }
    t_check_trans();
    if (is_method("REGISTER")) {
        if (!pv_www_authenticate("$td", "$sht(users=>$tU)", "0")) {
            www_challenge("$td", "1");
            exit;
        }
        consume_credentials();
        if (!save("location")) sl_reply_error();
        xlog("L_NOTICE", "REGISTER ok $tU -> $ct expires $hdr(Expires)\\n");
        exit;
    }
    if (is_method("OPTIONS") && uri==myself && $rU==$null) { sl_send_reply("200", "OK"); exit; }${inviteAuth ? `
    if (is_method("INVITE")) {
        if (!pv_proxy_authenticate("$fd", "$sht(users=>$fU)", "0")) {
            proxy_challenge("$fd", "0");
            exit;
        }
        consume_credentials();
    }` : ''}
    if (is_method("INVITE|SUBSCRIBE|REFER")) record_route();
    if (!lookup("location")) { sl_send_reply("404", "Not Found"); exit; }
    route(RELAY);
}
route[RELAY] {
    if (!t_relay()) sl_reply_error();
    exit;
}
`;
}

/** Resolves once kamailio answers an OPTIONS on UDP, or rejects after `ms`. */
function waitAnswering(port: number, ms: number, child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const deadline = Date.now() + ms;
    let timer: NodeJS.Timeout | undefined;
    const finish = (err?: Error) => {
      clearTimeout(timer);
      socket.close();
      if (err) reject(err);
      else resolve();
    };
    socket.on('message', () => finish());
    socket.on('error', () => undefined);
    socket.bind(0, '127.0.0.1', () => {
      const local = socket.address().port;
      const probe = () => {
        if (child.exitCode !== null) return finish(new Error('kamailio exited during start'));
        if (Date.now() > deadline) return finish(new Error('kamailio did not answer within the start timeout'));
        const branch = `z9hG4bK${Math.random().toString(36).slice(2)}`;
        const msg =
          `OPTIONS sip:127.0.0.1:${port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:${local};branch=${branch}\r\n` +
          `From: <sip:probe@127.0.0.1>;tag=p\r\nTo: <sip:127.0.0.1:${port}>\r\nCall-ID: ${branch}\r\n` +
          `CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n`;
        socket.send(msg, port, '127.0.0.1');
        timer = setTimeout(probe, 150);
      };
      probe();
    });
  });
}

export async function startKamailio(options: KamailioOptions): Promise<Kamailio> {
  const dir = mkdtempSync(join(tmpdir(), 'kamailio-'));
  mkdirSync(join(dir, 'run'));
  const port = options.port ?? (await freeSipPort());
  writeFileSync(join(dir, 'kamailio.cfg'), config(port, options.users, options.minExpires ?? 10, options.inviteAuth ?? false));
  const child = spawn(
    'kamailio',
    ['-f', join(dir, 'kamailio.cfg'), '-DD', '-E', '-m', '64', '-M', '8', '-Y', join(dir, 'run'), '-P', join(dir, 'run', 'kam.pid')],
    // Own process group: stop() signals the main process and its forked workers together, so no
    // orphaned worker keeps the port after the main process is gone.
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  const collect = (d: Buffer) => { output = (output + d.toString()).slice(-500_000); };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // the group is gone already
    }
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), 3000);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      clearTimeout(timer);
    }
    signalGroup('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitAnswering(port, 8000, child);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n${output.slice(-2000)}`);
  }
  return {
    port,
    dir,
    log: () => output,
    contacts: (user) => {
      const r = spawnSync('kamcmd', ['-s', `unix:${join(dir, 'run', 'kamailio_ctl')}`, 'ul.lookup', 'location', `s:${user}`], { encoding: 'utf8' });
      return [...(r.stdout ?? '').matchAll(/Address:\s*(\S+)/g)].map((m) => m[1]!);
    },
    stop,
  };
}
