// Jitter buffer: reorder, duplicate and late drops, playout delay, gaps for concealment, overflow, re-anchoring, shrinking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JitterBuffer, type JitterItem } from './jitter-buffer.js';

const packet = (seq: number, marker = false) => ({
  sequenceNumber: seq & 0xffff, timestamp: (1000 + seq * 160) >>> 0, marker, payload: Buffer.from([seq & 0xff]),
});
const describe = (item: JitterItem): string =>
  item.kind === 'packet' ? `p${item.packet.payload[0]}` : item.kind === 'gap' ? `gap${item.durationTs}` : 'empty';

test('reorders, waits for the playout delay, and reports a lost packet as a gap', () => {
  const buffer = new JitterBuffer({ delayTs: 160, maxTs: 2000 });
  assert.equal(describe(buffer.next(160)), 'empty');
  buffer.push(packet(1), 160);
  assert.equal(describe(buffer.next(160)), 'empty', 'one frame is no slack yet');
  for (const seq of [3, 2, 5, 6]) assert.equal(buffer.push(packet(seq), 160), 'queued'); // 4 is lost
  const played = Array.from({ length: 6 }, () => describe(buffer.next(160)));
  assert.deepEqual(played, ['p1', 'p2', 'p3', 'gap160', 'p5', 'p6']);
  assert.equal(describe(buffer.next(160)), 'empty');
  assert.equal(buffer.counters.underruns, 1);
});

test('duplicates and packets older than the play point are dropped', () => {
  const buffer = new JitterBuffer({ delayTs: 0, maxTs: 2000 });
  buffer.push(packet(10), 160);
  buffer.push(packet(11), 160);
  assert.equal(buffer.push(packet(11), 160), 'duplicate');
  assert.equal(describe(buffer.next(160)), 'p10');
  assert.equal(describe(buffer.next(160)), 'p11');
  assert.equal(buffer.push(packet(10), 160), 'duplicate', 'already played');
  assert.equal(buffer.push(packet(9), 160), 'late');
  assert.deepEqual(buffer.counters, { duplicate: 2, late: 1, overflowDropped: 0, underruns: 0 });
});

test('sequence and timestamp wrap-around keep the order', () => {
  const buffer = new JitterBuffer({ delayTs: 160, maxTs: 2000 });
  const wrapped = (i: number) => ({ sequenceNumber: (65534 + i) & 0xffff, timestamp: (0xffffff00 + i * 160) >>> 0, marker: false, payload: Buffer.from([i]) });
  for (const i of [0, 2, 1, 3]) buffer.push(wrapped(i), 160);
  assert.deepEqual(Array.from({ length: 4 }, () => describe(buffer.next(160))), ['p0', 'p1', 'p2', 'p3']);
});

test('a sender running fast is trimmed back to the playout delay', () => {
  const buffer = new JitterBuffer({ delayTs: 160, maxTs: 960 });
  for (let seq = 0; seq < 10; seq++) buffer.push(packet(seq), 160);
  assert.ok(buffer.depthTs <= 960);
  assert.ok(buffer.counters.overflowDropped > 0);
  assert.equal(describe(buffer.next(160)), `p${buffer.counters.overflowDropped}`);
});

test('a new talkspurt (marker) after silence re-anchors instead of being dropped as late', () => {
  const buffer = new JitterBuffer({ delayTs: 0, maxTs: 2000 });
  buffer.push(packet(100), 160);
  assert.equal(describe(buffer.next(160)), 'p100');
  assert.equal(describe(buffer.next(160)), 'empty');
  // The peer restarted its timestamps far behind our play point (e.g. after a re-INVITE).
  const restarted = { sequenceNumber: 101, timestamp: 50, marker: true, payload: Buffer.from([42]) };
  assert.equal(buffer.push(restarted, 160), 'queued');
  assert.equal(describe(buffer.next(160)), 'p42');
});

test('timestamp discontinuities without a marker: a backward jump is followed, a forward leap is skipped', () => {
  const buffer = new JitterBuffer({ delayTs: 0, maxTs: 1000 });
  for (let seq = 0; seq < 3; seq++) buffer.push(packet(seq), 160);
  for (let i = 0; i < 3; i++) assert.equal(describe(buffer.next(160)), `p${i}`);
  const restarted = (i: number) => ({ sequenceNumber: 3 + i, timestamp: 7 + i * 160, marker: false, payload: Buffer.from([100 + i]) });
  const outcomes = Array.from({ length: 12 }, (_, i) => buffer.push(restarted(i), 160));
  assert.equal(outcomes.filter((o) => o === 'late').length, 9, 'dropped as late until the run proves a jump');
  assert.equal(describe(buffer.next(160)), 'p109');
  const leap = { sequenceNumber: 20, timestamp: 7 + 11 * 160 + 8000 * 600, marker: false, payload: Buffer.from([7]) };
  buffer.push(leap, 160);
  const played = Array.from({ length: 3 }, () => describe(buffer.next(160)));
  assert.ok(played.includes('p7'), `a 10-minute leap is not concealed frame by frame (${played.join(',')})`);
});

test('on an arrival clock, a single packet plays once it has waited the delay (slack, not whole frames)', () => {
  const buffer = new JitterBuffer({ delayTs: 40, maxTs: 2000 }); // 5 ms at 8 kHz
  buffer.push(packet(0), 160, 1000);
  assert.equal(describe(buffer.next(160, 1020)), 'empty', 'waited 2.5 ms of 5');
  assert.equal(describe(buffer.next(160, 1040)), 'p0');
});

test('a second of packets that all waited a frame longer than the delay makes a shrink due', () => {
  const buffer = new JitterBuffer({ delayTs: 160, maxTs: 4000 });
  const arrival = (seq: number) => seq * 160;
  let seq = 0;
  for (; seq < 2; seq++) buffer.push(packet(seq), 160, arrival(seq));
  for (let pull = 0; pull < 50; pull++) {
    assert.equal(buffer.shrinkDue(160), false);
    buffer.push(packet(seq), 160, arrival(seq));
    assert.equal(describe(buffer.next(160, arrival(seq))), `p${pull & 0xff}`, 'each waited two frames');
    seq++;
  }
  assert.equal(buffer.shrinkDue(160), true, 'a delay of 160 was asked for, 320 was held');
  buffer.setDelayTs(320);
  assert.equal(buffer.shrinkDue(160), false, 'no excess at the larger delay');
  buffer.setDelayTs(160);
  buffer.restartWaits();
  assert.equal(buffer.shrinkDue(160), false, 'measured afresh after a drop');
});
