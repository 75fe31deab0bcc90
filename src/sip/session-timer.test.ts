// RFC 4028 decisions as UAS and the refresh/expiry runner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHeaders } from './headers.js';
import type { SipRequest } from './message.js';
import { decideAsUas, SessionTimerRunner } from './session-timer.js';

const request = (headers: Record<string, string>): SipRequest =>
  ({ kind: 'request', method: 'INVITE', uri: 'sip:x@y', headers: createHeaders(headers), body: Buffer.alloc(0) });

test('no Session-Expires: no timer', () => {
  assert.deepEqual(decideAsUas(request({})), { kind: 'none' });
});

test('below 90 s: 422 with Min-SE of at least 90', () => {
  assert.deepEqual(decideAsUas(request({ 'Session-Expires': '30' })), { kind: 'reject', minSe: 90 });
  assert.deepEqual(decideAsUas(request({ 'Session-Expires': '60', 'Min-SE': '120' })), { kind: 'reject', minSe: 120 });
});

test('refresher taken from the request when the UAC supports timer, else we refresh', () => {
  const withTimer = decideAsUas(request({ 'Session-Expires': '1800;refresher=uac', Supported: 'timer' }));
  assert.deepEqual(withTimer, { kind: 'use', timer: { intervalSeconds: 1800, refresher: 'uac' }, header: '1800;refresher=uac', require: true });
  const without = decideAsUas(request({ 'Session-Expires': '600' }));
  assert.deepEqual(without, { kind: 'use', timer: { intervalSeconds: 600, refresher: 'uas' }, header: '600;refresher=uas', require: false });
});

test('runner: the refresher refreshes every half interval; the other side expires without refresh', async () => {
  let refreshes = 0;
  let expired = 0;
  const ours = new SessionTimerRunner(true, 0.1, () => refreshes++, () => expired++);
  const theirs = new SessionTimerRunner(false, 0.1, () => refreshes++, () => expired++);
  await new Promise((r) => setTimeout(r, 230));
  ours.stop();
  theirs.stop();
  assert.ok(refreshes >= 3, `refreshes ${refreshes}`);
  assert.equal(expired, 1);
});
