// State chatting: one caller turn — listen, classify with the brain, record the turn, reply. Silence
// re-prompts (then goodbye); a farewell ends the call; requests move to transfer or billing states.
import type { Classification } from '../brain/brain.js';
import { normalizeUtterance } from '../brain/normalize.js';
import { say } from '../tasks/say.js';
import { sayStream } from '../tasks/say-stream.js';
import type { FallbackMarker } from '../brain/openai.js';
import { gather } from '../tasks/gather.js';
import { isFarewell } from '../tasks/end-of-turn.js';
import { sayAndHangUp } from '../tasks/hangup.js';
import { departmentOf, offerTransfer } from './offer-transfer.js';
import type { CallSession, StateName } from './session.js';

const PLAIN_NO = /^ (no|nope|nah)( thanks| thank you| i am good| i am fine)* $/;
const CHAT_HINTS = ['order', 'bill', 'billing', 'technical support', 'agent', 'transfer', 'payment', 'hours'];

async function classifySafely(session: CallSession, text: string): Promise<Classification | undefined> {
  try {
    return await session.classify(text);
  } catch (error) {
    session.log.warn({ err: error }, 'brain failed to classify');
    return undefined;
  }
}

/** The LLM's free answer spoken as it is written; its classification answer if the stream fails. */
async function streamAnswer(session: CallSession, question: string, fallback: string, replyTo: number): Promise<string> {
  const context = session.conversation();
  if (context.history.at(-1)?.role === 'caller') context.history.pop(); // the question itself goes last
  const stop = new AbortController();
  const onStop = () => stop.abort();
  session.signal.addEventListener('abort', onStop, { once: true });
  try {
    const sentences = session.brain.answerStream!(question, context, stop.signal);
    return (await sayStream(session, sentences, { fallback, closing: session.prompt('anythingElse'), replyTo })).text;
  } finally {
    stop.abort();
    session.signal.removeEventListener('abort', onStop);
  }
}

export async function chatting(session: CallSession): Promise<StateName> {
  const { options } = session.config;
  const heard = await gather(session, { context: { kind: 'free', hints: CHAT_HINTS }, timeoutMs: options.silenceTimeoutMs });
  if (heard.kind === 'ended') return 'ended';
  if (heard.kind !== 'speech') {
    session.silences++;
    void session.record.event('silence', { count: session.silences, state: 'chatting' });
    if (session.silences > options.silenceReprompts) return sayAndHangUp(session, 'silenceGoodbye', 'timeout');
    await say(session, session.prompt('silence'));
    return 'chatting';
  }
  session.silences = 0;
  const text = normalizeUtterance(heard.text);
  const lastAsked = session.history.at(-2)?.text;
  const turn = (classification: Classification | undefined, reply: string, next: StateName) =>
    void session.record.event('turn', {
      heard: heard.text,
      confidence: heard.confidence,
      classification,
      reply,
      next,
      recognitionMs: Math.round(heard.finalAt - heard.speechEndedAt),
      endedAtPause: heard.early === true,
    });

  if (isFarewell(text) || (PLAIN_NO.test(text) && lastAsked === session.prompt('anythingElse'))) {
    turn(undefined, session.prompt('goodbye'), 'goodbye');
    return 'goodbye';
  }
  const classification = await classifySafely(session, heard.text);
  if (!classification) {
    turn(undefined, session.prompt('didNotUnderstand'), 'chatting');
    await say(session, session.prompt('didNotUnderstand'), { replyTo: heard.speechEndedAt });
    return 'chatting';
  }
  const { intent, topic } = classification;
  const department = departmentOf(topic);
  const replyTo = heard.speechEndedAt;
  if (session.awaitingDepartment && department) {
    turn(classification, 'confirm transfer', 'wait-for-transfer-decision');
    return offerTransfer(session, department, undefined, replyTo);
  }
  if (intent === 'request' && classification.class === 'call transfer') {
    if (department) {
      turn(classification, 'confirm transfer', 'wait-for-transfer-decision');
      return offerTransfer(session, department, undefined, replyTo);
    }
    session.awaitingDepartment = true;
    turn(classification, session.prompt('askDepartment'), 'chatting');
    await say(session, session.prompt('askDepartment'), { replyTo });
    return 'chatting';
  }
  const wantsBilling = topic === 'billing' && (classification.class === 'billing inquiry' || (intent === 'question' && !classification.answer));
  if (wantsBilling && session.customer) {
    turn(classification, 'billing details', 'verify-zip');
    return 'verify-zip';
  }
  const streamable = session.brain.answerStream && !(classification as FallbackMarker).fallback;
  if (intent === 'question' && streamable && (classification.answer || !department)) {
    const said = await streamAnswer(session, heard.text, classification.answer ?? session.prompt('noAnswer'), replyTo);
    turn(classification, said, 'chatting');
    return 'chatting';
  }
  if (intent === 'question' && classification.answer) {
    const reply = `${classification.answer} ${session.prompt('anythingElse')}`;
    turn(classification, reply, 'chatting');
    await say(session, reply, { replyTo });
    return 'chatting';
  }
  if (department) {
    const lead = wantsBilling
      ? session.prompt('billingNeedsCustomer')
      : intent === 'question'
        ? session.prompt('noAnswerKnown')
        : (classification.ask ?? session.prompt('offerHelp', { department }));
    turn(classification, lead, 'wait-for-transfer-decision');
    return offerTransfer(session, department, lead, replyTo);
  }
  const reply = classification.ask ?? classification.answer ?? session.prompt(intent === 'question' ? 'noAnswer' : 'didNotUnderstand');
  turn(classification, reply, 'chatting');
  await say(session, reply, { replyTo });
  return 'chatting';
}
