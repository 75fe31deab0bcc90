// Send path on the shared pacer after a stall: skipped ticks advance the RTP timestamp by the media
// time they covered while sequence numbers stay continuous. Time is simulated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PacingClock } from './clock.js';
import type { NegotiatedMedia } from './codec.js';
import { PlayQueue } from './play-queue.js';
import { parseRtp } from './rtp.js';
import { SendPath } from './send-path.js';
import { rootLogger } from '../log.js';

const log = rootLogger.child({}, { level: 'silent' });

function media(codec: NegotiatedMedia['codec'], ptime = 20): NegotiatedMedia {
  return { codec, ptime, direction: 'sendrecv', remote: { address: '127.0.0.1', port: 9, rtcpPort: 10 } };
}

/** Runs `sender` on a simulated clock whose 21st wake-up comes `stallMs` late; returns each packet with its tick. */
function runWithStall(sender: SendPath, stallMs: number, wakeups: number) {
  let now = 5_000_000_000n;
  let pending: { callback: () => void; delayMs: number } | undefined;
  const clock = new PacingClock({
    now: () => now,
    setTimer: (callback, delayMs) => void (pending = { callback, delayMs }),
    clearTimer: () => void (pending = undefined),
  });
  const queue = new PlayQueue(sender.codecRate, log);
  const sent: { tick: number; sequenceNumber: number; timestamp: number }[] = [];
  const stop = clock.subscribe((tick) =>
    sender.tick(tick, queue, true, (packet) => {
      const parsed = parseRtp(packet);
      assert.ok(parsed.ok);
      sent.push({ tick, sequenceNumber: parsed.packet.sequenceNumber, timestamp: parsed.packet.timestamp });
    }),
  );
  for (let i = 0; pending && i < wakeups; i++) {
    const { callback, delayMs } = pending;
    pending = undefined;
    now += BigInt(Math.round((delayMs + (i === 20 ? stallMs : 0)) * 1e6));
    callback();
  }
  stop();
  queue.close();
  return { sent, skipped: clock.stats.skipped };
}

for (const [label, codec, samplesPerFrame] of [
  ['PCMU', { name: 'PCMU', payloadType: 0, clockRate: 8000, channels: 1 }, 160],
  ['Opus (48 kHz RTP clock)', { name: 'opus', payloadType: 111, clockRate: 48000, channels: 2 }, 960],
] as const) {
  test(`${label}: a 200 ms stall → timestamp delta = elapsed ticks × ${samplesPerFrame}, sequence continuous`, () => {
    const sender = new SendPath(media(codec));
    const { sent, skipped } = runWithStall(sender, 200, 40);
    assert.ok(skipped > 0, 'the stall made the clock skip ticks');
    let sawGap = false;
    for (let i = 1; i < sent.length; i++) {
      const [a, b] = [sent[i - 1]!, sent[i]!];
      assert.equal(b.sequenceNumber, (a.sequenceNumber + 1) & 0xffff, 'no sequence gap');
      assert.equal((b.timestamp - a.timestamp) >>> 0, (b.tick - a.tick) * samplesPerFrame, `ticks ${a.tick}→${b.tick}`);
      if (b.tick - a.tick > 1) sawGap = true;
    }
    assert.ok(sawGap, 'packets straddle the skipped ticks');
    assert.equal((sent.at(-1)!.timestamp - sent[0]!.timestamp) >>> 0, (sent.at(-1)!.tick - sent[0]!.tick) * samplesPerFrame);
  });
}

test('ptime 40: skipped ticks keep the timestamp on the 40 ms packet grid', () => {
  const sender = new SendPath(media({ name: 'PCMU', payloadType: 0, clockRate: 8000, channels: 1 }, 40));
  const { sent, skipped } = runWithStall(sender, 210, 60);
  assert.ok(skipped > 0);
  for (let i = 1; i < sent.length; i++) {
    const [a, b] = [sent[i - 1]!, sent[i]!];
    assert.equal(b.sequenceNumber, (a.sequenceNumber + 1) & 0xffff);
    assert.equal(((b.timestamp - a.timestamp) >>> 0) % 320, 0, 'whole 40 ms packets');
  }
  const first = sent[0]!;
  const last = sent.at(-1)!;
  assert.ok(Math.abs(((last.timestamp - first.timestamp) >>> 0) - (last.tick - first.tick) * 160) <= 160, 'media time tracks clock time');
});
