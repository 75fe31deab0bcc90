// Intent and request class by the corpus labelling rules (shared/eval/make-corpus.sh header):
// request = wants something done or reports a problem; question = asks for information;
// answer = a reply to our question; class "call transfer" when a person or department is asked for.
import type { Intent, RequestClass, Topic } from './brain.js';
import { isVerblessFragment } from './fragments.js';

// Text is normalized (lower case, contractions expanded, padded with one space each side).
// "when me speak to …" is no question: a wh-word before an object pronoun is a misheard "let me".
const WH_START = /^ (what|where|when|why|how|who|whom|whose|which)\b(?! (me|us|him|her|them)\b)/;
const AUX_QUESTION = /^ (do|does|did|are|is|was|were|have|has|will|would|should|shall) (you|your|there|it|they|we|the|this|that|my|i|a|an|any)\b/;
const REQUEST_AUX = /^ (can|could|would|will|may) (you|i|we|somebody|someone)\b/;
const INFO_REQUEST = /^ (can|could|would) you (tell|let) me (what|where|when|why|how|who|which|if|whether|your)\b/;
const ANSWER_LEAD =
  /^ (it is|its|it was|that is|this is|this was) (about|regarding|concerning|related|for|just|only|a|an|my|the|to do)\b|^ (about|regarding|concerning|for) (my|the|a|an)\b|^ (yes|yeah|yep|no|nope|nah|sure|ok|okay|right|correct)( |$)/;
const IDENTIFIER_ANSWER = /^ (the|my|our) ([a-z]+ )?(number|id|code|zip|zip code|name|reference) (is|was)\b/;
const ALREADY = /\balready\b/;
const PAST_REPORT = /^ (i|we) (paid|did|have paid|have done|tried|called|sent|checked|restarted|rebooted|reset|updated|mailed|emailed)\b/;
const TRANSFER =
  /\b(speak|talk|chat) (to|with)\b|\b(i|me|we) (speak|talk)\b|\b(transfer|forward|patch) (me|my call|this call|the call)\b|\bput (me )?(through|in touch)\b|\bconnect (me|my call)\b|\b(get|give) me (a|an|someone|somebody)\b|\b(representative|operator|receptionist|supervisor|manager|human|rep)\b|\b(a|an|the|real|live|actual) (person|human|agent|rep|technician|someone)\b|\bsomeone (in|from) \b|\bdepartment\b|\b(your|the) [a-z ]*(team|desk)\b/;

// Discourse openers ("well, are you open…", "hi, I need…") say nothing about intent.
const OPENER = /^ (?:(?:well|so|hi|hello|hey|oh|okay|ok|alright|yeah|yes|good morning|good afternoon|and|but) )+(?=\S+ \S+ \S)/;

// "… the billing department please": asking for a person, whatever the recognizer made of the start.
// Any "department" counts: callers name one to be put through, and the recognizer often loses the "the"
// before it ("a real department" for "the sales department").
const PERSON_PLEASE = / please $/;

export function intentOf(utterance: string): Intent {
  const text = utterance.replace(OPENER, ' ');
  if (PERSON_PLEASE.test(text) && wantsPerson(text)) return 'request';
  if (WH_START.test(text)) return 'question';
  if (INFO_REQUEST.test(text)) return 'question';
  if (REQUEST_AUX.test(text)) return 'request';
  if (AUX_QUESTION.test(text)) return 'question';
  if (IDENTIFIER_ANSWER.test(text) || ANSWER_LEAD.test(text)) return 'answer';
  if ((ALREADY.test(text) || PAST_REPORT.test(text)) && !/\b(but|still|again|and it)\b/.test(text)) return 'answer';
  if (isVerblessFragment(text.replace(/^ (so|just|well|um|uh) /, ' ')) && !wantsPerson(text)) return 'answer';
  return 'request';
}

export function wantsPerson(text: string): boolean {
  return TRANSFER.test(text);
}

export function classOf(intent: Intent, topic: Topic, text: string): RequestClass {
  if (intent !== 'request') return 'unclassified';
  if (wantsPerson(text)) return 'call transfer';
  if (topic === 'billing') return 'billing inquiry';
  if (topic === 'ordering') return 'order inquiry';
  return 'unclassified';
}
