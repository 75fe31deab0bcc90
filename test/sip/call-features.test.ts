// Real sipp callers exercising call features of the in-process trunk: CANCEL before answer, INVITE
// without SDP, re-INVITE hold/unhold, SIP INFO and RFC 4733 DTMF, 488 for an unusable offer, REFER.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingCall, TransferResult } from '../../src/telephony/call.js';
import { killAllSipp, runSipp } from '../helpers/sipp.js';
import { answerAndEcho, startTrunk, type TrunkHarness } from './trunk-harness.js';

const scenarios = new URL('./scenarios/', import.meta.url).pathname;
let harness: TrunkHarness;
let onIncoming: (incoming: IncomingCall) => void = (incoming) => answerAndEcho(incoming, harness);
const settle = () => new Promise((r) => setTimeout(r, 300));

before(async () => {
  harness = await startTrunk({ onIncoming: (incoming) => onIncoming(incoming) });
});
after(async () => {
  killAllSipp();
  await harness.stop();
});

function reset(): void {
  harness.calls.length = 0;
  harness.hangups.length = 0;
  harness.dtmf.length = 0;
  harness.holds.length = 0;
  harness.errors.length = 0;
  onIncoming = (incoming) => answerAndEcho(incoming, harness);
}

async function sipp(scenario: string, timeoutSec = 10): Promise<void> {
  const result = await runSipp({ scenario: `${scenarios}${scenario}`, target: harness.target, service: 'frontdesk', timeoutSec });
  assert.equal(result.code, 0, `${scenario}: ${result.stdout.slice(-2500)}\n${result.logs.slice(-2500)}`);
}

test('CANCEL before answer gets 200 and 487, and answer() then fails', async () => {
  reset();
  let answerError: Error | undefined;
  onIncoming = (incoming) => {
    incoming.ring();
    setTimeout(() => incoming.answer().catch((err: Error) => (answerError = err)), 800);
  };
  await sipp('uac-cancel.xml');
  await new Promise((r) => setTimeout(r, 700));
  assert.match(String(answerError?.message), /already answered, rejected or cancelled|cancelled/);
});

test('INVITE without SDP: offer in our 200, answer taken from the ACK', async () => {
  reset();
  await sipp('uac-nosdp.xml');
  await settle();
  assert.equal(harness.calls.length, 1);
  assert.equal(harness.calls[0]!.facts.codec.name, 'PCMU');
  assert.deepEqual(harness.hangups.map((h) => h.by), ['remote']);
});

test('re-INVITE sendonly then sendrecv: answers recvonly/sendrecv and hold events true, false', async () => {
  reset();
  await sipp('uac-hold.xml');
  await settle();
  assert.deepEqual(harness.holds, [true, false]);
});

test('SIP INFO DTMF (dtmf-relay and dtmf) arrives as dtmf events', async () => {
  reset();
  await sipp('uac-info.xml');
  await settle();
  assert.deepEqual(harness.dtmf.map((d) => `${d.digit}/${d.source}`), ['5/sip-info', '7/sip-info']);
});

test('RFC 4733 DTMF from sipp pcaps arrives as dtmf events', async () => {
  reset();
  await sipp('uac-dtmf2833.xml');
  await settle();
  assert.deepEqual(harness.dtmf.map((d) => `${d.digit}/${d.source}`), ['1/rfc4733', '#/rfc4733']);
});

test('an offer with only an unsupported codec gets 488', async () => {
  reset();
  await sipp('uac-488.xml');
  await settle();
  assert.equal(harness.calls.length, 0);
  assert.match(String(harness.errors[0]?.message), /488/);
});

for (const [status, ok] of [[200, true], [486, false]] as const) {
  test(`REFER: transferee NOTIFYs ${status} → TransferResult ok=${ok}`, async () => {
    reset();
    const results: TransferResult[] = [];
    onIncoming = (incoming) => {
      incoming.answer().then(async (call) => {
        harness.calls.push(call);
        call.on('hangup', (h) => harness.hangups.push(h));
        results.push(await call.transfer('sip:desk@127.0.0.1:5099', { mode: 'refer' }));
      }, (err: Error) => harness.errors.push(err));
    };
    await sipp(`uac-refer-${status}.xml`);
    await settle();
    assert.equal(results.length, 1);
    assert.equal(results[0]!.ok, ok);
    assert.equal(results[0]!.status, status);
    assert.deepEqual(harness.hangups.map((h) => h.by), [ok ? 'transfer' : 'remote']);
  });
}
