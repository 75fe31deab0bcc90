// End-of-turn strategies: what the adaptive one accepts at a short pause, and the fixed one never does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
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

test('adaptive probes sooner for digits and yes/no than for free speech; fixed never probes', () => {
  const strategy = new AdaptiveEndOfTurn(() => true);
  assert.ok(strategy.probeAfterMs({ kind: 'yesNo' }) <= strategy.probeAfterMs(free));
  assert.ok(strategy.probeAfterMs({ kind: 'digits', length: 4 }) <= strategy.probeAfterMs(free));
  assert.equal(new FixedSilenceEndOfTurn().probeAfterMs(), undefined);
});
