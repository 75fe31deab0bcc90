// RFC 4733: one digit per event from sipp's real captures (3 end-packet retransmits), lost end packets,
// and the send schedule (marker start, ~50 ms updates, 3 end packets, one timestamp).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRtp } from '../rtp.js';
import { Rfc4733Receiver, Rfc4733Sender, parseTelephoneEvent } from './rfc4733.js';
import { readPcapUdp } from '../../../test/helpers/pcap.js';

const CAPTURES: [string, string][] = [
  ['0', '0'], ['1', '1'], ['2', '2'], ['3', '3'], ['4', '4'], ['5', '5'], ['6', '6'], ['7', '7'], ['8', '8'], ['9', '9'],
  ['star', '*'], ['pound', '#'],
];

function capturePackets(name: string) {
  return readPcapUdp(`/usr/share/sip-tester/dtmf_2833_${name}.pcap`).map((d) => {
    const parsed = parseRtp(d.payload);
    assert.ok(parsed.ok);
    return { ...parsed.packet, timeMs: d.timeMs };
  });
}

test('each sipp capture yields exactly one digit with its duration, despite 3 end packets', () => {
  const receiver = new Rfc4733Receiver(8000);
  const digits: string[] = [];
  for (const [name, digit] of CAPTURES) {
    const packets = capturePackets(name);
    assert.equal(packets.filter((p) => parseTelephoneEvent(p.payload)!.end).length, 3);
    const got = packets.flatMap((p) => receiver.receive(p.timestamp, p.payload, p.timeMs));
    assert.deepEqual(got, [{ digit, durationMs: 280 }], `capture ${name}`);
    digits.push(...got.map((d) => d.digit));
    assert.deepEqual(receiver.expire(packets[packets.length - 1]!.timeMs + 10_000), []);
  }
  assert.equal(digits.join(''), '0123456789*#');
});

test('an event whose end packets are all lost is reported once: by the next event, or by silence', () => {
  const packets = capturePackets('5').filter((p) => !parseTelephoneEvent(p.payload)!.end);
  const receiver = new Rfc4733Receiver(8000);
  const last = packets[packets.length - 1]!.timeMs;
  assert.deepEqual(packets.flatMap((p) => receiver.receive(p.timestamp, p.payload, p.timeMs)), []);
  assert.deepEqual(receiver.expire(last + 100), []);
  assert.deepEqual(receiver.expire(last + 600), [{ digit: '5', durationMs: 240 }]);
  assert.deepEqual(receiver.expire(last + 2000), []);
  const next = capturePackets('6');
  const viaNext = new Rfc4733Receiver(8000);
  for (const p of packets) viaNext.receive(p.timestamp, p.payload, p.timeMs);
  assert.deepEqual(viaNext.receive(next[0]!.timestamp, next[0]!.payload, next[0]!.timeMs), [{ digit: '5', durationMs: 240 }]);
});

test('garbage telephone-event payloads are ignored', () => {
  const receiver = new Rfc4733Receiver(8000);
  assert.deepEqual(receiver.receive(1, Buffer.from([1, 2]), 0), []);
  assert.deepEqual(receiver.receive(1, Buffer.from([200, 0x80, 0, 160]), 0), [], 'event 200 is not a digit');
});

test('sender: marker on the start packet, updates every ~50 ms, 3 end packets, then a pause', () => {
  const sender = new Rfc4733Sender('#', 8000);
  const ticks: ReturnType<Rfc4733Sender['step']>[] = [];
  while (!sender.done) ticks.push(sender.step());
  const events = ticks.flatMap((packets, tick) => packets.map((p) => ({ tick, marker: p.marker, ...parseTelephoneEvent(p.payload)! })));
  assert.equal(events[0]!.marker, true);
  assert.equal(events.filter((e) => e.marker).length, 1);
  assert.ok(events.every((e) => e.event === 11));
  const updates = events.filter((e) => !e.end).map((e) => e.tick * 20);
  assert.deepEqual(updates, [0, 60]);
  const ends = events.filter((e) => e.end);
  assert.equal(ends.length, 3);
  assert.ok(ends.every((e) => e.duration === 800), '100 ms at 8 kHz');
  assert.deepEqual(ends.map((e) => e.tick), [5, 6, 7]);
  assert.equal(ticks.length * 20 >= 160, true, 'tone plus inter-digit pause');
  assert.throws(() => new Rfc4733Sender('x', 8000), RangeError);
});
