// Yes / no / unclear from a short reply, with the usual phone synonyms. Unclear phrases are tested
// first ("I'm not sure" contains "sure"), then no ("don't transfer me" contains "transfer me").
import type { YesNo } from './brain.js';

const UNCLEAR = /\b(not sure|unsure|don'?t know|dunno|maybe|perhaps|what|repeat|mean|think|hmm+|pardon|huh|depends)\b/;
const NO = /\b(no|nope|nah|not|don'?t|do not|never|negative|cancel|stop|wrong|incorrect)\b/;
/** "I'm good" after "shall I transfer you?" declines politely: it is a no, though "good" alone is a yes. */
const POLITE_DECLINE = /\b(i'?m|i am|we'?re|we are) (good|fine|ok|okay|all set|all good)( thanks| thank you)?$/;
const YES_DESPITE_NO = /\b(no problem|no worries|why not|not a problem)\b/;
const YES =
  /\b(yes|yeah|yea|yep|yup|ya|sure|ok|okay|correct|right|absolutely|course|alright|all right|ahead|please|definitely|certainly|affirmative|fine|great|good|do it|transfer me|connect me|put me through|i would|i do|uh huh)\b/;

export function yesNoOf(utterance: string): YesNo {
  const text = utterance.toLowerCase().replace(/[^a-z' ]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (!text) return -1;
  if (YES_DESPITE_NO.test(text)) return 1;
  if (UNCLEAR.test(text)) return -1;
  if (NO.test(text) || POLITE_DECLINE.test(text)) return 0;
  if (YES.test(text)) return 1;
  return -1;
}
