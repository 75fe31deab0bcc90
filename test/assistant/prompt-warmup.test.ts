// Start-up synthesis: before any call, the fixed sentences (a customer's greeting, FAQ answers) are
// synthesized into the TTS cache by the real app, so a reply made of them needs no synthesis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PromptCache } from '../../src/speech/tts/cache.js';
import { startAssistantApp } from './e2e-harness.js';

test('the greeting of every customer and the FAQ answers are in the TTS cache before the first call', async () => {
  const app = await startAssistantApp({
    businessName: 'Acme',
    customers: [{ name: 'Ann Lee', phoneNumbers: ['+16505550100'] }],
    faq: [{ id: 'hours', answer: 'We are open nine to five.', triggers: ['hours'] }],
  });
  try {
    const cached = (sentence: string) => existsSync(join(app.dataDir, 'speech', 'tts-cache', `${PromptCache.key(app.config.speech.voice, sentence)}.pcm`));
    const expected = ['Thank you for calling Acme, Ann!', 'We are open nine to five.', 'Is there anything else I can help you with?'];
    for (let waited = 0; waited < 30_000 && !expected.every(cached); waited += 100) await sleep(100);
    for (const sentence of expected) assert.ok(cached(sentence), `"${sentence}" was synthesized ahead`);
  } finally {
    await app.close();
  }
});
