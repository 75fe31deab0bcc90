// 1,000 concurrent MediaSessions on loopback, each playing a tone to and receiving audio from an echoing
// peer in another process (as a PBX would be): frontdesk's send jitter as the receiver sees it (kernel
// capture timestamps via tshark, per-stream inter-arrival deltas), CPU and RSS per session of
// frontdesk's process alone; then the same measure for baresip streaming a WAV, and the ratio.
// Usage: node --import tsx bench/media-concurrency.ts [sessions=1000] [seconds=20] [baresipCalls=5] [slots=20]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { PacingClock } from '../src/media/clock.js';
import type { NegotiatedMedia } from '../src/media/codec.js';
import { PortAllocator } from '../src/media/ports.js';
import { MediaSession } from '../src/media/session.js';
import { rootLogger } from '../src/log.js';
import { Baresip } from '../test/helpers/baresip.js';
import { freeSipPort, freeUdpPort } from '../test/helpers/ports.js';
import { startSipp } from '../test/helpers/sipp.js';
import { startCapture } from '../test/helpers/tshark.js';

const SESSIONS = Number(process.argv[2] ?? 1000);
const SECONDS = Number(process.argv[3] ?? 20);
const BARESIP_CALLS = Number(process.argv[4] ?? 5);
const SLOTS = Number(process.argv[5] ?? 20); // 1: every session sends on the same tick (the old pacer)
const SAMPLE_STREAMS = 40; // streams whose every packet is captured and analysed
const log = rootLogger.child({}, { level: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface JitterFigures { streams: number; packets: number; p50: number; p99: number; max: number; meanDelta: number }

/** Inter-arrival deltas per stream (src→dst port) from capture timestamps, skipping the first second. */
function analyse(file: string, filter: string): JitterFigures {
  const out = spawnSync('tshark', ['-r', file, '-Y', filter, '-T', 'fields', '-e', 'frame.time_epoch', '-e', 'udp.srcport', '-e', 'udp.dstport'],
    { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout;
  const streams = new Map<string, number[]>();
  for (const line of out.trim().split('\n')) {
    const [time, src, dst] = line.split('\t');
    if (!time || Number(dst) % 2 === 1) continue; // RTP only (RTCP goes to the odd port)
    const key = `${src}>${dst}`;
    (streams.get(key) ?? streams.set(key, []).get(key)!).push(Number(time) * 1000);
  }
  const deviations: number[] = [];
  let deltaSum = 0;
  for (const times of streams.values()) {
    for (let i = 51; i < times.length; i++) {
      const delta = times[i]! - times[i - 1]!;
      deltaSum += delta;
      deviations.push(Math.abs(delta - 20));
    }
  }
  deviations.sort((a, b) => a - b);
  const pick = (q: number) => deviations[Math.min(deviations.length - 1, Math.floor(q * deviations.length))] ?? NaN;
  return { streams: streams.size, packets: deviations.length, p50: pick(0.5), p99: pick(0.99), max: deviations[deviations.length - 1] ?? NaN, meanDelta: deltaSum / deviations.length };
}

function tone(): AsyncIterable<{ samples: Int16Array; sampleRate: number }> {
  const samples = Int16Array.from({ length: 8000 }, (_, i) => Math.round(6000 * Math.sin((2 * Math.PI * 440 * i) / 8000)));
  return (async function* () {
    for (;;) yield { samples, sampleRate: 8000 };
  })();
}

/** The PBX side, in its own process: one RTP socket echoing every packet to its sender (so each
 *  session also receives 50 packets/s) and an RTCP sink. It drains its socket every millisecond rather
 *  than sleeping on it: on loopback a sender pays, inside its own send call, for waking a sleeping
 *  receiver — a cost a peer across the network never puts on frontdesk. */
const PEER = `
import ctypes, socket, sys, time
ctypes.CDLL(None).prctl(1, 15)  # PR_SET_PDEATHSIG: SIGTERM when the bench dies
port = int(sys.argv[1])
rtp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
rtp.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
rtp.bind(('127.0.0.1', port))
rtp.setblocking(False)
rtcp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
rtcp.bind(('127.0.0.1', port + 1))
print('ready', flush=True)
while True:
    time.sleep(0.001)
    try:
        while True:
            data, source = rtp.recvfrom(2048)
            rtp.sendto(data, source)
    except BlockingIOError:
        pass
`;

async function startPeer(port: number): Promise<{ port: number; cpuMs: () => number; stop: () => void }> {
  const child = spawn('python3', ['-c', PEER, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  if (ready !== 'ready') throw new Error('echo peer did not start');
  // utime + stime (fields 14 and 15 of /proc/<pid>/stat) in clock ticks of 10 ms.
  const cpuMs = () => readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ').slice(11, 13).reduce((n, f) => n + Number(f) * 10, 0);
  return { port, cpuMs, stop: () => void child.kill() };
}

/** Time the main thread was runnable but waiting for a CPU (Linux schedstat): other processes' share. */
const runQueueWaitMs = (): number => Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;

interface Ours { jitter: JitterFigures; cpuPercent: number; runQueuePercent: number; peerCpuPercent: number; rssPerSessionMb: number; loopP99: number; clock: PacingClock['stats']; received: number; lost: number }

async function ourSessions(): Promise<Ours> {
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const base = await freeUdpPort(2 * SAMPLE_STREAMS);
  const ports = new PortAllocator({ min: base, max: Math.min(65535, base + 2 * SESSIONS + 400) });
  const peer = await startPeer(await freeUdpPort(2));
  const clock = new PacingClock({ slots: SLOTS });
  const sessions: MediaSession[] = [];
  for (let i = 0; i < SESSIONS; i++) sessions.push(await MediaSession.open({ localAddress: '127.0.0.1', ports, logger: log, clock }));
  const sample = sessions.slice(0, SAMPLE_STREAMS).map((s) => s.localPort);
  // What frontdesk sends: packets leaving the sampled sessions' ports (the echo's timing is not ours).
  const capture = await startCapture(`udp src portrange ${Math.min(...sample)}-${Math.max(...sample)}`, SECONDS + 30);
  const media: NegotiatedMedia = {
    codec: { name: 'PCMU', payloadType: 0, clockRate: 8000, channels: 1 }, telephoneEvent: { payloadType: 101, clockRate: 8000 },
    ptime: 20, direction: 'sendrecv', remote: { address: '127.0.0.1', port: peer.port, rtcpPort: peer.port + 1 },
  };
  for (const session of sessions) {
    session.configure(media);
    void session.play(tone());
  }
  let frames = 0;
  for (const session of sessions) session.on('audio', () => frames++);
  await sleep(1000);
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const cpuStart = process.cpuUsage();
  const waitStart = runQueueWaitMs();
  const peerCpuStart = peer.cpuMs();
  const wallStart = performance.now();
  await sleep(SECONDS * 1000);
  const cpu = process.cpuUsage(cpuStart);
  const wall = performance.now() - wallStart;
  const runQueuePercent = ((runQueueWaitMs() - waitStart) / wall) * 100;
  const cpuPercent = ((cpu.user + cpu.system) / 1000 / wall) * 100;
  const peerCpuPercent = ((peer.cpuMs() - peerCpuStart) / wall) * 100;
  loop.disable();
  const rssPerSessionMb = (process.memoryUsage().rss - rssBefore) / SESSIONS / 1024 / 1024;
  const received = sessions.reduce((n, s) => n + s.stats().packetsReceived, 0);
  const lost = sessions.reduce((n, s) => n + s.stats().packetsLost, 0);
  for (const session of sessions) session.close();
  await sleep(500);
  peer.stop();
  await capture.stop();
  const jitter = analyse(capture.file, 'udp');
  capture.remove();
  console.log(`  audio frames emitted: ${frames} (${(frames / SESSIONS / (SECONDS + 1)).toFixed(1)}/s per session)`);
  return { jitter, cpuPercent, runQueuePercent, peerCpuPercent, rssPerSessionMb, loopP99: loop.percentile(99) / 1e6, clock: clock.stats, received, lost };
}

async function baresipPeers(): Promise<JitterFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-baresip-'));
  const wav = join(dir, 'tone.wav');
  execFileSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', wav, 'synth', String(SECONDS + 30), 'sine', '440', 'vol', '0.3']);
  const sipp = await startSipp({ scenario: 'uas', calls: BARESIP_CALLS, timeoutSec: SECONDS + 60 });
  const capture = await startCapture(`udp dst port ${sipp.mediaPort}`, SECONDS + 30);
  const phones: Baresip[] = [];
  try {
    for (let i = 0; i < BARESIP_CALLS; i++) {
      const sipPort = await freeSipPort();
      const rtp = await freeUdpPort(10);
      const phone = await Baresip.start({
        dir: mkdtempSync(join(dir, 'phone-')), sipPort, ctrlPort: await freeSipPort(), rtpPorts: [rtp, rtp + 9], audioFile: wav,
      });
      phones.push(phone);
      await phone.command('dial', `sip:bench@127.0.0.1:${sipp.port}`);
    }
    await Promise.all(phones.map((p) => p.waitFor('CALL_ESTABLISHED')));
    await sleep(Math.min(SECONDS, 10) * 1000 + 1000);
    for (const phone of phones) await phone.command('hangup');
  } finally {
    await Promise.all(phones.map((p) => p.stop()));
    await capture.stop();
    await sipp.stop();
  }
  const jitter = analyse(capture.file, 'udp');
  capture.remove();
  rmSync(dir, { recursive: true, force: true });
  return jitter;
}

const fmt = (j: JitterFigures) =>
  `${j.streams} streams, ${j.packets} deltas, mean delta ${j.meanDelta.toFixed(3)} ms, |delta−20 ms| p50 ${j.p50.toFixed(3)} ms, p99 ${j.p99.toFixed(3)} ms, max ${j.max.toFixed(3)} ms`;

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`media-concurrency: ${SESSIONS} MediaSessions (PCMU, each sending + receiving, ${SLOTS} send slots per 20 ms) for ${SECONDS} s on loopback against an echoing peer process; load average ${load()} on ${cpus().length} cores`);
const ours = await ourSessions();
console.log(`  frontdesk send jitter at the receiver (tshark, ${SAMPLE_STREAMS} sampled streams): ${fmt(ours.jitter)}`);
console.log(`  frontdesk process: CPU ${ours.cpuPercent.toFixed(1)} % of one core; RSS ${ours.rssPerSessionMb.toFixed(3)} MB per session; event-loop delay p99 ${ours.loopP99.toFixed(2)} ms; main thread waited for a CPU ${ours.runQueuePercent.toFixed(1)} % of the time (echo peer process: CPU ${ours.peerCpuPercent.toFixed(1)} %)`);
console.log(`  pacer: ${ours.clock.ticks} ticks, ${ours.clock.skipped} skipped, max lateness ${ours.clock.maxLateMs.toFixed(2)} ms; packets received ${ours.received}, lost ${ours.lost}; load average ${load()}`);
if (BARESIP_CALLS > 0) {
  const peer = await baresipPeers();
  console.log(`baresip (${BARESIP_CALLS} calls streaming a WAV to a sipp UAS) send jitter at the receiver: ${fmt(peer)}`);
  console.log(`ratio frontdesk/baresip p99 jitter: ${(ours.jitter.p99 / peer.p99).toFixed(2)} (frontdesk at ${SESSIONS} sessions vs baresip at ${BARESIP_CALLS} calls)`);
}
console.log(`targets: p99 < 1 ms → ${ours.jitter.p99 < 1 ? 'met' : 'NOT met'}; ≤ 2 MB per call → ${ours.rssPerSessionMb <= 2 ? 'met' : 'NOT met'}; load average ${load()}`);
process.exit(0);
