// Yes/no answers decoded straight from their files, without the Listener's VAD: 'whole' (the file with all
// its padding silence) or 'onset' (from the first loud 20 ms frame to the end, as the cloud e2e's Watson
// fake cuts a phrase: no pre-roll, trailing silence kept). Calls and the eval feed VAD-trimmed turns; this
// checks that a yes/no model also holds on audio cut another way (the LM once heard a padded "yes" as "that").
import { readWav } from '../../media/wav.js';
import type { STT } from '../types.js';
import type { CorpusItem } from './corpus.js';
import { classifyYesNo } from './score.js';

export type WholeFileCut = 'whole' | 'onset';

/** The Watson fake's speech threshold (test/fakes/watson.ts): frames at least this loud start a phrase. */
const ONSET_RMS = 400;
const FRAME = 160; // 20 ms at 8 kHz

export interface WholeFileOutcome {
  file: string;
  reference: string;
  hypothesis: string;
  expected: 1 | 0 | -1;
  heard: 1 | 0 | -1;
}

/** From the first frame at least ONSET_RMS loud (the whole file when none is). */
export function fromOnset(samples: Int16Array): Int16Array {
  for (let start = 0; start + FRAME <= samples.length; start += FRAME) {
    let energy = 0;
    for (let k = start; k < start + FRAME; k++) energy += samples[k]! * samples[k]!;
    if (Math.sqrt(energy / FRAME) >= ONSET_RMS) return samples.subarray(start);
  }
  return samples;
}

async function recognize(stt: STT, samples: Int16Array, sampleRate: number): Promise<string> {
  const session = stt.open({ kind: 'yesNo' });
  return new Promise<string>((resolve, reject) => {
    session.once('final', (result) => resolve(result.text));
    session.once('error', reject);
    for (let offset = 0; offset < samples.length; offset += FRAME) session.write({ samples: samples.slice(offset, offset + FRAME), sampleRate });
    session.end();
  });
}

/** Each yes/no item of the corpus decoded on its own session, cut as asked. */
export async function decodeYesNoFiles(stt: STT, items: CorpusItem[], cut: WholeFileCut): Promise<WholeFileOutcome[]> {
  const outcomes: WholeFileOutcome[] = [];
  for (const item of items.filter((candidate) => candidate.kind === 'yesno')) {
    const pcm = readWav(item.path);
    const samples = cut === 'onset' ? fromOnset(pcm.samples) : pcm.samples;
    const hypothesis = await recognize(stt, samples, pcm.sampleRate);
    const expected = item.expect.answer ?? classifyYesNo(item.text);
    outcomes.push({ file: item.file, reference: item.text, hypothesis, expected, heard: classifyYesNo(hypothesis) });
  }
  return outcomes;
}
