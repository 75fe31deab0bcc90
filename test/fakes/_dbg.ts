import { startOpenAIFake } from './openai.js';
import { OpenAITTS } from '../../src/speech/tts/openai.js';
import { openaiSchema } from '../../src/config/cloud.js';
const fake = await startOpenAIFake({});
const tts = new OpenAITTS({ config: openaiSchema.parse({}), env: { GPT_SERVER_URL: fake.url, GPT_API_KEY: 'x' } });
const text = process.argv[2]!;
const t0 = performance.now();
let n = 0, samples = 0;
for await (const c of tts.synthesize(text)) { n++; samples += c.samples.length; }
console.log('chunks', n, 'samples', samples, 'ms', Math.round(performance.now() - t0));
await fake.close();
