import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NegotiatedMedia } from './codec.js';
import { ReceivePath } from './receive-path.js';
import type { RtpPacket } from './rtp.js';

const media: NegotiatedMedia = {
  codec: { name: 'PCMU', payloadType: 0, clockRate: 8000, channels: 1 }, ptime: 20, direction: 'sendrecv',
  remote: { address: '127.0.0.1', port: 4000, rtcpPort: 4001 },
};
const packet = (n: number): RtpPacket => ({
  marker: n === 0, payloadType: 0, sequenceNumber: n, timestamp: n * 160, ssrc: 7, csrcs: [],
  payload: Buffer.alloc(160, 0x80 + (n % 50)),
});
/** Pulls one frame; true when it was decoded audio rather than concealment. */
const playsAudio = (path: ReceivePath, nowMs: number) => {
  const before = path.concealedFrames;
  path.nextFrame(nowMs);
  return path.concealedFrames === before;
};

const silent = (n: number, marker = false): RtpPacket => ({ ...packet(n), marker, payload: Buffer.alloc(160, 0xff) });

/** A steady stream of `count` packets every 20 ms from `start`, each pulled `pullAfterMs` after its arrival. */
function steady(path: ReceivePath, from: number, count: number, start: number, pullAfterMs: number, make = packet): void {
  let arrived = 0;
  for (let pull = 0; pull < count; pull++) {
    const now = start + pull * 20 + pullAfterMs;
    for (; arrived < count && start + arrived * 20 <= now; arrived++) path.receive(make(from + arrived), start + arrived * 20, []);
    path.nextFrame(now);
  }
}

test('after the first second, a new talkspurt plays with a few ms of slack, not a second frame', () => {
  const path = new ReceivePath(media, 120);
  steady(path, 0, 60, 0, 1);
  for (let i = 0; i < 3; i++) path.nextFrame(1300 + i * 20); // drained: silence
  path.receive({ ...packet(100), marker: true }, 2000, []);
  assert.equal(playsAudio(path, 2001), false, 'waited 1 ms');
  assert.equal(playsAudio(path, 2006), true, 'waited 6 ms: one packet is enough on a jitter-free path');
});

test('during the first second (jitter unknown) a start waits a frame of slack', () => {
  const path = new ReceivePath(media, 120);
  path.receive(packet(0), 0, []);
  assert.equal(playsAudio(path, 6), false);
  path.receive(packet(1), 20, []);
  assert.equal(playsAudio(path, 21), true);
});

test('measured interarrival jitter deepens the delay; the configured ceiling bounds it', () => {
  const jittery = [0, 60, 60, 100, 160, 160];
  const path = new ReceivePath(media, 120);
  for (let round = 0; round < 10; round++) jittery.forEach((at, n) => path.receive(packet(round * 6 + n), round * 180 + at, []));
  assert.ok(path.stats.jitterMs > 5, `jitter ${path.stats.jitterMs} ms`);
  path.receive({ ...packet(100), marker: true }, 5000, []);
  assert.equal(playsAudio(path, 5006), false, '6 ms is not enough slack on a jittery path');
  const capped = new ReceivePath(media, 20);
  for (let round = 0; round < 10; round++) jittery.forEach((at, n) => capped.receive(packet(round * 6 + n), round * 180 + at, []));
  capped.receive({ ...packet(100), marker: true }, 5000, []);
  assert.equal(playsAudio(capped, 5020), true, 'a 20 ms ceiling');
});

test('a delay held from the first second shrinks by dropping one quiet frame, never a loud one', () => {
  const quiet = new ReceivePath(media, 120);
  steady(quiet, 0, 180, 0, 35, silent);
  assert.equal(quiet.skippedFrames, 1, 'waits of 35 ms shrink to 15 ms: one frame dropped, then no more excess');
  assert.equal(quiet.concealedFrames, 1, 'no underrun at the shrunk delay: only the last pull, after the stream ended');
  const loud = new ReceivePath(media, 120);
  steady(loud, 0, 120, 0, 35);
  assert.equal(loud.skippedFrames, 0);
});
