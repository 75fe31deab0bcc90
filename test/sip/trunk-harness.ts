// Starts an in-process SipTelephony on free loopback ports for the real-peer SIP tests, with an
// optional echo handler (caller audio played straight back) and a record of what the calls saw.
import { configSchema } from '../../src/config/schema.js';
import type { Call, DtmfEvent, HangupEvent, IncomingCall, TransferResult } from '../../src/telephony/call.js';
import { PcmQueue } from '../../src/media/pcm-queue.js';
import { SipTelephony } from '../../src/telephony/sip-trunk.js';
import { freeRtpRange, freeSipPort } from '../helpers/ports.js';
import type { Logger } from '../../src/log.js';

export interface HarnessOptions {
  /** What to do with each incoming call; default: answer and echo. */
  onIncoming?: (incoming: IncomingCall, harness: TrunkHarness) => void;
  sip?: Record<string, unknown>;
  media?: Record<string, unknown>;
  logger?: Logger;
}

export interface TrunkHarness {
  telephony: SipTelephony;
  port: number;
  target: string;
  calls: Call[];
  hangups: HangupEvent[];
  dtmf: DtmfEvent[];
  holds: boolean[];
  transfers: TransferResult[];
  errors: Error[];
  stop(): Promise<void>;
}

/** Answers and echoes: caller audio is queued and played back. */
export function answerAndEcho(incoming: IncomingCall, harness: TrunkHarness): void {
  incoming.answer().then((call) => {
    harness.calls.push(call);
    const queue = new PcmQueue();
    call.on('audio', (frame) => queue.push(frame));
    call.on('dtmf', (event) => harness.dtmf.push(event));
    call.on('hold', (held) => harness.holds.push(held));
    call.on('hangup', (event) => {
      harness.hangups.push(event);
      queue.close();
    });
    void call.play(queue);
  }, (err: Error) => harness.errors.push(err));
}

export async function startTrunk(options: HarnessOptions = {}): Promise<TrunkHarness> {
  const port = await freeSipPort();
  const config = configSchema.parse({
    sip: { host: '127.0.0.1', port, allow: ['127.0.0.0/8'], timers: { t1: 100, t2: 400, t4: 500 }, ...options.sip },
    media: { rtpPorts: await freeRtpRange(600), ...options.media },
  });
  const telephony = new SipTelephony({ sip: config.sip, media: config.media, ...(options.logger ? { logger: options.logger } : {}) });
  const harness: TrunkHarness = {
    telephony, port, target: `127.0.0.1:${port}`, calls: [], hangups: [], dtmf: [], holds: [], transfers: [], errors: [],
    stop: async () => {
      await telephony.stop();
    },
  };
  const onIncoming = options.onIncoming ?? answerAndEcho;
  telephony.on('incoming', (incoming) => onIncoming(incoming, harness));
  await telephony.start();
  return harness;
}
