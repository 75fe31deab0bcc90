// A blocked number is declined before answering: sipp sees 603 Decline and never a 200, and the
// call's record says why. sipp's scenario fails the run if any 200 arrives.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { runSipp, killAllSipp } from '../helpers/sipp.js';
import { callerScenario } from '../helpers/sipp-caller.js';
import { startAssistantApp, type AssistantApp } from './e2e-harness.js';

let app: AssistantApp | undefined;
after(async () => {
  killAllSipp();
  await app?.close();
});

const scenario = (from: string) => callerScenario({ from, final: 603, steps: [{ pauseMs: 1500 }] });

test('blocked number: 603 Decline, no 200 ever sent, recorded as rejected', { timeout: 60_000 }, async () => {
  app = await startAssistantApp({ blocked: ['+1 900 555 0199'] });
  const result = await runSipp({ scenario: scenario('+19005550199'), target: `127.0.0.1:${app.sipPort}`, timeoutSec: 15 });
  assert.equal(result.code, 0, `sipp failed:\n${result.stderr}\n${result.logs}`);
  const callId = await app.waitForCall('+19005550199');
  assert.equal(await app.waitForFinish(callId), 'rejected-blocked');
  const record = await app.app.store.getCall(callId);
  assert.equal(record?.summary.identity, 'blocked');
  assert.deepEqual(record?.events.find((e) => e.type === 'rejected')?.data, { status: 603, reason: 'blocked' });
  assert.equal(record?.events.some((e) => e.type === 'answered'), false);
});
