// 20 concurrent calls through the real app, placed by four sipp UACs at once (5 calls each, caller
// numbers from an injection file): customers asking the hours, customers saying goodbye, silent
// customers who hang up, and blocked numbers. Every call must end with its own group's outcome,
// greet its own customer, and hear only its own caller (silent callers have no turns at all).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSipp, killAllSipp } from '../helpers/sipp.js';
import { callerScenario } from '../helpers/sipp-caller.js';
import { callerSpeech, CORPUS, startAssistantApp, type AssistantApp } from './e2e-harness.js';

const FIRST = ['Alice', 'Brian', 'Carla', 'Derek', 'Elena', 'Frank', 'Grace', 'Henry', 'Irene', 'Jacob', 'Karen', 'Louis', 'Megan', 'Nolan', 'Olive'];
const number = (i: number) => `+1650555${String(1000 + i)}`;
const blocked = (i: number) => `+1900555${String(1000 + i)}`;

const from = '[field0]';
const speak = (file: string, ms: number) => [{ pauseMs: 6000 }, { speak: file, durationMs: ms }];

let app: AssistantApp | undefined;
after(async () => {
  killAllSipp();
  await app?.close();
});

test('20 concurrent calls, each with its own outcome and its own audio', { timeout: 120_000 }, async () => {
  const frontdesk = await startAssistantApp({
    businessName: 'Acme',
    customers: FIRST.map((name, i) => ({ name: `${name} Tester`, phoneNumbers: [number(i)] })),
    blocked: [0, 1, 2, 3, 4].map(blocked),
    faq: [{ id: 'hours', answer: 'We are open nine to five.', triggers: ['hours', 'open'] }],
    options: { silenceTimeoutMs: 4000, silenceReprompts: 0 },
  });
  app = frontdesk;
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-concurrent-'));
  const ul = (wav: string, name: string) => {
    const out = join(dir, `${name}.ul`);
    execFileSync('sox', [wav, '-t', 'ul', '-r', '8000', '-c', '1', out]);
    return out;
  };
  const hours = ul(join(CORPUS, 'request-149.wav'), 'hours');
  const bye = ul(callerSpeech(dir, 'bye', 'no thanks, that is all, goodbye', 'slt', 0), 'bye');
  const csv = (numbers: string[]) => `SEQUENTIAL\n${numbers.join('\n')}\n`;
  const group = (scenario: string, numbers: string[]) =>
    startSipp({ scenario, target: `127.0.0.1:${frontdesk.sipPort}`, calls: 5, timeoutSec: 90, files: { 'callers.csv': csv(numbers) }, args: ['-inf', 'callers.csv', '-l', '5', '-r', '10'] });
  const groups = {
    hours: await group(callerScenario({ from, steps: speak(hours, 2500), hangup: 'callee' }), [0, 1, 2, 3, 4].map(number)),
    goodbye: await group(callerScenario({ from, steps: speak(bye, 2500), hangup: 'callee' }), [5, 6, 7, 8, 9].map(number)),
    silent: await group(callerScenario({ from, steps: [{ pauseMs: 5000 }] }), [10, 11, 12, 13, 14].map(number)),
    blocked: await group(callerScenario({ from, final: 603 }), [0, 1, 2, 3, 4].map(blocked)),
  };
  for (const [name, sipp] of Object.entries(groups)) {
    const result = await sipp.done;
    assert.equal(result.code, 0, `${name}: ${result.stderr.slice(-2000)}\n${result.logs.slice(-3000)}`);
  }
  await new Promise((r) => setTimeout(r, 500));
  const calls = await frontdesk.app.store.listCalls({ limit: 100 });
  assert.equal(calls.length, 20);
  const expected = (caller: string): string => {
    const i = Number(caller.slice(-4)) - 1000;
    if (caller.startsWith('+1900')) return 'rejected-blocked';
    return i < 5 ? 'timeout' : i < 10 ? 'completed' : 'caller-hangup';
  };
  for (const summary of calls) {
    const record = await frontdesk.app.store.getCall(summary.id);
    const turns = record!.events.filter((e) => e.type === 'turn');
    const detail = `${summary.caller}: ${record!.events.map((e) => `${e.type}:${JSON.stringify(e.data).slice(0, 90)}`).join('\n')}`;
    assert.equal(summary.outcome, expected(summary.caller), detail);
    if (summary.outcome === 'rejected-blocked') continue;
    const i = Number(summary.caller.slice(-4)) - 1000;
    const greeting = record!.events.find((e) => e.type === 'prompt');
    assert.match(String(greeting?.data.text), new RegExp(`Acme, ${FIRST[i]}!`), detail);
    if (i < 5) assert.equal((turns[0]?.data.classification as { intent?: string })?.intent, 'question', detail);
    if (i >= 5 && i < 10) assert.equal(turns[0]?.data.next, 'goodbye', detail);
    if (i >= 10) assert.equal(turns.length, 0, detail);
  }
});
