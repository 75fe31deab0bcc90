// OpenAI TTS against the fake (real flite speech): streamed pcm 24 kHz arrives as several 8 kHz chunks
// of the right length, the request has the exact shape, repeats come from the cache, failures fall back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOpenAIFake, type OpenAIFake } from '../fakes/openai.js';
import { OpenAITTS } from '../../src/speech/tts/openai.js';
import { openaiSchema } from '../../src/config/cloud.js';
import { decodeWav } from '../../src/media/wav.js';
import type { PcmChunk } from '../../src/media/pcm.js';
import type { TTS } from '../../src/speech/types.js';

let fake: OpenAIFake;
const env = () => ({ GPT_SERVER_URL: fake.url, GPT_API_KEY: 'sk-tts' });
before(async () => {
  fake = await startOpenAIFake({ apiKey: 'sk-tts' });
});
after(() => fake.close());

async function collect(source: AsyncIterable<PcmChunk>): Promise<PcmChunk[]> {
  const chunks: PcmChunk[] = [];
  for await (const chunk of source) chunks.push(chunk);
  return chunks;
}

test('speech streams as 8 kHz chunks whose length matches the synthesized phrase', async () => {
  const tts = new OpenAITTS({ config: openaiSchema.parse({}), env: env() });
  const text = 'Thank you for calling. How can I help you today?';
  fake.requests.length = 0;
  const chunks = await collect(tts.synthesize(text));
  assert.ok(chunks.length > 1, 'more than one chunk: played while downloading');
  assert.ok(chunks.every((chunk) => chunk.sampleRate === 8000));
  const samples = chunks.reduce((sum, chunk) => sum + chunk.samples.length, 0);
  const dir = mkdtempSync(join(tmpdir(), 'tts-ref-'));
  try {
    execFileSync('flite', ['-voice', 'slt', '-t', text, '-o', join(dir, 'ref.wav')]);
    const reference = decodeWav(readFileSync(join(dir, 'ref.wav')));
    const expected = (reference.samples.length / reference.sampleRate) * 8000;
    assert.ok(Math.abs(samples - expected) < 80, `${samples} samples vs ${expected}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const peak = Math.max(...chunks.map((chunk) => Math.max(...chunk.samples)));
  assert.ok(peak > 3000, 'audible speech, not silence or a header');
  assert.deepEqual(fake.requests[0]!.body, { model: 'tts-1', input: text, voice: 'alloy', response_format: 'pcm' });
  assert.equal(fake.requests[0]!.path, '/v1/audio/speech');

  const again = await collect(tts.synthesize(text));
  assert.equal(fake.requests.length, 1, 'the repeat came from the cache');
  assert.equal(again[0]!.samples.length, samples);
  await tts.close();
});

test('a failing server before the first audio: the fallback synthesizer speaks; without one, a clear error', async () => {
  const spoken: string[] = [];
  const fallback: TTS = {
    name: 'embedded',
    async *synthesize(text) {
      spoken.push(text);
      yield { samples: new Int16Array(160), sampleRate: 8000 };
    },
    close: async () => {},
  };
  const tts = new OpenAITTS({ config: openaiSchema.parse({}), env: env(), fallback });
  fake.inject({ kind: '500' }, { kind: '500' });
  const chunks = await collect(tts.synthesize('Please hold.'));
  assert.deepEqual(spoken, ['Please hold.']);
  assert.equal(chunks.length, 1);
  const bare = new OpenAITTS({ config: openaiSchema.parse({ tts: { voice: 'robot' } }), env: env() });
  await assert.rejects(collect(bare.synthesize('hi')), /Invalid value for 'voice'/);
});
