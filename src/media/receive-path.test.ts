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
const playsAudio = (path: ReceivePath) => {
  const before = path.concealedFrames;
  path.nextFrame();
  return path.concealedFrames === before;
};

/** Plays packets 0-5 arriving at `arrivals` (ms), drains them, then sends a new two-packet talkspurt. */
function secondTalkspurtPlaysAtOnce(arrivals: number[]): { played: boolean; jitterMs: number } {
  const path = new ReceivePath(media, 120);
  arrivals.forEach((arrival, n) => path.receive(packet(n), arrival, []));
  for (let i = 0; i < 8; i++) path.nextFrame(); // six frames, then underrun
  const spurt = [packet(20), packet(21)].map((p, i) => ({ ...p, marker: i === 0 }));
  spurt.forEach((p, i) => path.receive(p, 400 + i * 20, []));
  return { played: playsAudio(path), jitterMs: path.stats.jitterMs };
}

test('a steady stream starts playing at two frames of depth (40 ms), not a fixed 60+', () => {
  const path = new ReceivePath(media, 120);
  path.receive(packet(0), 0, []);
  assert.equal(playsAudio(path), false, 'one frame is not enough depth to start');
  path.receive(packet(1), 20, []);
  assert.equal(playsAudio(path), true, 'two frames start playback on a steady stream');
  assert.equal(secondTalkspurtPlaysAtOnce([0, 20, 40, 60, 80, 100]).played, true);
});

test('measured interarrival jitter deepens the buffer for the next start', () => {
  const jittery = secondTalkspurtPlaysAtOnce([0, 60, 60, 100, 160, 160]);
  assert.ok(jittery.jitterMs > 5, `jitter ${jittery.jitterMs} ms`);
  assert.equal(jittery.played, false, 'two frames are not enough depth on a jittery path');
});

test('the configured ceiling bounds the adaptive depth', () => {
  const path = new ReceivePath(media, 20);
  [0, 60, 60, 100, 160, 160].forEach((arrival, n) => path.receive(packet(n), arrival, []));
  assert.equal(playsAudio(path), true, 'a 20 ms ceiling plays from the first frame');
});
