// Two MediaSessions on loopback: a played tone arrives (PCMU, G.722, Opus — always as 8 kHz frames),
// speech correlates end to end, DTMF crosses as RFC 4733 or in-band, and sipp's RFC 4733 captures
// replayed at a session give one event per digit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { readFileSync, readdirSync } from 'node:fs';
import type { CodecSpec } from '../../src/media/codec.js';
import type { DtmfEvent } from '../../src/telephony/call.js';
import { decodeWav } from '../../src/media/wav.js';
import { bestLagCorrelation, dominantFrequency, energyEnvelope } from '../helpers/audio.js';
import { readPcapUdp } from '../helpers/pcap.js';
import { media, openPair, record, sine, sleep, source, until } from './media-fixtures.js';

const CODECS: CodecSpec[] = [
  { name: 'PCMU', payloadType: 0, clockRate: 8000, channels: 1 },
  { name: 'PCMA', payloadType: 8, clockRate: 8000, channels: 1 },
  { name: 'G722', payloadType: 9, clockRate: 8000, channels: 1 },
  { name: 'opus', payloadType: 111, clockRate: 48000, channels: 2 },
];

for (const codec of CODECS) {
  test(`${codec.name}: a 1 kHz tone played on A is heard on B as steady 8 kHz frames`, async () => {
    const { a, b, close } = await openPair({ codec });
    try {
      const heard = record(b);
      b.on('audio', (chunk) => assert.equal(chunk.sampleRate, 8000));
      const rate = codec.name === 'opus' ? 48000 : codec.name === 'G722' ? 16000 : 8000;
      assert.equal(await a.play(source({ samples: sine(1000, 1000, rate), sampleRate: rate })), 'finished');
      const framesAtEnd = heard.frames();
      await until(() => heard.frames() >= framesAtEnd + 15); // 300 ms of B's ticks: its jitter buffer has drained
      const samples = heard.samples();
      const envelope = energyEnvelope(samples);
      const loud = [...envelope].filter((e) => e > 3000).length;
      assert.ok(loud >= 45 && loud <= 52, `${loud} loud frames for a 1 s tone`);
      const start = [...envelope].findIndex((e) => e > 3000);
      assert.equal(dominantFrequency(samples.subarray((start + 5) * 160, (start + 45) * 160), 8000), 1000);
      a.close(); // stop the stream, so every packet sent has arrived when we count
      await sleep(100);
      const stats = b.stats();
      assert.equal(stats.packetsLost, 0);
      assert.ok(stats.packetsReceived >= 50);
      assert.equal(stats.packetsReceived, a.stats().packetsSent);
    } finally {
      close();
    }
  });
}

test('corpus speech at 24 kHz (a TTS rate) crosses PCMU and correlates with what was sent', async () => {
  const { a, b, close } = await openPair();
  try {
    const dir = '../shared/eval/speech-dev';
    const file = readdirSync(dir).filter((f) => f.endsWith('.wav')).sort()[3]!;
    const speech = decodeWav(readFileSync(`${dir}/${file}`));
    const heard = record(b);
    // Hand it over at 24 kHz in odd-sized chunks, as a TTS stream would.
    const { Resampler } = await import('../../src/media/resample.js');
    const up = new Resampler(speech.sampleRate, 24000).process(speech.samples);
    const chunks = Array.from({ length: Math.ceil(up.length / 1234) }, (_, i) => ({ samples: up.subarray(i * 1234, (i + 1) * 1234), sampleRate: 24000 }));
    assert.equal(await a.play(source(...chunks)), 'finished');
    const framesAtEnd = heard.frames();
    await until(() => heard.frames() >= framesAtEnd + 15);
    const { r } = bestLagCorrelation(energyEnvelope(speech.samples), energyEnvelope(heard.samples()), 40);
    assert.ok(r > 0.95, `envelope correlation ${r}`);
  } finally {
    close();
  }
});

test('DTMF: RFC 4733 when negotiated, in-band tones otherwise; one event per digit', async () => {
  for (const telephoneEvent of [{ payloadType: 101, clockRate: 8000 }, undefined]) {
    const { a, b, close } = await openPair({ telephoneEvent });
    try {
      const digits: DtmfEvent[] = [];
      b.on('dtmf', (d) => digits.push(d));
      await a.sendDtmf('19#*');
      await until(() => digits.length >= 4, 3000).catch(() => undefined);
      await sleep(200);
      assert.equal(digits.map((d) => d.digit).join(''), '19#*');
      assert.ok(digits.every((d) => d.source === (telephoneEvent ? 'rfc4733' : 'inband')));
      await assert.rejects(a.sendDtmf('12x'), RangeError);
    } finally {
      close();
    }
  }
});

test('sipp RFC 4733 captures replayed at a session: one event per digit, SIP INFO duplicates dropped', async () => {
  const { a, b, close } = await openPair();
  const sender = createSocket('udp4');
  try {
    await new Promise<void>((resolve) => sender.bind(0, '127.0.0.1', resolve));
    const digits: DtmfEvent[] = [];
    b.on('dtmf', (d) => digits.push(d));
    b.configure(media(sender.address().port));
    a.close(); // only the replayed stream talks to B
    for (const name of ['1', '2', 'pound']) {
      for (const datagram of readPcapUdp(`/usr/share/sip-tester/dtmf_2833_${name}.pcap`)) {
        sender.send(datagram.payload, b.localPort, '127.0.0.1');
        await sleep(20);
      }
      await sleep(100);
    }
    b.injectDtmf({ digit: '#', source: 'sip-info', durationMs: 250 }); // the same key, also via INFO
    await sleep(100);
    b.injectDtmf({ digit: '5', source: 'sip-info', durationMs: 250 });
    assert.deepEqual(digits.map((d) => `${d.digit}:${d.source}:${d.durationMs}`), [
      '1:rfc4733:280', '2:rfc4733:280', '#:rfc4733:280', '5:sip-info:250',
    ]);
  } finally {
    sender.close();
    close();
  }
});

test('sipp g711a.pcap (PCMA, 30 ms packets) replayed at a session comes out as 20 ms frames of the same audio', async () => {
  const { a, b, close } = await openPair({ codec: { name: 'PCMA', payloadType: 8, clockRate: 8000, channels: 1 } });
  const sender = createSocket('udp4');
  try {
    await new Promise<void>((resolve) => sender.bind(0, '127.0.0.1', resolve));
    a.close();
    const heard = record(b);
    const { parseRtp } = await import('../../src/media/rtp.js');
    const { alawDecode } = await import('../../src/media/codecs/g711.js');
    const datagrams = readPcapUdp('/usr/share/sip-tester/g711a.pcap').slice(0, 100);
    const sent: Int16Array[] = [];
    const start = performance.now();
    for (const [i, datagram] of datagrams.entries()) {
      const parsed = parseRtp(datagram.payload);
      assert.ok(parsed.ok);
      sent.push(alawDecode(parsed.packet.payload));
      sender.send(datagram.payload, b.localPort, '127.0.0.1');
      await sleep(Math.max(0, start + (i + 1) * 30 - performance.now())); // the capture's own 30 ms pacing
    }
    await sleep(300);
    const original = Int16Array.from(sent.flatMap((s) => [...s]));
    const { r } = bestLagCorrelation(energyEnvelope(original), energyEnvelope(heard.samples()), 60);
    assert.ok(r > 0.9, `envelope correlation ${r}`);
    const stats = b.stats();
    assert.equal(stats.packetsReceived, 100);
    assert.equal(stats.packetsLost, 0);
    assert.equal(stats.late, 0);
  } finally {
    sender.close();
    close();
  }
});
