// Directory lookups: customers by any number, blocked numbers, agents per department.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Directory } from './directory.js';

const directory = new Directory({
  region: 'US',
  customers: [{ name: 'John Smith', phoneNumbers: ['(650) 555-0101', '+1 650 555 0102'], zip: '94404' }],
  agents: [
    { name: 'Busy Ben', department: 'billing', uri: 'sip:103@127.0.0.1', transfer: 'refer', status: 'busy' },
    { name: 'Bea', department: 'billing', uri: 'sip:105@127.0.0.1', transfer: 'bridge', status: 'available' },
    { name: 'Olivia', department: 'ordering', uri: '102', transfer: 'refer', status: 'offline' },
  ],
  blocked: ['900-555-0199'],
});

test('customers are found by any of their numbers in E.164', () => {
  assert.equal(directory.customerByNumber('+16505550101')?.firstName, 'John');
  assert.equal(directory.customerByNumber('+16505550102')?.name, 'John Smith');
  assert.equal(directory.customerByNumber('+16505550199'), undefined);
  assert.equal(directory.customerByNumber(undefined), undefined);
});

test('blocked numbers are matched after normalization', () => {
  assert.equal(directory.isBlocked('+19005550199'), true);
  assert.equal(directory.isBlocked('+16505550101'), false);
  assert.equal(directory.isBlocked(undefined), false);
});

test('agents by department, available first; a department without agents has none', () => {
  assert.equal(directory.agentFor('billing')?.name, 'Bea');
  assert.deepEqual(directory.agentsFor('billing').map((a) => a.name), ['Bea', 'Busy Ben']);
  assert.equal(directory.agentFor('ordering')?.name, 'Olivia');
  assert.equal(directory.agentFor('technical support'), undefined);
});
