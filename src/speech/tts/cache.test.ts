// Prompt cache: exact round trip, voice-specific keys, bounded size, memory tier, disabled mode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PromptCache } from './cache.js';

test('a stored prompt comes back sample for sample; keys differ by voice', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'prompt-cache-'));
  try {
    const cache = new PromptCache(dir, 10);
    const samples = Int16Array.from([1, -2, 32767, -32768, 0]);
    const key = PromptCache.key('kal16', 'Hello.');
    assert.notEqual(key, PromptCache.key('slt', 'Hello.'));
    assert.equal(await cache.get(key), undefined);
    await cache.put(key, samples);
    assert.deepEqual(await cache.get(key), samples);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the cache stays within its entry limit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'prompt-cache-'));
  try {
    const cache = new PromptCache(dir, 5);
    for (let i = 0; i < 100; i++) await cache.put(PromptCache.key('kal', `prompt ${i}`), Int16Array.from([i]));
    assert.ok(readdirSync(dir).filter((f) => f.endsWith('.pcm')).length <= 5);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a disabled cache stores nothing', async () => {
  const cache = new PromptCache(join(tmpdir(), 'never-created-cache'), 0);
  await cache.put('k', Int16Array.from([1]));
  assert.equal(await cache.get('k'), undefined);
});

test('a prompt used once is served from memory: a reply does not wait on the disk', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'prompt-cache-'));
  try {
    const key = PromptCache.key('kal', 'We are open nine to five.');
    await new PromptCache(dir, 10).put(key, Int16Array.from([5, 6, 7]));
    const cache = new PromptCache(dir, 10); // a restart: memory is empty, the disk is not
    assert.deepEqual(await cache.get(key), Int16Array.from([5, 6, 7]));
    rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(await cache.get(key), Int16Array.from([5, 6, 7]), 'the second read never touched the disk');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
