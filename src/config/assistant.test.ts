// The assistant config section: the shipped sample loads, defaults hold, errors name file and field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadConfig, parseConfig } from './load.js';

test('the shipped sample config loads with the seed data', () => {
  const config = loadConfig(fileURLToPath(new URL('../../config/frontdesk.yaml', import.meta.url)), {});
  const a = config.assistant;
  assert.ok(a.customers.length >= 3);
  assert.deepEqual(a.agents.map((x) => x.uri.match(/sip:(\d+)@/)?.[1]), ['102', '103', '104']);
  assert.ok(a.blocked.length > 0);
  assert.ok(a.faq.some((f) => f.id === 'hours'));
  assert.equal(a.screening.attempts, 3);
  assert.equal(a.options.declineStatus, 603);
});

test('defaults: every prompt has a text, 3 attempts, 603', () => {
  const a = parseConfig({}, 'x.yaml', {}).assistant;
  assert.equal(a.screening.attempts, 3);
  assert.equal(a.screening.digits, 4);
  assert.match(a.prompts.screeningChallenge, /\{code\}/);
  assert.equal(a.options.verifyZipBeforeBilling, true);
});

test('errors name the file and the field path', () => {
  const bad = (assistant: unknown) => () => parseConfig({ assistant }, 'bad.yaml', {});
  assert.throws(bad({ agents: [{ name: 'A', department: 'sales', uri: 'sip:1@x' }] }), /bad\.yaml: assistant\.agents\.0\.department: /);
  assert.throws(bad({ customers: [{ name: 'A', phoneNumbers: ['hello'] }] }), /bad\.yaml: assistant\.customers\.0\.phoneNumbers\.0: not a phone number/);
  assert.throws(bad({ blocked: ['12'] }), /bad\.yaml: assistant\.blocked\.0: /);
  assert.throws(bad({ screening: { attempts: 0 } }), /bad\.yaml: assistant\.screening\.attempts: /);
  assert.throws(bad({ prompts: { goodbye: '' } }), /bad\.yaml: assistant\.prompts\.goodbye: /);
  assert.throws(bad({ agents: [{ name: 'A', department: 'billing', uri: 'http://x' }] }), /assistant\.agents\.0\.uri: expected a sip: URI/);
});
