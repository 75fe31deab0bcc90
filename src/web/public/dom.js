// Small DOM and formatting helpers for the dashboard: elements are built with textContent only (no
// innerHTML), so caller-supplied text can never inject markup.

/** h('div', { class: 'x', onclick }, child, 'text') */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export const $ = (selector) => document.querySelector(selector);

export async function api(path, options = {}) {
  const response = await fetch(path, { credentials: 'same-origin', ...options });
  if (response.status === 204) return null;
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw Object.assign(new Error(body.error || response.statusText), { status: response.status });
  return body;
}

export function time(iso) {
  const d = new Date(iso);
  const today = new Date().toDateString() === d.toDateString();
  return today ? d.toLocaleTimeString() : d.toLocaleString();
}

export function duration(startIso, endIso) {
  if (!endIso) return '';
  const s = Math.max(0, Math.round((new Date(endIso) - new Date(startIso)) / 1000));
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

const OUTCOME_TONE = {
  transferred: 'good', completed: 'good', 'waiting-list': 'warn', 'voice-message': 'warn', 'caller-hangup': '',
  'screening-failed': 'bad', 'rejected-blocked': 'bad', 'transfer-failed': 'bad', error: 'bad', interrupted: 'bad',
  timeout: 'warn', 'in-progress': 'live',
};

export function outcomeBadge(outcome) {
  return h('span', { class: `badge ${OUTCOME_TONE[outcome] ?? ''}` }, outcome.replace(/-/g, ' '));
}

/** The understanding of a turn in a few words ("billing · question"). */
function understood(d) {
  const c = d.classification ?? d.intent;
  if (!c) return undefined;
  if (typeof c === 'string') return c;
  return [c.topic, c.intent, c.class].filter((v) => typeof v === 'string' && v && v !== 'unclassified').join(' · ') || undefined;
}

/**
 * Who spoke and what, for events that carry speech. The assistant's words come from 'prompt' events
 * (what was played); a turn's `reply` is used only for records without prompts.
 */
export function speech(event, { replies = true } = {}) {
  const d = event.data || {};
  const heard = event.type === 'turn' || event.type === 'screening' ? d.heard ?? d.transcript : undefined;
  const said = event.type === 'prompt' ? d.text : replies && event.type === 'turn' ? d.reply : undefined;
  const lines = [];
  if (typeof heard === 'string' && heard) {
    const note = event.type === 'screening' ? `passcode ${d.matched ? 'matched' : 'not matched'}` : understood(d) && `understood: ${understood(d)}`;
    lines.push({ who: 'caller', text: heard, note });
  }
  if (typeof said === 'string' && said) lines.push({ who: 'assistant', text: said });
  return lines;
}

/** Events worth a line in a transcript besides speech. */
export const NOTABLE = new Set(['identity', 'screening', 'transfer', 'dtmf', 'error', 'callback', 'voice-message', 'rejected', 'billing', 'barge-in']);

/** One line describing an event that is not speech (never the passcode itself). */
export function describe(event) {
  const d = event.data || {};
  switch (event.type) {
    case 'identity': return [d.identity, d.name ?? d.customerName, d.check && `${d.check} ${d.matched ? 'matched' : 'not matched'}`].filter(Boolean).join(' · ');
    case 'screening': return [d.stage, d.attempt && `attempt ${d.attempt}`, d.attempts && `${d.attempts} attempts`, d.via].filter(Boolean).join(' · ');
    case 'transfer': return [d.stage, d.agent, d.target, d.ok === false ? `failed${d.reason ? `: ${d.reason}` : ''}` : d.ok ? 'ok' : ''].filter(Boolean).join(' · ');
    case 'dtmf': return d.digits ?? d.digit ?? '';
    case 'state': return d.to ? `${d.from ?? ''} → ${d.to}` : d.state ?? '';
    case 'error': return [d.where, d.message].filter(Boolean).join(': ');
    default: {
      const { code, ...rest } = d; // a screening challenge's passcode is not shown
      const text = JSON.stringify(rest);
      return text === '{}' ? '' : text.length > 140 ? `${text.slice(0, 140)}…` : text;
    }
  }
}
