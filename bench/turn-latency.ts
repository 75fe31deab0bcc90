// Turn latency on the wire: sipp callers ask a question over and over; tshark captures loopback; for
// every turn, the time from the caller's last speech packet to frontdesk's first reply packet with
// sound, p50/p95 over >= 50 turns; plus ACK -> first greeting packet. Peer: the same measurement
// against a sipp -rtp_echo UAS (the transport floor). Caller speech: corpus request-149 (flite kal).
// Also where each turn's time goes (pause wait, recognition, reply start) and what was heard.
// Usage: node --import tsx bench/turn-latency.ts [--calls 5] [--turns 10]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulawDecode } from '../src/media/codecs/g711.js';
import { startSipp, killAllSipp } from '../test/helpers/sipp.js';
import { callerScenario } from '../test/helpers/sipp-caller.js';
import { freeSipPort } from '../test/helpers/ports.js';
import { CORPUS, startAssistantApp } from '../test/assistant/e2e-harness.js';

const arg = (name: string, fallback: number) => Number(process.argv[process.argv.indexOf(name) + 1]) || fallback;
const CALLS = arg('--calls', 5);
const TURNS = arg('--turns', 10);
const SPEECH_RMS = 300;
const QUESTION_TEXT = 'what are your opening hours'; // request-149's transcript (corpus manifest)

const dir = mkdtempSync(join(tmpdir(), 'frontdesk-turns-'));
const question = join(dir, 'hours.ul');
execFileSync('sox', [join(CORPUS, 'request-149.wav'), '-t', 'ul', '-r', '8000', '-c', '1', question]);

function scenario(turns: number, gapMs: number): string {
  const turn = { speak: question, durationMs: gapMs };
  return callerScenario({ from: '[field0]', telephoneEvent: false, steps: [{ pauseMs: 5000 }, ...Array<typeof turn>(turns).fill(turn)] });
}

interface Packet { t: number; src: number; dst: number; rms: number }
interface Capture { packets: Packet[]; acks: Map<string, number>; answerPorts: Map<string, number> }

/** Captures loopback UDP matching `filter` (a BPF expression) while `run` runs. */
async function capture<T>(filter: string, run: () => Promise<T>): Promise<Capture> {
  const pcap = join(dir, `cap-${Date.now()}.pcap`);
  const tshark = spawn('tshark', ['-i', 'lo', '-f', filter, '-w', pcap, '-q'], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 1500));
  await run();
  await new Promise((r) => setTimeout(r, 500));
  tshark.kill('SIGINT');
  await new Promise((r) => tshark.once('exit', r));
  const text = execFileSync('tshark', ['-r', pcap, '-o', 'rtp.heuristic_rtp:TRUE', '-T', 'fields', '-E', 'separator=|',
    '-e', 'frame.time_epoch', '-e', 'udp.srcport', '-e', 'udp.dstport', '-e', 'rtp.p_type', '-e', 'rtp.payload',
    '-e', 'sip.Method', '-e', 'sip.Status-Code', '-e', 'sip.Call-ID', '-e', 'sdp.media.port', '-e', 'sip.CSeq.method'], { maxBuffer: 1 << 30 }).toString();
  const result: Capture = { packets: [], acks: new Map(), answerPorts: new Map() };
  for (const line of text.split('\n')) {
    const [time, src, dst, pt, payload, method, status, callId, mediaPort, cseqMethod] = line.split('|');
    const t = Number(time) * 1000;
    if (method === 'ACK' && callId) result.acks.set(callId, t);
    if (status === '200' && cseqMethod === 'INVITE' && callId && mediaPort) result.answerPorts.set(callId, Number(mediaPort));
    if (pt === '0' && payload) {
      const samples = mulawDecode(Buffer.from(payload.replace(/:/g, ''), 'hex'));
      let sum = 0;
      for (const s of samples) sum += s * s;
      result.packets.push({ t, src: Number(src), dst: Number(dst), rms: Math.sqrt(sum / Math.max(1, samples.length)) });
    }
  }
  return result;
}

interface TurnSpan { port: number; end: number; reply: number }

/** Per responder port: caller utterance ends → responder's next sound onset. */
function turnSpans(cap: Capture, responderPorts: Set<number>): TurnSpan[] {
  const spans: TurnSpan[] = [];
  for (const port of responderPorts) {
    const heard = cap.packets.filter((p) => p.dst === port && p.rms > SPEECH_RMS);
    const said = cap.packets.filter((p) => p.src === port && p.rms > SPEECH_RMS);
    const ends: number[] = [];
    heard.forEach((p, i) => {
      const next = heard[i + 1];
      if (!next || next.t - p.t > 600) ends.push(p.t);
    });
    for (const end of ends) {
      const reply = said.find((p) => p.t > end);
      if (reply && reply.t - end < 8000) spans.push({ port, end, reply: reply.t });
    }
  }
  return spans;
}
const turnLatencies = (cap: Capture, ports: Set<number>) => turnSpans(cap, ports).map((s) => s.reply - s.end);

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const fmt = (v: number[], digits = 0) => `n=${v.length} p50=${pct(v, 50).toFixed(digits)} ms p95=${pct(v, 95).toFixed(digits)} ms`;

const app = await startAssistantApp({
  businessName: 'Acme',
  customers: Array.from({ length: CALLS }, (_, i) => ({ name: `Caller ${i}`, phoneNumbers: [`+1650555${2000 + i}`] })),
  faq: [{ id: 'hours', answer: 'Nine to five.', triggers: ['hours', 'open'] }],
  prompts: { anythingElse: 'Anything else?', greetingCustomer: 'Hello {name}, how can I help?' },
  options: { silenceTimeoutMs: 30000, maxCallDurationSec: 600 },
});
try {
  const range = app.config.media.rtpPorts.split('-').map(Number) as [number, number];
  const csv = `SEQUENTIAL\n${Array.from({ length: CALLS }, (_, i) => `+1650555${2000 + i}`).join('\n')}\n`;
  const ours = await capture(`udp port ${app.sipPort} or udp portrange ${range[0]}-${range[1]}`, async () => {
    const sipp = await startSipp({ scenario: scenario(TURNS, 7000), target: `127.0.0.1:${app.sipPort}`, calls: CALLS, timeoutSec: 60 + TURNS * 10,
      files: { 'c.csv': csv }, args: ['-inf', 'c.csv', '-l', String(CALLS), '-r', '5'] });
    const result = await sipp.done;
    if (result.code !== 0) console.error(`sipp exited ${result.code}: ${result.stderr.slice(-500)}`);
  });
  const ourPorts = new Set([...ours.answerPorts.values()].filter((p) => p >= range[0] && p <= range[1]));
  const turns = turnLatencies(ours, ourPorts);
  const greetings: number[] = [];
  for (const [callId, ack] of ours.acks) {
    const port = ours.answerPorts.get(callId);
    if (port === undefined || !ourPorts.has(port)) continue;
    const first = ours.packets.find((p) => p.src === port && p.t > ack && p.rms > SPEECH_RMS);
    if (first) greetings.push(first.t - ack);
  }

  const echoPort = await freeSipPort();
  const echo = await startSipp({ scenario: 'uas', port: echoPort, calls: 1, timeoutSec: 60, args: ['-rtp_echo'] });
  const peer = await capture(`udp port ${echoPort} or udp port ${echo.mediaPort}`, async () => {
    const sipp = await startSipp({ scenario: scenario(3, 4500), target: `127.0.0.1:${echoPort}`, calls: 1, timeoutSec: 60,
      files: { 'c.csv': 'SEQUENTIAL\npeer\n' }, args: ['-inf', 'c.csv'] });
    await sipp.done;
  });
  await echo.stop();
  const peerTurns = turnLatencies(peer, new Set([echo.mediaPort]));

  console.log(`frontdesk turn latency (caller's last speech packet -> first reply packet with sound): ${fmt(turns)}`);
  console.log(`frontdesk ACK -> first greeting packet with sound: ${fmt(greetings)}`);
  console.log(`peer sipp -rtp_echo (transport floor), same measurement: ${fmt(peerTurns, 2)}`);
  console.log(`ratio frontdesk/peer p50: ${(pct(turns, 50) / Math.max(0.001, pct(peerTurns, 50))).toFixed(0)}x`);
  console.log(`end of a free-speech turn: a ${app.config.speech.earlyEndMs.free} ms pause when the brain finds the words complete, else the full silence (speech.endSilenceMs.free) ${app.config.speech.endSilenceMs.free} ms`);
  // What the assistant recorded per turn: did a short pause end it, what it heard, how long recognition took.
  const recorded = app.messages.flatMap((m) => (m.type === 'call-event' && m.event.type === 'turn' ? [m.event.data] : []));
  const heardAll = recorded.filter((d) => String(d.heard).toLowerCase().replace(/[^a-z ]/g, '') === QUESTION_TEXT).length;
  console.log(`turns recorded ${recorded.length}: ended at a short pause ${recorded.filter((d) => d.endedAtPause === true).length}, heard as "${QUESTION_TEXT}" ${heardAll}; ` +
    `recognition (pause/end of speech -> final, incl. end-of-turn check): ${fmt(recorded.map((d) => Number(d.recognitionMs)))}`);
  // Where each turn's time goes, from the assistant's 'turn' record (written after classification,
  // just before the reply is spoken) matched to the wire: pause wait, recognition, reply start.
  const portOf = new Map<string, number>();
  for (const m of app.messages) {
    if (m.type !== 'call-event' || portOf.has(m.callId)) continue;
    const record = await app.app.store.getCall(m.callId);
    const port = record && ours.answerPorts.get(record.summary.sipCallId);
    if (port !== undefined) portOf.set(m.callId, port);
  }
  const turnRecords = app.messages.flatMap((m) => (m.type === 'call-event' && m.event.type === 'turn' ? [{ port: portOf.get(m.callId), at: m.event.at.getTime(), ms: Number(m.event.data.recognitionMs) }] : []));
  const parts = { wait: [] as number[], recognition: [] as number[], reply: [] as number[] };
  for (const span of turnSpans(ours, ourPorts)) {
    const record = turnRecords.find((r) => r.port === span.port && r.at > span.end && r.at <= span.reply);
    if (!record) continue;
    parts.wait.push(record.at - record.ms - span.end);
    parts.recognition.push(record.ms);
    parts.reply.push(span.reply - record.at);
  }
  console.log(`breakdown: last caller packet -> end of speech decided (VAD + pause) ${fmt(parts.wait)}; -> classified ${fmt(parts.recognition)}; -> first reply packet with sound ${fmt(parts.reply)}`);
  const heardCounts = new Map<string, number>();
  for (const d of recorded) heardCounts.set(String(d.heard), (heardCounts.get(String(d.heard)) ?? 0) + 1);
  console.log(`heard: ${[...heardCounts].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([text, n]) => `${n}x "${text}"`).join(', ')}`);
  console.log(`${CALLS} concurrent calls x ${TURNS} turns; 2 cores shared with other engineers (contention); TTS = embedded flite`);
} finally {
  killAllSipp();
  await app.close();
}
