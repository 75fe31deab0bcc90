// The advertised address for a wildcard bind is a real local address (never 0.0.0.0 / ::).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { networkInterfaces } from 'node:os';
import { pickAdvertisedAddress } from './address.js';

const local = new Set(Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((info) => info.address)));

test('an explicit bind address is advertised as is', () => {
  assert.equal(pickAdvertisedAddress('127.0.0.1'), '127.0.0.1');
  assert.equal(pickAdvertisedAddress('10.1.2.3'), '10.1.2.3');
});

test('a wildcard bind advertises one of this machine\'s own addresses, non-loopback when there is one', () => {
  for (const wildcard of ['0.0.0.0', '::']) {
    const address = pickAdvertisedAddress(wildcard);
    assert.notEqual(address, wildcard);
    assert.ok(local.has(address), `${address} is a local address`);
  }
  const v4 = pickAdvertisedAddress('0.0.0.0');
  const hasExternalV4 = Object.values(networkInterfaces()).some((list) => (list ?? []).some((i) => !i.internal && i.family === 'IPv4'));
  assert.equal(v4.startsWith('127.'), !hasExternalV4);
});
