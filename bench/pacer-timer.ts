// How precisely the shared pacer wakes: sub-tick lateness (hrtime at the slot's first listener minus
// its deadline) with the PreciseTimer worker versus plain setTimeout (1 ms granularity), and with the
// period's 20 slots versus everyone on one tick — under 100 MediaSessions (50 loopback pairs, PCMU,
// playing and receiving) on a private PacingClock per setting. Also event-loop delay and CPU.
// Usage: node --import tsx bench/pacer-timer.ts [sessions=100] [seconds=6] [rounds=2]
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { PacingClock, type PacingClockOptions } from '../src/media/clock.js';
import type { NegotiatedMedia } from '../src/media/codec.js';
import { PortAllocator } from '../src/media/ports.js';
import { MediaSession } from '../src/media/session.js';
import { rootLogger } from '../src/log.js';
import { freeUdpPort } from '../test/helpers/ports.js';

const SESSIONS = Number(process.argv[2] ?? 100);
const SECONDS = Number(process.argv[3] ?? 6);
const ROUNDS = Number(process.argv[4] ?? 2);
const SETTINGS: { name: string; options: PacingClockOptions }[] = [
  { name: 'precise timer, 20 slots', options: {} },
  { name: 'setTimeout,    20 slots', options: { setTimer: (callback, ms) => setTimeout(callback, ms), clearTimer: (t) => clearTimeout(t as NodeJS.Timeout) } },
  { name: 'precise timer,  1 slot ', options: { slots: 1 } },
];
const log = rootLogger.child({}, { level: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function tone(): AsyncIterable<{ samples: Int16Array; sampleRate: number }> {
  const samples = Int16Array.from({ length: 8000 }, (_, i) => Math.round(6000 * Math.sin((2 * Math.PI * 440 * i) / 8000)));
  return (async function* () {
    for (;;) yield { samples, sampleRate: 8000 };
  })();
}

interface Figures { lateP50: number; lateP99: number; lateMax: number; loopP99: number; cpuPct: number; skipped: number }

const pick = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function measure(options: PacingClockOptions, ports: PortAllocator): Promise<Figures> {
  const clock = new PacingClock(options);
  const lateness: number[] = [];
  // One probe per slot, subscribed first, so it sees when the slot's sends start.
  const probe = (_tick: number, deadline: bigint) => lateness.push(Number(process.hrtime.bigint() - deadline) / 1e6);
  const stopProbes = Array.from({ length: clock.slots }, (_, slot) => clock.subscribe(probe, 0, slot));
  const sessions: MediaSession[] = [];
  for (let i = 0; i < SESSIONS; i++) sessions.push(await MediaSession.open({ localAddress: '127.0.0.1', ports, logger: log, clock }));
  sessions.forEach((session, i) => {
    const peer = sessions[i ^ 1] ?? session;
    const media: NegotiatedMedia = {
      codec: { name: 'PCMU', payloadType: 0, clockRate: 8000, channels: 1 }, ptime: 20, direction: 'sendrecv',
      remote: { address: '127.0.0.1', port: peer.localPort, rtcpPort: peer.localRtcpPort },
    };
    session.configure(media);
    void session.play(tone());
  });
  await sleep(1000);
  lateness.length = 0;
  const skippedBefore = clock.stats.skipped;
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  await sleep(SECONDS * 1000);
  const wall = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  loop.disable();
  const sorted = [...lateness].sort((a, b) => a - b);
  const figures: Figures = {
    lateP50: pick(sorted, 0.5), lateP99: pick(sorted, 0.99), lateMax: sorted[sorted.length - 1] ?? NaN,
    loopP99: loop.percentile(99) / 1e6, cpuPct: ((cpu.user + cpu.system) / 1000 / wall) * 100, skipped: clock.stats.skipped - skippedBefore,
  };
  for (const session of sessions) session.close();
  stopProbes.forEach((stop) => stop());
  await sleep(300);
  return figures;
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`pacer-timer: ${SESSIONS} MediaSessions, ${SECONDS} s per setting, ${ROUNDS} interleaved rounds; load average ${load()}`);
const base = await freeUdpPort(2);
const ports = new PortAllocator({ min: base, max: Math.min(65535, base + 4 * SESSIONS + 200) });
const results = new Map<string, Figures[]>(SETTINGS.map((s) => [s.name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const setting of round % 2 === 0 ? SETTINGS : [...SETTINGS].reverse()) results.get(setting.name)!.push(await measure(setting.options, ports));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
for (const [name, runs] of results) {
  const keys = Object.keys(runs[0]!) as (keyof Figures)[];
  const f = Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))])) as unknown as Figures;
  console.log(`  ${name}: sub-tick lateness p50 ${f.lateP50.toFixed(3)} ms, p99 ${f.lateP99.toFixed(3)} ms, max ${f.lateMax.toFixed(3)} ms; ` +
    `event-loop delay p99 ${f.loopP99.toFixed(2)} ms; CPU ${f.cpuPct.toFixed(1)} %; skipped ${f.skipped}`);
}
console.log(`  load average at the end ${load()}`);
process.exit(0);
