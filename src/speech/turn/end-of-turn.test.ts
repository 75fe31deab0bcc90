// End-of-turn strategies: what the adaptive one accepts at a short pause, and the fixed one never does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_END_SILENCE_MS } from '../listener.js';
import { AdaptiveEndOfTurn, FixedSilenceEndOfTurn } from './end-of-turn.js';

const free = { kind: 'free' } as const;

test('adaptive: a complete hypothesis ends the turn, an incomplete one waits', async () => {
  const strategy = new AdaptiveEndOfTurn(({ text }) => text.endsWith('hours'));
  assert.equal(await strategy.accepts({ text: 'what are your opening hours', confidence: 1 }, free), true);
  assert.equal(await strategy.accepts({ text: 'what are your', confidence: 1 }, free), false);
});

test('adaptive: an empty hypothesis or a failing check never ends a turn early', async () => {
  const always = new AdaptiveEndOfTurn(() => true);
  assert.equal(await always.accepts({ text: '  ', confidence: 1 }, free), false);
  const failing = new AdaptiveEndOfTurn(async () => {
    throw new Error('brain unavailable');
  });
  assert.equal(await failing.accepts({ text: 'yes', confidence: 1 }, { kind: 'yesNo' }), false);
});

test('adaptive probes after a pause well inside the full end silence, for every kind; fixed never probes', () => {
  const strategy = new AdaptiveEndOfTurn(() => true);
  for (const context of [free, { kind: 'yesNo' }, { kind: 'digits', length: 4 }] as const) {
    const probe = strategy.probeAfterMs(context) ?? 0;
    assert.ok(probe > 0 && probe < DEFAULT_END_SILENCE_MS[context.kind] / 2, `${context.kind}: ${probe} ms`);
  }
  assert.equal(new FixedSilenceEndOfTurn().probeAfterMs(), undefined);
});

test('a pause of 0 for a kind disables early ends for it', () => {
  const strategy = new AdaptiveEndOfTurn(() => true, { digits: 180, yesNo: 0, free: 120 });
  assert.equal(strategy.probeAfterMs({ kind: 'yesNo' }), undefined);
  assert.equal(strategy.probeAfterMs(free), 120);
});
