// Access control CIDR matching and configuration errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AccessControl } from './acl.js';

test('CIDRs for IPv4 and IPv6, mapped addresses, registrar hosts', async () => {
  const acl = new AccessControl(['10.0.0.0/8', 'fc00::/7']);
  assert.equal(acl.allows('10.1.2.3'), true);
  assert.equal(acl.allows('::ffff:10.1.2.3'), true);
  assert.equal(acl.allows('11.0.0.1'), false);
  assert.equal(acl.allows('fd00::1'), true);
  assert.equal(acl.allows('2001:db8::1'), false);
  assert.equal(acl.allows('not an ip'), false);
  await acl.allowUriHost('sip:203.0.113.7:5060;transport=tcp');
  assert.equal(acl.allows('203.0.113.7'), true);
});

test('a malformed CIDR is reported', () => {
  assert.throws(() => new AccessControl(['10.0.0.0/40']), /bad prefix/);
  assert.throws(() => new AccessControl(['pbx.example.com']), /not an IP/);
});
