// The dashboard's views: live call cards, history table and call detail, waiting list, voice messages,
// status and config. Each render function replaces its section's content from API data.
import { h, $, api, time, duration, outcomeBadge, speech, describe, NOTABLE } from './dom.js';

function transcriptLines(events, partial) {
  const lines = [];
  const replies = !events.some((e) => e.type === 'prompt');
  for (const event of events) {
    const spoken = speech(event, { replies });
    for (const line of spoken) lines.push(h('div', { class: `line ${line.who}` }, line.text, line.note && h('small', {}, line.note)));
    if (spoken.length === 0 && NOTABLE.has(event.type)) {
      lines.push(h('div', { class: 'line note' }, `${event.type}: ${describe(event)}`));
    }
  }
  if (partial) lines.push(h('div', { class: 'line caller partial' }, `${partial}…`));
  return lines;
}

export function renderLive(liveCalls) {
  const box = $('#live-calls');
  box.replaceChildren(
    ...liveCalls.map(({ call, events, partial }) => {
      const last = [...events].reverse().find((e) => e.type === 'state')?.data;
      const state = last?.to ?? last?.state ?? 'in progress';
      const transcript = h('div', { class: 'transcript' }, transcriptLines(events, partial));
      const card = h(
        'article',
        { class: 'card live-call', 'data-call-id': call.id },
        h('header', {},
          h('div', {}, h('span', { class: 'pulse' }), h('span', { class: 'who' }, call.customerName || call.caller)),
          h('span', { class: 'meta' }, `${state} · since ${time(call.startedAt)}`)),
        h('div', { class: 'meta' }, [call.customerName ? call.caller : null, call.identity].filter(Boolean).join(' · ')),
        transcript,
      );
      queueMicrotask(() => (transcript.scrollTop = transcript.scrollHeight));
      return card;
    }),
  );
  $('#live-empty').hidden = liveCalls.length > 0;
  $('#live-count').textContent = String(liveCalls.length);
}

const PAGE = 50;

/** Shows the newest matching calls; with `more`, appends the next page to what is shown. */
export async function renderHistory(params, onSelect, { more = false } = {}) {
  const body = $('#history tbody');
  const offset = more ? body.children.length : 0;
  const query = new URLSearchParams([...Object.entries(params).filter(([, v]) => v), ['limit', PAGE], ['offset', offset]]);
  const { calls } = await api(`/api/calls?${query}`);
  body[more ? 'append' : 'replaceChildren'](
    ...calls.map((call) =>
      h('tr', { 'data-call-id': call.id, onclick: () => onSelect(call.id) },
        h('td', {}, time(call.startedAt)),
        h('td', {}, call.caller),
        h('td', {}, [call.identity, call.customerName].filter(Boolean).join(' · ')),
        h('td', {}, outcomeBadge(call.outcome)),
        h('td', {}, duration(call.startedAt, call.endedAt))),
    ),
  );
  $('#history-empty').hidden = body.children.length > 0;
  $('#history-more').hidden = calls.length < PAGE;
  return calls;
}

export async function renderDetail(callId) {
  const panel = $('#detail');
  const { summary, events } = await api(`/api/calls/${encodeURIComponent(callId)}`);
  for (const row of document.querySelectorAll('#history tbody tr')) row.classList.toggle('selected', row.dataset.callId === callId);
  const start = new Date(summary.startedAt);
  const facts = [
    ['Caller', summary.caller], ['Called', summary.callee], ['Identity', summary.identity], ['Customer', summary.customerName],
    ['Started', time(summary.startedAt)], ['Duration', duration(summary.startedAt, summary.endedAt)],
    ['Transferred to', summary.transferTarget], ['Call-ID', summary.sipCallId],
  ].filter(([, v]) => v);
  panel.replaceChildren(...[
    h('h3', {}, summary.customerName || summary.caller, ' ', outcomeBadge(summary.outcome)),
    h('dl', { class: 'facts' }, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    summary.recordingPath ? h('audio', { controls: true, preload: 'none', src: `/api/calls/${encodeURIComponent(callId)}/recording` }) : null,
    h('h4', {}, 'Transcript'),
    h('div', { class: 'transcript' }, transcriptLines(events)),
    h('h4', {}, 'Timeline'),
    h('ol', { class: 'timeline' },
      events.map((e) => h('li', {},
        h('span', { class: 'when' }, `+${((new Date(e.at) - start) / 1000).toFixed(1)}s`),
        h('span', { class: 'type' }, e.type),
        speech(e).map((l) => `${l.who === 'caller' ? '“' : '→ “'}${l.text}” `).join('') || describe(e)))),
  ].filter(Boolean));
  panel.hidden = false;
}

export async function renderCallbacks(pendingOnly) {
  const { callbacks } = await api(`/api/callbacks?pending=${pendingOnly}`);
  const body = $('#callbacks tbody');
  body.replaceChildren(
    ...callbacks.map((cb) =>
      h('tr', { 'data-callback-id': cb.id },
        h('td', {}, time(cb.createdAt)),
        h('td', {}, cb.number),
        h('td', {}, cb.topic),
        h('td', {}, cb.agent ?? ''),
        h('td', {}, cb.calledBackAt
          ? h('span', { class: 'badge good' }, `called back ${time(cb.calledBackAt)}`)
          : h('button', { class: 'primary', onclick: async () => { await api(`/api/callbacks/${cb.id}/called-back`, { method: 'POST' }); await renderCallbacks(pendingOnly); } }, 'Called back'))),
    ),
  );
  $('#callbacks-empty').hidden = callbacks.length > 0;
  const pending = pendingOnly ? callbacks.length : callbacks.filter((cb) => !cb.calledBackAt).length;
  $('#callback-count').textContent = String(pending);
}

export async function renderMessages() {
  const { messages } = await api('/api/voice-messages');
  $('#messages').replaceChildren(
    ...messages.map((m) =>
      h('div', { class: 'card' },
        h('strong', {}, m.number), ' ', h('span', { class: 'empty' }, `${time(m.createdAt)} · ${Math.round(m.durationMs / 1000)} s`),
        h('audio', { controls: true, preload: 'none', src: `/api/voice-messages/${m.id}/audio` }))),
  );
  $('#messages-empty').hidden = messages.length > 0;
}

export async function renderStatus() {
  const status = await api('/api/status');
  const table = (rows) => h('dl', { class: 'facts' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
  const registrations = status.sip?.registrations ?? [];
  $('#status').replaceChildren(
    h('div', { class: 'card' }, h('h3', {}, 'Calls'), table([['Active calls', String(status.sip?.activeCalls ?? 0)], ['Uptime', `${Math.round(status.uptimeSeconds / 60)} min`]])),
    h('div', { class: 'card' }, h('h3', {}, 'Registrations'),
      registrations.length
        ? table(registrations.map((r) => [r.account, h('span', { class: `badge ${r.state === 'registered' ? 'good' : 'bad'}` }, r.state + (r.error ? ` · ${r.error}` : ''))]))
        : h('p', { class: 'empty' }, 'No SIP accounts configured (calls are taken directly).')),
    h('div', { class: 'card' }, h('h3', {}, 'Providers'), table(Object.entries(status.providers ?? {}))),
    h('div', { class: 'card' }, h('h3', {}, 'Versions'), table(Object.entries(status.versions ?? {}))),
  );
}

export async function renderConfig() {
  const { config } = await api('/api/config');
  $('#config').textContent = JSON.stringify(config, null, 2);
}
