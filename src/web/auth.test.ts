import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DashboardAuth } from './auth.js';

test('access modes: token, open on loopback, closed beyond loopback without a token', () => {
  assert.equal(new DashboardAuth('t', '0.0.0.0', 'X').mode, 'token');
  assert.equal(new DashboardAuth(undefined, '127.0.0.1', 'X').mode, 'open-loopback');
  assert.equal(new DashboardAuth(undefined, '::1', 'X').mode, 'open-loopback');
  const closed = new DashboardAuth(undefined, '0.0.0.0', 'MY_TOKEN');
  assert.equal(closed.mode, 'closed');
  assert.deepEqual(closed.check({ host: 'localhost' }), { ok: false, status: 403, error: 'no admin token: set MY_TOKEN to use the dashboard from other machines' });
  const open = new DashboardAuth(undefined, '127.0.0.1', 'X');
  assert.equal(open.check({ host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080' }).ok, true);
  assert.equal(open.check({ host: 'attacker.example:8080' }).ok, false);
  assert.equal(open.check({ host: '127.0.0.1:8080', origin: 'null' }).ok, false);
  const token = new DashboardAuth('s3cret', '127.0.0.1', 'X');
  assert.equal(token.checkLogin('s3cret'), true);
  assert.equal(token.checkLogin('s3cre'), false);
  assert.equal(token.checkLogin(42), false);
  const cookie = token.sessionCookie(false).split(';')[0]!;
  assert.equal(token.check({ cookie: `a=b; ${cookie}` }).ok, true);
  assert.equal(new DashboardAuth('other', '127.0.0.1', 'X').check({ cookie }).ok, false, 'a cookie from another token is refused');
});
