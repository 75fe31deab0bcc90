// Following REFER progress through NOTIFY sipfrag bodies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHeaders } from './headers.js';
import type { SipRequest } from './message.js';
import { parseSipfrag, ReferProgress } from './refer.js';

const notify = (frag: string, state = 'active'): SipRequest => ({
  kind: 'request', method: 'NOTIFY', uri: 'sip:x@y',
  headers: createHeaders({ Event: 'refer', 'Subscription-State': state }), body: Buffer.from(frag),
});

test('sipfrag status line', () => {
  assert.deepEqual(parseSipfrag(Buffer.from('SIP/2.0 486 Busy Here\r\n')), { status: 486, reason: 'Busy Here' });
  assert.equal(parseSipfrag(Buffer.from('garbage')), undefined);
});

test('provisional NOTIFYs wait; the final one decides', async () => {
  const progress = new ReferProgress(5000);
  progress.onNotify(notify('SIP/2.0 100 Trying'));
  progress.onNotify(notify('SIP/2.0 180 Ringing'));
  progress.onNotify(notify('SIP/2.0 200 OK', 'terminated;reason=noresource'));
  assert.deepEqual(await progress.outcome, { ok: true, status: 200, reason: 'OK' });
});

test('terminated without a final status, and timeouts, are failures', async () => {
  const ended = new ReferProgress(5000);
  ended.onNotify(notify('SIP/2.0 100 Trying', 'terminated;reason=timeout'));
  assert.equal((await ended.outcome).ok, false);
  const silent = new ReferProgress(20);
  assert.deepEqual(await silent.outcome, { ok: false, reason: 'no NOTIFY after REFER' });
});
