// MediaSession against real peers: sipp -rtp_echo returns our RTP and we hear our own tone back;
// tshark captures both directions and `-z rtp,streams` reports 0 loss, the expected packet counts,
// and one marker bit per prompt in our stream.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { PortAllocator } from '../../src/media/ports.js';
import { MediaSession } from '../../src/media/session.js';
import { dominantFrequency, energyEnvelope } from '../helpers/audio.js';
import { freeRtpRange } from '../helpers/ports.js';
import { killAllSipp, startSipp } from '../helpers/sipp.js';
import { killAllTshark, rtpFields, rtpStreams, startCapture } from '../helpers/tshark.js';
import { media, record, silentLog, sine, sleep, source, until } from './media-fixtures.js';

after(() => {
  killAllSipp();
  killAllTshark();
});

test('sipp -rtp_echo: our tone comes back; tshark sees two loss-free streams with the exact packet counts', async () => {
  const sipp = await startSipp({ scenario: 'uas', args: ['-rtp_echo'], timeoutSec: 30 });
  const capture = await startCapture(`udp port ${sipp.mediaPort}`);
  const session = await MediaSession.open({ localAddress: '127.0.0.1', ports: new PortAllocator(await freeRtpRange(4)), logger: silentLog });
  try {
    const heard = record(session);
    session.configure(media(sipp.mediaPort));
    await sleep(200);
    assert.equal(await session.play(source({ samples: sine(1000, 1000), sampleRate: 8000 })), 'finished');
    await sleep(200);
    assert.equal(await session.play(source({ samples: sine(1000, 400), sampleRate: 8000 })), 'finished');
    const framesAtEnd = heard.frames();
    await until(() => heard.frames() >= framesAtEnd + 20); // 400 ms of our ticks: the echo is back and played out
    session.close(); // stops the stream: the capture now holds every packet we sent
    await sleep(300);
    await capture.stop();
    const sent = session.stats().packetsSent;
    const samples = heard.samples();
    const loud = [...energyEnvelope(samples)].map((e, i) => (e > 3000 ? i : -1)).filter((i) => i >= 0);
    assert.ok(loud.length >= 65 && loud.length <= 72, `${loud.length} loud echoed frames for 1.4 s of tone`);
    assert.equal(dominantFrequency(samples.subarray(loud[10]! * 160, loud[40]! * 160), 8000), 1000);

    const streams = rtpStreams(capture.file, sipp.mediaPort);
    const ours = streams.find((s) => s.dstPort === sipp.mediaPort)!;
    const echo = streams.find((s) => s.srcPort === sipp.mediaPort)!;
    assert.ok(ours && echo, `streams: ${JSON.stringify(streams)}`);
    assert.equal(ours.packets, sent);
    assert.equal(ours.lost, 0);
    assert.equal(ours.payload, 'g711U');
    assert.equal(echo.lost, 0);
    assert.equal(session.stats().packetsLost, 0);
    const markers = rtpFields(capture.file, sipp.mediaPort, ['udp.dstport', 'rtp.marker'])
      .filter(([dst, marker]) => Number(dst) === sipp.mediaPort && (marker === '1' || marker === 'True'));
    assert.equal(markers.length, 2, 'one marker bit per prompt');
  } finally {
    session.close();
    await sipp.stop();
    capture.remove();
  }
});
