// STT end of speech -> final result, one caller at real time through the call path (Listener -> VAD ->
// pocketsphinx workers, decoding while the caller speaks; passcodes verified against the expected code,
// as screening does: two decodes in two processes). Peer: pocketsphinx_continuous on the same files,
// whose result only exists after it has read the whole file (load + decode wall time).
// Usage: node --import tsx bench/speech-latency.ts [items per kind, default 4]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseConfig } from '../src/config/load.js';
import { encodeWav, readWav } from '../src/media/wav.js';
import { createSpeechStack } from '../src/speech/index.js';
import { Upsampler2x } from '../src/speech/resample.js';
import { loadCorpus } from '../src/speech/eval/corpus.js';
import { evaluateItem } from '../src/speech/eval/run.js';
import { percentile } from '../src/speech/eval/score.js';

const CORPUS = join(import.meta.dirname, '..', '..', 'shared', 'eval', 'speech-dev');
const perKind = Number(process.argv[2] ?? 4);
const corpus = loadCorpus(CORPUS);
const kinds = ['passcode', 'yesno', 'request'] as const;
const dir = mkdtempSync(join(tmpdir(), 'bench-latency-'));
const stack = await createSpeechStack(parseConfig({ speech: {} }, 'bench', {}), { dataDir: dir });
console.log(`speech-latency: ${perKind} items per kind at real time, one stream; 2 cores shared with other work (contention)`);
for (const kind of kinds) {
  const items = corpus.filter((i) => i.kind === kind).filter((_, i) => i % 7 === 1).slice(0, perKind);
  const ours: number[] = [];
  const peer: number[] = [];
  for (const item of items) {
    const outcome = await evaluateItem(item, { stt: stack.stt, vadFactory: stack.vadFactory, realtime: true, withExpectedCode: kind === 'passcode' });
    if (outcome.latencyMs !== undefined) ours.push(outcome.latencyMs);
    const wav = join(dir, 'peer.wav');
    writeFileSync(wav, encodeWav({ samples: new Upsampler2x().process(readWav(item.path).samples), sampleRate: 16000 }));
    const search = kind === 'request' ? ['-lm', join(dir, 'speech', 'domain.arpa')] : ['-lm', join(dir, 'speech', 'yesno.arpa')];
    const t = performance.now();
    execFileSync('pocketsphinx_continuous', ['-infile', wav, '-hmm', join(dir, 'speech', 'hmm-tel'), '-dict', join(dir, 'speech', 'app.dict'), ...search, '-logfn', '/dev/null'], { stdio: 'ignore' });
    peer.push(performance.now() - t);
  }
  const p50 = percentile(ours, 50);
  console.log(
    `${kind.padEnd(9)} end-of-speech->final p50 ${p50.toFixed(0)} ms p95 ${percentile(ours, 95).toFixed(0)} ms | ` +
      `peer CLI after end of file p50 ${percentile(peer, 50).toFixed(0)} ms | ratio ${(percentile(peer, 50) / Math.max(1, p50)).toFixed(1)}x`,
  );
}
await stack.close();
rmSync(dir, { recursive: true, force: true });
