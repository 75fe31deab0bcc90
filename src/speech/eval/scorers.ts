// Extra per-item scores for `frontdesk eval speech`, beyond recognition: the assistant adds intent
// accuracy here (a function of the corpus item and the recognized text), e.g.
//   speechEvalScorers.push(async (item, text) => item.kind === 'request' ? { intent: ... ? 1 : 0 } : {});
import type { ExtraScorer } from './run.js';

export const speechEvalScorers: ExtraScorer[] = [];
