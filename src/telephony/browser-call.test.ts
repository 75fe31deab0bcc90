import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BrowserCall, type AudioSocket } from './browser-call.js';
import type { PcmChunk } from '../media/pcm.js';
import type { TickListener } from '../media/clock.js';

function harness() {
  const sent: (Buffer | string)[] = [];
  let closed = false;
  const socket: AudioSocket = { send: (d) => void sent.push(d), close: () => void (closed = true) };
  let listener: TickListener | undefined;
  const clock = { subscribe: (l: TickListener) => ((listener = l), () => (listener = undefined)) };
  const call = new BrowserCall({ socket, peer: { address: '127.0.0.1', port: 1 }, callAs: '+15551234567', clock });
  const tick = async (n = 1) => {
    for (let i = 0; i < n; i++) {
      listener?.(i, 0n);
      await new Promise((r) => setImmediate(r));
    }
  };
  const control = () => sent.filter((m): m is string => typeof m === 'string').map((m) => JSON.parse(m));
  const audio = () => sent.filter((m): m is Buffer => typeof m !== 'string');
  return { call, sent, tick, control, audio, closed: () => closed, ticking: () => listener !== undefined };
}

const pcm = (n: number, value: number): Buffer => Buffer.from(new Int16Array(n).fill(value).buffer);

test('browser audio becomes paced 20 ms frames, silence on underrun', async () => {
  const h = harness();
  assert.match(h.call.facts.from, /sip:\+15551234567@/);
  const frames: PcmChunk[] = [];
  h.call.on('audio', (f) => frames.push(f));
  assert.equal(h.call.receive(pcm(400, 1000), true), undefined); // 2.5 frames: below the prebuffer
  await h.tick();
  assert.equal(frames.length, 0);
  h.call.receive(pcm(80, 1000), true); // now 3 whole frames
  await h.tick(5);
  assert.equal(frames.length, 5);
  assert.deepEqual(frames.map((f) => f.samples[0]), [1000, 1000, 1000, 0, 0]);
  assert.ok(frames.every((f) => f.samples.length === 160 && f.sampleRate === 8000));
  assert.match(h.call.receive(Buffer.alloc(3), true)!, /whole 16-bit samples/);
  assert.match(h.call.receive(Buffer.from('{"type":"nope"}'), false)!, /unknown control/);
  assert.match(h.call.receive(Buffer.from('not json'), false)!, /JSON/);
});

test('play resamples and paces audio to the page; stopPlayback and hangup resolve plays', async () => {
  const h = harness();
  async function* tone(rate: number, ms: number): AsyncIterable<PcmChunk> {
    const samples = new Int16Array((rate * ms) / 1000);
    for (let i = 0; i < samples.length; i++) samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate));
    yield { samples, sampleRate: rate };
  }
  const done = h.call.play(tone(16000, 100));
  await h.tick(8);
  assert.equal(await done, 'finished');
  assert.equal(h.audio().length, 5, '100 ms = 5 frames');
  assert.ok(h.audio().every((b) => b.length === 320));
  const long = h.call.play(tone(8000, 2000));
  const queued = h.call.play(tone(8000, 2000));
  await h.tick(2);
  assert.equal(h.call.isPlaying, true);
  h.call.stopPlayback();
  assert.equal(await long, 'stopped');
  assert.equal(await queued, 'stopped');
  assert.ok(h.control().some((m) => m.type === 'stop-playback'));
  const hangups: unknown[] = [];
  h.call.on('hangup', (e) => hangups.push(e));
  const last = h.call.play(tone(8000, 2000));
  await h.call.hangup('bye');
  assert.equal(await last, 'hangup');
  assert.deepEqual(hangups, [{ by: 'local', reason: 'bye' }]);
  assert.equal(h.closed(), true);
  assert.equal(h.ticking(), false);
  assert.deepEqual(await h.call.transfer(), { ok: false, reason: 'not supported from a browser call' });
  h.call.socketClosed();
  assert.equal(hangups.length, 1, 'hangup is emitted once');
});

test('a stopped source that never yields again does not hold up the next playback', async () => {
  const h = harness();
  async function* stalls(): AsyncIterable<PcmChunk> {
    yield { samples: new Int16Array(160), sampleRate: 8000 };
    await new Promise(() => {}); // like an idle PcmQueue
  }
  const first = h.call.play(stalls());
  await h.tick(3);
  h.call.stopPlayback();
  assert.equal(await first, 'stopped');
  const before = h.audio().length;
  async function* short(): AsyncIterable<PcmChunk> {
    yield { samples: new Int16Array(480).fill(500), sampleRate: 8000 };
  }
  const second = h.call.play(short());
  await h.tick(5);
  assert.equal(await second, 'finished');
  assert.equal(h.audio().length - before, 3);
});

test('keypad digits arrive as dtmf events; the page hanging up ends the call', async () => {
  const h = harness();
  const digits: string[] = [];
  h.call.on('dtmf', (e) => digits.push(e.digit));
  h.call.receive(Buffer.from('{"type":"dtmf","digit":"7"}'), false);
  h.call.receive(Buffer.from('{"type":"dtmf","digit":"#"}'), false);
  assert.deepEqual(digits, ['7', '#']);
  const ended = new Promise((r) => h.call.once('hangup', r));
  h.call.receive(Buffer.from('{"type":"hangup"}'), false);
  assert.deepEqual(await ended, { by: 'remote', reason: 'the browser hung up' });
});
