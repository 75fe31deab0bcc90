// The web server over real HTTP: health and metrics, token auth (bearer and login cookie), the JSON
// API with filters and bad input, voice message audio, the masked config and the live event stream.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeWav } from '../../src/media/wav.js';
import { startTestOps, recordCall, type TestOps } from '../helpers/web.js';

const TOKEN = 'correct horse battery staple';
const auth = { authorization: `Bearer ${TOKEN}` };

describe('web API with an admin token', () => {
  let ops: TestOps;
  before(async () => {
    ops = await startTestOps({ adminToken: TOKEN, config: { sip: { accounts: [{ name: 'pbx', registrar: 'sip:pbx', username: '100', password: 'hunter2' }] } } });
    await recordCall(ops.store, { id: 'a', caller: '+15551112222', startedAt: new Date('2026-03-01T10:00:00Z'), outcome: 'transferred', turns: [{ heard: 'billing please' }] });
    await recordCall(ops.store, { id: 'b', caller: '+15553334444', startedAt: new Date('2026-03-02T10:00:00Z'), outcome: 'screening-failed' });
  });
  after(() => ops.close());
  const get = (path: string, headers: Record<string, string> = auth) => fetch(`${ops.web.url}${path}`, { headers });

  it('serves /healthz and /metrics without auth', async () => {
    const health = await get('/healthz', {});
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok', sip: { registrations: [{ account: 'pbx', registrar: 'sip:127.0.0.1:5070', state: 'registered' }], activeCalls: 0 } });
    const metrics = await get('/metrics', {});
    assert.equal(metrics.status, 200);
    const text = await metrics.text();
    assert.match(text, /^# HELP frontdesk_active_calls/m);
    assert.match(text, /^frontdesk_store_append_seconds_count\{store="sqlite"\} [1-9]/m, 'appends were timed');
  });

  it('refuses the API without the token, accepts bearer and the login cookie', async () => {
    assert.equal((await get('/api/calls', {})).status, 401);
    assert.equal((await get('/api/calls', { authorization: 'Bearer wrong' })).status, 401);
    assert.equal((await get('/api/calls')).status, 200);
    const session = await (await get('/api/session', {})).json();
    assert.deepEqual(session, { authenticated: false, authRequired: true, tokenEnv: 'FRONTDESK_ADMIN_TOKEN' });
    const bad = await fetch(`${ops.web.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 'nope' }) });
    assert.equal(bad.status, 401);
    const login = await fetch(`${ops.web.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: TOKEN }) });
    assert.equal(login.status, 204);
    const cookie = login.headers.get('set-cookie')!;
    assert.match(cookie, /HttpOnly; SameSite=Strict/);
    assert.ok(!cookie.includes(TOKEN) && !cookie.includes(encodeURIComponent(TOKEN)), 'the cookie does not carry the token');
    assert.equal((await get('/api/calls', { cookie: cookie.split(';')[0]! })).status, 200);
    assert.equal((await get('/api/calls', { cookie: 'frontdesk_session=forged' })).status, 401);
  });

  it('lists and filters calls, shows a call with its events, answers bad input with 400', async () => {
    const ids = async (query: string) => ((await (await get(`/api/calls?${query}`)).json()) as { calls: { id: string }[] }).calls.map((c) => c.id);
    assert.deepEqual(await ids(''), ['b', 'a']);
    assert.deepEqual(await ids('number=555-111'), ['a']);
    assert.deepEqual(await ids('outcome=screening-failed'), ['b']);
    assert.deepEqual(await ids('since=2026-03-02'), ['b']);
    const bad = await get('/api/calls?outcome=exploded');
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: string }).error, /^outcome: /);
    assert.equal((await get('/api/calls?since=yesterday')).status, 400);
    assert.equal((await get('/api/calls?limit=-3')).status, 400);
    const detail = (await (await get('/api/calls/a')).json()) as { summary: { outcome: string }; events: { type: string; data: { heard?: string } }[] };
    assert.equal(detail.summary.outcome, 'transferred');
    assert.equal(detail.events.find((e) => e.type === 'turn')?.data.heard, 'billing please');
    assert.equal((await get('/api/calls/nope')).status, 404);
    assert.equal((await get('/api/calls/a/recording')).status, 404);
    assert.equal((await get('/api/nothing-here')).status, 404);
  });

  it('keeps the waiting list, marks called back, serves voice message audio', async () => {
    const id = await ops.store.addCallback({ callId: 'a', number: '+15551112222', topic: 'billing', createdAt: new Date() });
    const pending = (await (await get('/api/callbacks?pending=true')).json()) as { callbacks: { id: number }[] };
    assert.deepEqual(pending.callbacks.map((c) => c.id), [id]);
    assert.equal((await fetch(`${ops.web.url}/api/callbacks/${id}/called-back`, { method: 'POST', headers: auth })).status, 204);
    assert.deepEqual(((await (await get('/api/callbacks?pending=true')).json()) as { callbacks: unknown[] }).callbacks, []);
    assert.equal((await fetch(`${ops.web.url}/api/callbacks/999/called-back`, { method: 'POST', headers: auth })).status, 400);
    assert.equal((await fetch(`${ops.web.url}/api/callbacks/abc/called-back`, { method: 'POST', headers: auth })).status, 400);
    const path = join(ops.dir, 'vm.wav');
    writeFileSync(path, encodeWav({ samples: new Int16Array(800).fill(1000), sampleRate: 8000 }));
    const vm = await ops.store.addVoiceMessage({ callId: 'b', number: '+15553334444', path, durationMs: 100, createdAt: new Date() });
    const audio = await get(`/api/voice-messages/${vm}/audio`);
    assert.equal(audio.status, 200);
    assert.equal(audio.headers.get('content-type'), 'audio/wav');
    assert.equal((await audio.arrayBuffer()).byteLength, 44 + 1600);
    assert.equal((await get('/api/voice-messages/4242/audio')).status, 404);
  });

  it('shows status with versions and the config with secrets masked', async () => {
    const status = (await (await get('/api/status')).json()) as { versions: Record<string, string>; providers: Record<string, string> };
    assert.equal(status.versions.store, 'sqlite');
    assert.equal(status.versions.node, process.version);
    assert.equal(status.providers.stt, 'pocketsphinx');
    const text = await (await get('/api/config')).text();
    assert.ok(!text.includes('hunter2'));
    assert.match(text, /"password":"••••••"/);
  });

  it('streams live call events over SSE', async () => {
    const controller = new AbortController();
    const response = await fetch(`${ops.web.url}/api/events`, { headers: auth, signal: controller.signal });
    assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    const reader = response.body!.getReader();
    let text = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    };
    await readUntil(/event: snapshot/);
    await recordCall(ops.store, { id: 'live-1', caller: '+15557770000', finish: false, turns: [{ heard: 'hello there' }] });
    await readUntil(/"heard":"hello there"/);
    await ops.store.finishCall('live-1', 'completed');
    await readUntil(/"type":"call-finished","callId":"live-1"/);
    controller.abort();
  });
});

/** GET with an explicit Host header (fetch will not send a forged one). */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web API without an admin token', () => {
  it('is open on loopback (and says so) but only to loopback host names', async () => {
    const ops = await startTestOps();
    try {
      const session = (await (await fetch(`${ops.web.url}/api/session`)).json()) as { authenticated: boolean; notice: string };
      assert.equal(session.authenticated, true);
      assert.match(session.notice, /No admin token is set/);
      assert.equal(await getWithHost(`${ops.web.url}/api/calls`, `localhost:${new URL(ops.web.url).port}`), 200);
      assert.equal(await getWithHost(`${ops.web.url}/api/calls`, 'evil.example.com'), 403);
      const crossSite = await fetch(`${ops.web.url}/api/calls`, { headers: { origin: 'http://evil.example.com' } });
      assert.equal(crossSite.status, 403);
    } finally {
      await ops.close();
    }
  });
});
