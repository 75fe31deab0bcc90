// Start-up configuration of the real `frontdesk serve` process: a bad file or environment override
// stops it with exactly one stderr line (file, field, problem) and exit 1; the FRONTDESK_* overrides
// are honoured; the sample config listens on every interface and advertises a usable address.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFrontdesk, startFrontdesk, type FrontdeskProcess } from '../helpers/frontdesk.js';
import { freeRtpRange } from '../helpers/ports.js';
import { killAllSipp, runSipp } from '../helpers/sipp.js';

const work = mkdtempSync(join(tmpdir(), 'frontdesk-config-'));
const running: FrontdeskProcess[] = [];
after(async () => {
  for (const r of running) await r.stop();
  killAllSipp();
});

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

test('a bad config file or override: one stderr line naming the source, the field and the problem; exit 1', async () => {
  const cases: { args: string[]; env?: Record<string, string>; line: RegExp }[] = [
    { args: ['--config', file('type.yaml', 'sip:\n  port: "5060x"\n')], line: /type\.yaml: sip\.port: .*expected number/ },
    { args: ['--config', file('unknown.yaml', 'sip:\n  port: 5060\n  prot: 5061\n')], line: /unknown\.yaml: sip\.prot: unknown setting/ },
    { args: ['--config', file('top.yaml', 'mode: echo\ngreting: hi\n')], line: /top\.yaml: greting: unknown setting/ },
    { args: ['--config', file('broken.yaml', 'sip: [\n  port: 1\n')], line: /broken\.yaml: \(top level\): invalid YAML: / },
    { args: ['--config', join(work, 'absent.yaml')], line: /absent\.yaml: \(top level\): cannot read: ENOENT/ },
    { args: ['--mode', 'echo'], env: { FRONTDESK_SIP_PORT: 'five' }, line: /environment: FRONTDESK_SIP_PORT: expected a number, got "five"/ },
    { args: ['--mode', 'echo'], env: { FRONTDESK_HTTP_PORT: '70000' }, line: /environment: FRONTDESK_HTTP_PORT: .*65535/ },
    { args: ['--mode', 'echo'], env: { FRONTDESK_RTP_PORTS: '20000' }, line: /environment: FRONTDESK_RTP_PORTS: expected a range/ },
    { args: ['--mode', 'echo'], env: { FRONTDESK_LOG_LEVEL: 'chatty' }, line: /environment: FRONTDESK_LOG_LEVEL: .*expected one of/ },
  ];
  const results = await Promise.all(cases.map((c) => runFrontdesk(['serve', ...c.args], { env: { FRONTDESK_DATA_DIR: work, ...c.env } })));
  results.forEach((result, i) => {
    const expected = cases[i]!;
    assert.equal(result.code, 1, `exit code for ${expected.line}: ${result.stderr}`);
    const lines = result.stderr.split('\n').filter(Boolean);
    assert.equal(lines.length, 1, `exactly one stderr line, got:\n${result.stderr}`);
    assert.match(lines[0]!, /^frontdesk: config error: /);
    assert.match(lines[0]!, expected.line);
  });
});

test('the sample config with FRONTDESK_* overrides: listens on all interfaces, advertises a real address, uses the given ports and dirs', async () => {
  const rtp = await freeRtpRange(50);
  const frontdesk = await startFrontdesk({ args: ['--mode', 'echo'], env: { FRONTDESK_RTP_PORTS: rtp, FRONTDESK_LOG_LEVEL: 'warn' } });
  running.push(frontdesk);
  assert.equal((await frontdesk.healthz()).status, 'ok', 'HTTP answers on FRONTDESK_HTTP_PORT');
  assert.ok(existsSync(join(frontdesk.dataDir, 'frontdesk.sqlite')), 'the store lives in FRONTDESK_DATA_DIR');

  const sipp = await runSipp({ scenario: 'uac', target: `127.0.0.1:${frontdesk.sipPort}`, timeoutSec: 15, args: ['-trace_msg', '-d', '500'] });
  assert.equal(sipp.code, 0, sipp.logs.slice(-2000));
  const ok = sipp.logs.slice(sipp.logs.indexOf('SIP/2.0 200 OK'));
  const contact = /Contact:.*?sip:[^@>]*@?([0-9.]+):(\d+)/i.exec(ok);
  const connection = /c=IN IP4 ([0-9.]+)/.exec(ok);
  const media = /m=audio (\d+) /.exec(ok);
  assert.ok(contact && connection && media, `200 OK with Contact and SDP:\n${ok.slice(0, 1500)}`);
  const advertised = contact[1]!;
  assert.notEqual(advertised, '0.0.0.0');
  assert.equal(connection[1], advertised, 'SDP advertises the same address as Contact');
  assert.equal(Number(contact[2]), frontdesk.sipPort, 'SIP on FRONTDESK_SIP_PORT');
  const [low, high] = rtp.split('-').map(Number) as [number, number];
  const port = Number(media[1]);
  assert.ok(port >= low && port <= high, `RTP port ${port} within FRONTDESK_RTP_PORTS ${rtp}`);
  assert.doesNotMatch(frontdesk.output(), /"level":30/, 'FRONTDESK_LOG_LEVEL=warn silences info lines');

  // Bound to 0.0.0.0: the advertised (non-loopback) address answers too — with a call or an ACL
  // refusal, either way a final SIP response rather than silence.
  const direct = await runFrontdesk(['call', `sip:echo@${advertised}:${frontdesk.sipPort}`, '--duration', '1', '--answer-timeout', '5'], {
    env: { FRONTDESK_RTP_PORTS: await freeRtpRange(10), FRONTDESK_LOG_LEVEL: 'warn' },
  });
  assert.doesNotMatch(direct.stderr, /no answer within/, direct.stderr);
  assert.match(`${direct.stdout}${direct.stderr}`, /connected: |failed: 403 /);
});
