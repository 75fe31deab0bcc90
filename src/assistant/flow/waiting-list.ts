// States offer-waiting-list (callback entry with number, topic and time, or a voice message) and
// voice-message (recorded to the data dir as WAV, listed in the store).
import { normalizeUtterance } from '../brain/normalize.js';
import { say } from '../tasks/say.js';
import { gather } from '../tasks/gather.js';
import { sayAndHangUp } from '../tasks/hangup.js';
import { beep, recordMessage } from '../tasks/record.js';
import type { CallSession, StateName } from './session.js';

const WAITING_LIST = / (wait\w*|waiting list|list|call ?back|call me|ring me|first one|first) /;
const MESSAGE = / (message|voicemail|voice mail|record\w*|leave|second one|second) /;
const OPTION_HINTS = ['waiting list', 'call me back', 'voice message', 'no thanks'];

type Choice = 'waiting-list' | 'voice-message' | 'neither' | 'unclear';

async function choiceOf(session: CallSession, text: string): Promise<Choice> {
  const normalized = normalizeUtterance(text);
  const list = WAITING_LIST.test(normalized);
  const message = MESSAGE.test(normalized);
  if (list !== message) return list ? 'waiting-list' : 'voice-message';
  const yesNo = await session.brain.yesNo(text).catch(() => -1);
  return yesNo === 0 ? 'neither' : yesNo === 1 && !message ? 'waiting-list' : 'unclear';
}

export async function offerWaitingList(session: CallSession): Promise<StateName> {
  const department = session.pendingAgent?.department ?? session.pendingDepartment;
  await say(session, session.prompt('offerWaitingList'));
  for (let asked = 1; asked <= 2; asked++) {
    const heard = await gather(session, {
      context: { kind: 'free', hints: OPTION_HINTS },
      timeoutMs: session.config.options.silenceTimeoutMs,
      dtmf: { maxDigits: 1, interDigitTimeoutMs: 1000 },
      isComplete: async ({ text }) => (await choiceOf(session, text)) !== 'unclear',
    });
    if (heard.kind === 'ended') return 'ended';
    let choice: Choice = 'unclear';
    if (heard.kind === 'speech') choice = await choiceOf(session, heard.text);
    else if (heard.kind === 'dtmf') choice = heard.digits === '1' ? 'waiting-list' : heard.digits === '2' ? 'voice-message' : 'unclear';
    void session.record.event('turn', { heard: heard.kind === 'speech' ? heard.text : heard.kind, question: 'waiting-list', choice });
    if (choice === 'voice-message') return 'voice-message';
    if (choice === 'neither') {
      await say(session, session.prompt('anythingElse'));
      return 'chatting';
    }
    if (choice === 'waiting-list') {
      const number = session.caller.number;
      if (!number) {
        await say(session, session.prompt('waitingListNeedsNumber'));
        return 'voice-message';
      }
      const topic = department ?? 'other';
      const entryId = await session.record.flushed().then(() =>
        session.store.addCallback({ callId: session.record.id, number, topic, agent: session.pendingAgent?.name, createdAt: new Date() }),
      ).catch((error: unknown) => {
        session.log.error({ err: error }, 'waiting list entry failed');
        return undefined;
      });
      void session.record.event('callback', { id: entryId, topic, agent: session.pendingAgent?.name });
      if (entryId === undefined) return sayAndHangUp(session, 'technicalProblem', 'error');
      return sayAndHangUp(session, 'waitingListAdded', 'waiting-list');
    }
    if (asked === 1) await say(session, session.prompt('offerWaitingListAgain'));
  }
  return sayAndHangUp(session, 'goodbye', session.outcome === 'in-progress' ? 'completed' : session.outcome);
}

export async function voiceMessage(session: CallSession): Promise<StateName> {
  await say(session, session.prompt('voiceMessageStart'), { interruptible: false, append: beep() });
  if (session.stopped) return 'ended';
  const recording = await recordMessage(session).catch((error: unknown) => {
    session.log.error({ err: error }, 'voice message recording failed');
    return undefined;
  });
  if (!recording?.spoke) return sayAndHangUp(session, 'voiceMessageEmpty', session.outcome === 'in-progress' ? 'completed' : session.outcome);
  const id = await session.store
    .addVoiceMessage({ callId: session.record.id, number: session.caller.number ?? session.caller.raw, path: recording.path, durationMs: recording.durationMs, createdAt: new Date() })
    .catch((error: unknown) => {
      session.log.error({ err: error }, 'voice message not stored');
      return undefined;
    });
  void session.record.event('voice-message', { id, path: recording.path, durationMs: recording.durationMs });
  return sayAndHangUp(session, 'voiceMessageSaved', 'voice-message');
}
