// `frontdesk call <sip-uri>`: an outgoing test call a user runs to check their own setup — plays a
// file, sends DTMF (RFC 4733), records what it hears. Exit 0 when the call connected, else one line
// on stderr (via main.ts) and exit 1.
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.js';
import { createTelephony, type Telephony } from '../../telephony/index.js';
import type { Call } from '../../telephony/call.js';
import type { PcmChunk } from '../../media/pcm.js';
import { readWav, writeWav } from '../../media/wav.js';
import { parseUri } from '../../sip/uri.js';

interface CallOptions {
  play?: string;
  record?: string;
  dtmf?: string;
  duration: string;
  answerTimeout: string;
  port: string;
  config?: string;
}

interface CheckedOptions {
  audio?: PcmChunk;
  dtmf?: string;
  durationMs: number;
  answerTimeoutMs: number;
  port: number;
}

export function register(program: Command): void {
  program
    .command('call')
    .description('place a test call: play a WAV, send DTMF, record the answer')
    .argument('<uri>', 'who to call, e.g. sip:frontdesk@127.0.0.1:5060')
    .option('--play <file>', 'WAV file to play once answered')
    .option('--record <file>', 'write what the other side says to this WAV file')
    .option('--dtmf <digits>', 'digits to send (RFC 4733) one second after answer')
    .option('--duration <seconds>', 'hang up after this long', '10')
    .option('--answer-timeout <seconds>', 'give up when not answered within this long', '30')
    .option('--port <port>', 'local SIP port (0 = any free port)', '0')
    .option('-c, --config <file>', 'YAML configuration for accounts/proxy (optional)')
    .addHelpText('after', '\nExit status: 0 when the call was answered (whoever hung up), 1 with one line on stderr otherwise\n(a 4xx/5xx/6xx final response, no answer within --answer-timeout, a bad argument).')
    .action(async (uri: string, options: CallOptions) => {
      const checked = checkOptions(uri, options);
      const config = loadConfig(options.config);
      const telephony = await createTelephony(
        { ...config, telephony: 'sip', // Accounts lend their credentials to the INVITE but are not registered: a test call must not
        // take over the registration of a running server.
        sip: { ...config.sip, port: checked.port, accounts: config.sip.accounts.map((a) => ({ ...a, register: false })) } },
        undefined,
      );
      await telephony.start();
      const heard: Int16Array[] = [];
      let sampleRate = 8000;
      let connected = false;
      try {
        const call = await dialWithin(telephony, uri, checked.answerTimeoutMs);
        connected = true;
        console.log(`connected: ${call.facts.codec.name}/${call.facts.codec.clockRate} with ${call.facts.peer.address}:${call.facts.peer.port}`);
        call.on('audio', (frame: PcmChunk) => {
          sampleRate = frame.sampleRate;
          heard.push(frame.samples);
        });
        console.log(`ended (${await converse(call, checked)})`);
      } finally {
        if (options.record && connected) record(options.record, heard, sampleRate);
        await telephony.stop();
      }
    });
}

/** Every bad argument is reported before anything is sent. */
function checkOptions(uri: string, options: CallOptions): CheckedOptions {
  const parsed = parseUri(uri);
  if (!parsed || !/^sips?$/.test(parsed.scheme) || !parsed.host) {
    throw new Error(`"${uri}" is not a SIP URI (expected e.g. sip:frontdesk@127.0.0.1:5060)`);
  }
  const seconds = (value: string, flag: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag}: expected a positive number of seconds, got "${value}"`);
    return n * 1000;
  };
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: expected 0..65535, got "${options.port}"`);
  if (options.dtmf !== undefined && !/^[0-9*#A-Da-d]+$/.test(options.dtmf)) {
    throw new Error(`--dtmf: expected digits 0-9, *, #, A-D, got "${options.dtmf}"`);
  }
  let audio: PcmChunk | undefined;
  if (options.play) {
    try {
      audio = readWav(options.play);
    } catch (error) {
      throw new Error(`--play ${options.play}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  return {
    ...(audio ? { audio } : {}),
    ...(options.dtmf ? { dtmf: options.dtmf } : {}),
    durationMs: seconds(options.duration, '--duration'),
    answerTimeoutMs: seconds(options.answerTimeout, '--answer-timeout'),
    port,
  };
}

/** Dials; an unreachable UDP target would otherwise take Timer B (32 s) to fail. */
async function dialWithin(telephony: Telephony, uri: string, timeoutMs: number): Promise<Call> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`call to ${uri} failed: no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    return await Promise.race([telephony.dial(uri, { timeoutMs }), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Plays, sends DTMF and waits for either side to hang up; resolves with who ended it and why. */
async function converse(call: Call, options: CheckedOptions): Promise<string> {
  call.on('dtmf', (event) => console.log(`dtmf received: ${event.digit} (${event.source})`));
  const ended = new Promise<string>((resolve) => call.once('hangup', (event) => resolve(`${event.by}: ${event.reason}`)));
  if (options.audio) void call.play(single(options.audio)).catch(() => undefined);
  const dtmfTimer = options.dtmf
    ? setTimeout(() => {
        void call.sendDtmf(options.dtmf!).then(
          () => console.log(`dtmf sent: ${options.dtmf}`),
          (error: Error) => console.error(`frontdesk: sending DTMF failed: ${error.message}`),
        );
      }, 1000)
    : undefined;
  const durationTimer = setTimeout(() => void call.hangup('duration reached').catch(() => undefined), options.durationMs);
  const outcome = await ended;
  clearTimeout(dtmfTimer);
  clearTimeout(durationTimer);
  return outcome;
}

function record(file: string, heard: Int16Array[], sampleRate: number): void {
  const total = heard.reduce((n, s) => n + s.length, 0);
  const samples = new Int16Array(total);
  let offset = 0;
  for (const chunk of heard) {
    samples.set(chunk, offset);
    offset += chunk.length;
  }
  writeWav(file, { samples, sampleRate });
  console.log(`recorded ${(total / sampleRate).toFixed(1)} s to ${file}`);
}

async function* single(chunk: PcmChunk): AsyncIterable<PcmChunk> {
  yield chunk;
}
