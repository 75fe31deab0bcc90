// 500 sipp calls (100 calls/s, up to 100 at once) against the in-process trunk: none may fail.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { killAllSipp, runSipp, sippStat } from '../helpers/sipp.js';
import { startTrunk, type TrunkHarness } from './trunk-harness.js';

let harness: TrunkHarness | undefined;
after(async () => {
  killAllSipp();
  await harness?.stop();
});

test('500 calls at 100 calls/s complete with 0 failed calls', async () => {
  harness = await startTrunk();
  const result = await runSipp({
    scenario: 'uac', target: harness.target, calls: 500, timeoutSec: 45,
    args: ['-r', '100', '-l', '100', '-d', '500', '-trace_stat', '-fd', '1', '-recv_timeout', '5000'],
  });
  assert.equal(sippStat(result, 'FailedCall(C)'), 0, result.logs.slice(-3000));
  assert.equal(sippStat(result, 'SuccessfulCall(C)'), 500);
  assert.equal(result.code, 0);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(harness.hangups.length, 500);
  assert.equal(harness.telephony.status().activeCalls, 0);
});
