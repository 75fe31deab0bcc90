import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DnsServer } from '../../../test/helpers/dns-server.js';
import { resolveTarget, useDnsServers } from './resolve.js';

let dns: DnsServer;
before(async () => {
  dns = await DnsServer.start([
    { type: 'NAPTR', name: 'pbx.test', order: 20, preference: 10, flags: 's', service: 'SIP+D2U', replacement: '_sip._udp.pbx.test' },
    { type: 'NAPTR', name: 'pbx.test', order: 10, preference: 10, flags: 's', service: 'SIP+D2T', replacement: '_sip._tcp.pbx.test' },
    { type: 'NAPTR', name: 'pbx.test', order: 10, preference: 5, flags: 's', service: 'SIP+D2X', replacement: '_sip._sctp.pbx.test' },
    { type: 'SRV', name: '_sip._tcp.pbx.test', priority: 10, weight: 0, port: 5070, target: 'localhost' },
    { type: 'SRV', name: '_sip._udp.pbx.test', priority: 20, weight: 0, port: 5090, target: 'localhost' },
    { type: 'SRV', name: '_sip._udp.pbx.test', priority: 10, weight: 1, port: 5080, target: 'localhost' },
    { type: 'SRV', name: '_sip._udp.srv-only.test', priority: 1, weight: 5, port: 6060, target: 'localhost' },
    { type: 'SRV', name: '_sips._tcp.secure.test', priority: 1, weight: 5, port: 6061, target: 'localhost' },
  ]);
  useDnsServers([dns.address]);
});
after(() => {
  useDnsServers([]);
  dns.close();
});

test('NAPTR picks the lowest order among services we speak, then its SRV target', async () => {
  const flow = await resolveTarget('sip:alice@pbx.test');
  assert.deepEqual({ transport: flow.transport, port: flow.port }, { transport: 'tcp', port: 5070 });
  assert.match(flow.address, /^(127\.0\.0\.1|::1)$/);
});

test('a transport parameter skips NAPTR and uses the SRV record of lowest priority', async () => {
  const naptrQueries = () => dns.queries.filter((q) => q === 'NAPTR pbx.test').length;
  const before = naptrQueries();
  const flow = await resolveTarget('sip:alice@pbx.test;transport=udp');
  assert.deepEqual({ transport: flow.transport, port: flow.port }, { transport: 'udp', port: 5080 });
  assert.equal(naptrQueries(), before);
});

test('without NAPTR the SRV records are tried per transport; sips only over TLS', async () => {
  assert.deepEqual(await resolveTarget('sip:bob@srv-only.test').then((f) => [f.transport, f.port]), ['udp', 6060]);
  assert.deepEqual(await resolveTarget('sips:bob@secure.test').then((f) => [f.transport, f.port]), ['tls', 6061]);
  assert.ok(dns.queries.includes('NAPTR srv-only.test'));
});

test('an explicit port or IP literal is used as given, with no DNS query', async () => {
  const before = dns.queries.length;
  assert.deepEqual(await resolveTarget('sip:carol@127.0.0.1:5099;transport=tcp'), { transport: 'tcp', address: '127.0.0.1', port: 5099 });
  assert.deepEqual(await resolveTarget('sip:carol@localhost'), { transport: 'udp', address: (await resolveTarget('sip:x@localhost:5060')).address, port: 5060 });
  assert.equal(dns.queries.length, before);
});

test('a name with no records fails clearly', async () => {
  await assert.rejects(resolveTarget('sip:nobody@missing.test'), /ENOTFOUND|EAI_AGAIN|queryA|getaddrinfo/);
});
