// Metrics and logs of the real `frontdesk serve` process (debug level, output captured), registered
// with kamailio, its LLM server down (every turn a provider error answered by the rules brain), through
// two full assistant calls from baresip: an unknown caller screened by keypad passcode (RFC 4733), and
// a customer asking to pay their bill who keys their ZIP code and hears the amount. /metrics must hold
// every family issue #7 names with observed values; every log line must be JSON, call-scoped lines must
// carry callId, and no passcode, ZIP, amount or secret may appear.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFrontdesk, type FrontdeskProcess } from '../helpers/frontdesk.js';
import { startKamailio, type Kamailio } from '../helpers/kamailio.js';
import { freeSipPort } from '../helpers/ports.js';
import { dialFrontdesk, type Caller } from '../assistant/e2e-caller.js';
import { corpusSpeech } from '../assistant/e2e-harness.js';

const TOKEN = 'metrics-admin-token-7731';
const SIP_PASSWORD = 'kam-Secret-9913';
const CUSTOMER = '+16505550177';
const UNKNOWN = '+14155550199';
const ZIP = '94110';
const GPT_KEY = 'sk-metrics-secret-5521';
const AMOUNT = 1234.56;
const AMOUNT_SPOKEN_OR_WRITTEN = /(?<!\d)1,?234(?!\d)|56 cents|one thousand two hundred/i;

interface CallEventRecord { type: string; data: Record<string, unknown> }
interface CallRecordJson { summary: { id: string; outcome?: string | null; caller: string }; events: CallEventRecord[] }

describe('metrics and logs of a real process', { timeout: 150_000 }, () => {
  let kamailio: Kamailio;
  let frontdesk: FrontdeskProcess;
  const callers: Caller[] = [];
  const passcodes: string[] = [];
  let activeDuringCall = -1;

  const api = async <T>(path: string): Promise<T> => {
    const response = await fetch(`http://127.0.0.1:${frontdesk.httpPort}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(response.status, 200, `${path}: ${response.status}`);
    return (await response.json()) as T;
  };
  const metrics = async () => (await fetch(`http://127.0.0.1:${frontdesk.httpPort}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
  const poll = async <T>(what: string, find: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await find().catch(() => undefined); // a dead process is reported below
      if (found !== undefined) return found;
      if (Date.now() > deadline || frontdesk.child.exitCode !== null || frontdesk.child.signalCode !== null) {
        throw new Error(`no ${what} (frontdesk exit ${frontdesk.child.exitCode} ${frontdesk.child.signalCode})\n${frontdesk.output().slice(-3000)}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const callOf = (number: string) =>
    poll(`call from ${number}`, async () => (await api<{ calls: { id: string; caller: string }[] }>(`/api/calls?number=${encodeURIComponent(number)}`)).calls[0]?.id);
  const eventOf = async (id: string, match: (e: CallEventRecord) => boolean, timeoutMs?: number) => {
    let seen: CallEventRecord[] = [];
    return poll(`event in ${id}`, async () => (seen = (await api<CallRecordJson>(`/api/calls/${id}`)).events).find(match), timeoutMs).catch((error: Error) => {
      throw new Error(`${error.message}\nevents: ${seen.map((e) => `${e.type}:${JSON.stringify(e.data).slice(0, 80)}`).join('\n')}`);
    });
  };
  const finished = (id: string) => poll(`end of ${id}`, async () => (await api<CallRecordJson>(`/api/calls/${id}`)).summary.outcome ?? undefined);

  before(async () => {
    kamailio = await startKamailio({ users: { frontdesk: SIP_PASSWORD } });
    frontdesk = await startFrontdesk({
      config: {
        speech: { workers: 1 },
        // The LLM brain's server is down (nothing listens there): every turn is a provider error that
        // the rules brain answers instead, and its API key is one more secret that must not be logged.
        brain: 'openai',
        cloud: { openai: { url: `http://127.0.0.1:${await freeSipPort()}/v1`, timeoutMs: 1000 } },
        sip: { accounts: [{ name: 'kam', registrar: `sip:127.0.0.1:${kamailio.port}`, username: 'frontdesk', passwordEnv: 'KAM_PASSWORD', expires: 60 }] },
        assistant: {
          businessName: 'Acme',
          customers: [{ name: 'Dana Cruz', phoneNumbers: [CUSTOMER], zip: ZIP, billing: { nextDueDate: '2026-12-15', amount: AMOUNT, status: 'due' } }],
          screening: { answerTimeoutMs: 8000 },
        },
      },
      env: { FRONTDESK_ADMIN_TOKEN: TOKEN, KAM_PASSWORD: SIP_PASSWORD, FRONTDESK_LOG_LEVEL: 'debug', GPT_API_KEY: GPT_KEY },
    });
    await poll('registration', async () => (/frontdesk_registration_up\{account="kam"\} 1/.test(await metrics()) ? true : undefined));

    // Unknown caller: screened, keys the passcode read back from the call record.
    const stranger = await dialFrontdesk(frontdesk.sipPort, UNKNOWN, 'metrics-unknown');
    callers.push(stranger);
    const strangerCall = await callOf(UNKNOWN);
    const challenge = await eventOf(strangerCall, (e) => e.type === 'screening' && e.data.stage === 'challenge');
    passcodes.push(String(challenge.data.code));
    await eventOf(strangerCall, (e) => e.type === 'listen' && e.data.context === 'digits');
    activeDuringCall = Number(/^frontdesk_active_calls (\d+)/m.exec(await metrics())?.[1]);
    await stranger.press(String(challenge.data.code));
    const attempt = await eventOf(strangerCall, (e) => e.type === 'screening' && e.data.stage === 'attempt');
    assert.equal(attempt.data.matched, true, 'the keyed passcode passed screening');
    await eventOf(strangerCall, (e) => e.type === 'listen' && e.data.context === 'free');
    await stranger.hangup();
    await finished(strangerCall);

    // Customer: asks to pay the bill, keys the ZIP, hears the amount.
    const customer = await dialFrontdesk(frontdesk.sipPort, CUSTOMER, 'metrics-customer');
    callers.push(customer);
    const customerCall = await callOf(CUSTOMER);
    await eventOf(customerCall, (e) => e.type === 'listen' && e.data.context === 'free');
    await customer.say(corpusSpeech(customer.dir, 'request-134.wav')); // "I want to pay my bill"
    await eventOf(customerCall, (e) => e.type === 'listen' && e.data.context === 'digits'); // asked for the ZIP
    await customer.press(ZIP);
    await eventOf(customerCall, (e) => e.type === 'billing');
    await poll('billing read', async () => ((await api<CallRecordJson>(`/api/calls/${customerCall}`)).events.filter((e) => e.type === 'listen').length >= 3 ? true : undefined));
    await customer.hangup();
    await finished(customerCall);
    // What the logs must not repeat was really said on these calls (so the checks below have teeth).
    const prompts = async (id: string) => (await api<CallRecordJson>(`/api/calls/${id}`)).events.filter((e) => e.type === 'prompt').map((e) => String(e.data.text)).join(' ');
    assert.match(await prompts(customerCall), AMOUNT_SPOKEN_OR_WRITTEN);
    assert.match(await prompts(strangerCall), new RegExp([...passcodes[0]!].join(', ')));
  });
  after(async () => {
    for (const caller of callers) await caller.stop().catch(() => {});
    await frontdesk?.stop();
    await kamailio?.stop();
  });

  it('exposes every family issue #7 names, with observed values', async () => {
    const text = await metrics();
    const value = (pattern: RegExp): number => Number(pattern.exec(text)?.[1] ?? NaN);
    assert.equal(activeDuringCall, 1, 'one call in progress while screening');
    assert.equal(value(/^frontdesk_active_calls (\d+)/m), 0, 'no call in progress after both ended');
    assert.equal(value(/^frontdesk_calls_total\{outcome="caller-hangup"\} (\d+)/m), 2, text.match(/^frontdesk_calls_total.*$/gm)?.join('\n'));
    assert.ok(value(/^frontdesk_turn_latency_seconds_count (\d+)/m) >= 1, 'turn latency observed');
    assert.ok(value(/^frontdesk_stt_latency_seconds_count\{provider="pocketsphinx"\} (\d+)/m) >= 1, 'STT latency observed');
    assert.ok(value(/^frontdesk_tts_first_audio_seconds_count\{provider="[a-z-]+",cache="miss"\} (\d+)/m) >= 1, 'TTS latency observed');
    assert.equal(value(/^frontdesk_rtp_loss_ratio_count (\d+)/m), 2, 'RTP loss observed once per call');
    assert.equal(value(/^frontdesk_rtp_jitter_seconds_count (\d+)/m), 2, 'RTP jitter observed once per call');
    assert.equal(value(/^frontdesk_registration_up\{account="kam"\} (\d+)/m), 1);
    assert.ok(value(/^frontdesk_provider_errors_total\{provider="openai",kind="fallback"\} (\d+)/m) >= 1, 'LLM failures counted');
    assert.ok(value(/^frontdesk_sip_messages_total\{direction="in",kind="INVITE"\} (\d+)/m) >= 2, 'INVITEs received');
    assert.ok(value(/^frontdesk_sip_messages_total\{direction="out",kind="REGISTER"\} (\d+)/m) >= 1, 'REGISTER sent');
    assert.ok(value(/^frontdesk_sip_messages_total\{direction="out",kind="2xx"\} (\d+)/m) >= 2, '200 OKs sent');
    assert.ok(value(/^frontdesk_sip_messages_total\{direction="in",kind="BYE"\} (\d+)/m) >= 2, 'BYEs received');
  });

  it('logs JSON only, callId on call-scoped lines, and no caller PII or secret', () => {
    const lines = frontdesk.output().split('\n').filter((line) => line.trim() !== '');
    assert.ok(lines.length > 6, `only ${lines.length} log lines:\n${lines.join("\n")}`);
    const parsed = lines.map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        assert.fail(`not JSON: ${line.slice(0, 200)}`);
      }
    });
    const callIds = new Set<string>();
    for (const entry of parsed) if (typeof entry.callId === 'string') callIds.add(entry.callId);
    assert.ok(callIds.size >= 2, `call-scoped lines of both calls (${[...callIds].join(', ')})`);
    // A line naming a caller or a call, or about a call's media, must say which call.
    const callMarkers = [CUSTOMER, UNKNOWN, ...callIds];
    for (const [i, entry] of parsed.entries()) {
      const aboutACall = callMarkers.some((marker) => lines[i]!.includes(marker)) || 'rtpPort' in entry; // a media session is one call's
      if (aboutACall) assert.equal(typeof entry.callId, 'string', `call-scoped line without callId: ${lines[i]!.slice(0, 300)}`);
    }
    const digitsLoose = (digits: string) => new RegExp(`(?<!\\d)${[...digits].join('\\D{0,2}')}(?!\\d)`);
    const forbidden: Array<[string, RegExp]> = [
      ...passcodes.map((code): [string, RegExp] => [`passcode ${code}`, digitsLoose(code)]),
      ['ZIP code', digitsLoose(ZIP)],
      ['billing amount', AMOUNT_SPOKEN_OR_WRITTEN],
      ['SIP password', new RegExp(SIP_PASSWORD)],
      ['admin token', new RegExp(TOKEN)],
      ['LLM API key', new RegExp(GPT_KEY)],
    ];
    for (const line of lines) {
      const withoutTime = line.replace(/"time":"[^"]*"/, '');
      for (const [what, pattern] of forbidden) assert.doesNotMatch(withoutTime, pattern, `${what} logged: ${line.slice(0, 400)}`);
    }
  });
});
