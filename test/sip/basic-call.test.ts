// Real sipp callers against the in-process SIP trunk: a basic echo call, OPTIONS, 481/405, CANCEL.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { killAllSipp, runSipp } from '../helpers/sipp.js';
import { startTrunk, type TrunkHarness } from './trunk-harness.js';

const scenarios = new URL('./scenarios/', import.meta.url).pathname;
let harness: TrunkHarness | undefined;
after(async () => {
  killAllSipp();
  await harness?.stop();
});

test('sipp uac call is answered, media echoed, BYE ends it once', async () => {
  harness = await startTrunk();
  const result = await runSipp({ scenario: 'uac', target: harness.target, args: ['-d', '1000', '-rtp_echo'], timeoutSec: 15 });
  assert.equal(result.code, 0, result.stdout.slice(-3000) + result.logs);
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(harness.calls.length, 1);
  assert.deepEqual(harness.hangups.map((h) => h.by), ['remote']);
  assert.equal(harness.calls[0]!.facts.codec.name, 'PCMU');
  assert.equal(harness.telephony.status().activeCalls, 0);
});

test('OPTIONS out of dialog gets 200 with Allow and Accept, over UDP and TCP', async () => {
  const udp = await runSipp({ scenario: `${scenarios}options.xml`, target: harness!.target, timeoutSec: 5 });
  assert.equal(udp.code, 0, udp.stdout.slice(-2000) + udp.logs);
  const tcp = await runSipp({ scenario: `${scenarios}options.xml`, target: harness!.target, timeoutSec: 5, transport: 't1' });
  assert.equal(tcp.code, 0, tcp.stdout.slice(-2000) + tcp.logs);
});

test('BYE for an unknown dialog gets 481, an unsupported method 405 with Allow', async () => {
  const result = await runSipp({ scenario: `${scenarios}bye-unknown.xml`, target: harness!.target, timeoutSec: 5 });
  assert.equal(result.code, 0, result.stdout.slice(-2000) + result.logs);
});
