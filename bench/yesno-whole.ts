// Yes/no answers decoded from whole files (no VAD): with all their padding, and cut at the first loud frame
// as the cloud e2e's Watson fake does. Correct and false "yes" per corpus, for the grammar or the LM first pass.
// Usage: node --import tsx bench/yesno-whole.ts grammar|lm CORPUS... [--cut whole|onset] [-v]
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCorpus } from '../src/speech/eval/corpus.js';
import { decodeYesNoFiles, type WholeFileCut } from '../src/speech/eval/whole-file.js';
import { PocketsphinxStt } from '../src/speech/pocketsphinx/stt.js';

const args = process.argv.slice(2);
const model = args[0];
const cutAt = args.indexOf('--cut');
const cut = (cutAt >= 0 ? args[cutAt + 1] : 'whole') as WholeFileCut;
const corpora = args.slice(1).filter((arg, i, all) => !arg.startsWith('-') && all[i - 1] !== '--cut');
if ((model !== 'grammar' && model !== 'lm') || corpora.length === 0 || (cut !== 'whole' && cut !== 'onset')) {
  console.error('usage: bench/yesno-whole.ts grammar|lm CORPUS... [--cut whole|onset] [-v]');
  process.exit(2);
}
const stt = await PocketsphinxStt.create({ speechDir: join(tmpdir(), `frontdesk-yesno-whole-${model}`), workers: 1, yesNoModel: model });
let right = 0, total = 0, falseYes = 0;
for (const corpus of corpora) {
  const outcomes = await decodeYesNoFiles(stt, loadCorpus(corpus), cut);
  const ok = outcomes.filter((o) => o.heard === o.expected).length;
  const yes = outcomes.filter((o) => o.heard === 1 && o.expected !== 1).length;
  for (const o of outcomes) if (o.heard !== o.expected || args.includes('-v')) console.log(`${o.heard === o.expected ? 'ok' : '--'}  ${o.file} "${o.reference}" -> "${o.hypothesis}"`);
  console.log(`${corpus}: ${ok}/${outcomes.length} right, ${yes} false yes`);
  right += ok; total += outcomes.length; falseYes += yes;
}
console.log(`${model} first pass, ${cut}: ${right}/${total} right, ${falseYes} false yes`);
await stt.close();
