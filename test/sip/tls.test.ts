// SIP over TLS between two in-process trunks: a TLS listener from config (self-signed cert made with
// openssl), a TLS client that trusts it through sip.tlsClient.ca, a call set up and torn down over it.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeSipPort } from '../helpers/ports.js';
import { startTrunk, type TrunkHarness } from './trunk-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'sip-tls-'));
const harnesses: TrunkHarness[] = [];
after(async () => {
  for (const h of harnesses) await h.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a call over TLS: dial to sip:…;transport=tls, answered, hung up by the caller', async () => {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  const tlsPort = await freeSipPort();
  const server = await startTrunk({ sip: { tls: { port: tlsPort, cert, key } } });
  harnesses.push(server);
  assert.ok(server.telephony.status().listening.some((l) => l.transport === 'tls' && l.port === tlsPort));
  const untrusting = await startTrunk();
  harnesses.push(untrusting);
  await assert.rejects(untrusting.telephony.dial(`sip:frontdesk@127.0.0.1:${tlsPort};transport=tls`, { timeoutMs: 5000 }), /503/);
  const client = await startTrunk({ sip: { tlsClient: { ca: cert } } });
  harnesses.push(client);
  const call = await client.telephony.dial(`sip:frontdesk@127.0.0.1:${tlsPort};transport=tls`, { timeoutMs: 5000 });
  assert.equal(call.facts.peer.transport, 'tls');
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(server.calls.length, 1);
  assert.equal(server.calls[0]!.facts.peer.transport, 'tls');
  await call.hangup();
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(server.hangups.map((h) => h.by), ['remote']);
});
