// Dashboard boot: session and login, tabs, the live event stream (SSE) that keeps the live calls,
// history and waiting list current, and the history filters.
import { $, api } from './dom.js';
import { renderLive, renderHistory, renderDetail, renderCallbacks, renderMessages, renderStatus, renderConfig } from './views.js';
import { setUpCallPanel } from './call.js';

const OUTCOMES = ['in-progress', 'rejected-blocked', 'screening-failed', 'transferred', 'transfer-failed', 'waiting-list',
  'voice-message', 'caller-hangup', 'completed', 'timeout', 'interrupted', 'error'];

const live = new Map(); // callId → { call, events, partial }
let activeTab = 'live';
let selectedCall;

function filters() {
  const form = new FormData($('#filters'));
  const params = Object.fromEntries(form.entries());
  if (params.until) params.until = new Date(new Date(params.until).getTime() + 86_400_000).toISOString().slice(0, 10);
  return params;
}

const refresh = {
  live: () => renderLive([...live.values()]),
  history: () => renderHistory(filters(), selectCall),
  callbacks: () => renderCallbacks($('#pending-only').checked),
  messages: () => renderMessages(),
  status: () => renderStatus(),
  config: () => renderConfig(),
};

async function selectCall(callId) {
  selectedCall = callId;
  await renderDetail(callId);
}

function showTab(name) {
  activeTab = name;
  for (const button of document.querySelectorAll('#tabs button')) button.classList.toggle('active', button.dataset.tab === name);
  for (const section of document.querySelectorAll('.tab')) section.hidden = section.id !== `tab-${name}`;
  Promise.resolve().then(() => refresh[name]()).catch(showError);
}

function showError(error) {
  if (error.status === 401) return location.reload();
  console.error(error);
}

function onLiveMessage(message) {
  switch (message.type) {
    case 'call-started':
      live.set(message.call.id, { call: message.call, events: [] });
      break;
    case 'call-event':
      live.get(message.callId)?.events.push(message.event);
      if (live.get(message.callId)) live.get(message.callId).partial = undefined;
      break;
    case 'call-updated':
      if (live.get(message.callId)) Object.assign(live.get(message.callId).call, message.patch);
      break;
    case 'partial':
      if (live.get(message.callId)) live.get(message.callId).partial = message.text;
      break;
    case 'call-finished':
      live.delete(message.callId);
      if (activeTab === 'history') refresh.history().catch(showError);
      if (selectedCall === message.callId) renderDetail(message.callId).catch(showError);
      break;
    case 'callback-added':
    case 'callback-done':
      refresh.callbacks().catch(showError);
      return;
    case 'voice-message':
      if (activeTab === 'messages') refresh.messages().catch(showError);
      return;
  }
  refresh.live();
}

function connectLive() {
  const source = new EventSource('/api/events');
  source.addEventListener('snapshot', (e) => {
    live.clear();
    for (const entry of JSON.parse(e.data).calls) live.set(entry.call.id, entry);
    refresh.live();
    document.body.dataset.live = 'connected';
  });
  source.onmessage = (e) => onLiveMessage(JSON.parse(e.data));
  source.onerror = () => (document.body.dataset.live = 'reconnecting');
}

async function start() {
  $('#main').hidden = false;
  const select = $('#filters select[name=outcome]');
  for (const outcome of OUTCOMES) select.append(new Option(outcome.replace(/-/g, ' '), outcome));
  for (const button of document.querySelectorAll('#tabs button')) button.addEventListener('click', () => showTab(button.dataset.tab));
  $('#filters').addEventListener('submit', (e) => { e.preventDefault(); refresh.history().catch(showError); });
  $('#filters').addEventListener('reset', () => setTimeout(() => refresh.history().catch(showError)));
  $('#history-more').addEventListener('click', () => renderHistory(filters(), selectCall, { more: true }).catch(showError));
  $('#pending-only').addEventListener('change', () => refresh.callbacks().catch(showError));
  connectLive();
  setUpCallPanel();
  await refresh.callbacks();
  showTab('live');
  document.body.dataset.ready = 'true';
}

async function boot() {
  const session = await api('/api/session');
  if (session.notice) {
    $('#notice').textContent = session.notice;
    $('#notice').hidden = false;
  }
  if (session.authRequired && session.authenticated) $('#logout').hidden = false;
  $('#logout').addEventListener('click', async () => { await api('/api/logout', { method: 'POST' }); location.reload(); });
  if (session.authenticated) return start();
  $('#login').hidden = false;
  $('#token-env').textContent = session.tokenEnv;
  $('#call-open').hidden = true;
  $('#tabs').hidden = true;
  $('#login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api('/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: $('#token').value }) });
      location.reload();
    } catch (error) {
      $('#login-error').textContent = error.message;
      $('#login-error').hidden = false;
    }
  });
}

boot().catch((error) => {
  $('#notice').textContent = `The dashboard could not start: ${error.message}`;
  $('#notice').hidden = false;
});
