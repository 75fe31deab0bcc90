// State robocall_defend: an unknown caller repeats a random code (node:crypto), spoken digit by
// digit, by voice or keypad. Exactly `attempts` tries; silence within the timeout is a failed try.
import { randomInt } from 'node:crypto';
import { speakDigits } from '../../speech/tts/text.js';
import { say } from '../tasks/say.js';
import { gather } from '../tasks/gather.js';
import { sayAndHangUp } from '../tasks/hangup.js';
import type { CallSession, StateName } from './session.js';

export function makePasscode(digits: number): string {
  return String(randomInt(0, 10 ** digits)).padStart(digits, '0');
}

export async function screening(session: CallSession): Promise<StateName> {
  const { digits, attempts, answerTimeoutMs, interDigitTimeoutMs } = session.config.screening;
  const code = makePasscode(digits);
  const started = performance.now();
  // Stored with the record (never logged): a one-time code of a finished call proves what was asked.
  void session.record.event('screening', { stage: 'challenge', code, attempts });
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const key = attempt === 1 ? 'screeningChallenge' : 'screeningRetry';
    await say(session, session.prompt(key, { code: speakDigits(code) }), { interruptible: false });
    const heard = await gather(session, {
      // The recognizer may favour the expected code (a likelihood-ratio check on the same audio).
      context: { kind: 'digits', length: digits, expected: code },
      timeoutMs: answerTimeoutMs,
      dtmf: { maxDigits: digits, interDigitTimeoutMs },
    });
    if (heard.kind === 'ended') return 'ended';
    let matched = false;
    let number = '';
    if (heard.kind === 'dtmf') {
      number = heard.digits;
      matched = number === code;
    } else if (heard.kind === 'speech') {
      const check = await session.brain.verifyCode(heard.text, code).catch(() => ({ matched: false, number: '' }));
      ({ matched, number } = check);
    }
    void session.record.event('screening', {
      stage: 'attempt',
      attempt,
      via: heard.kind,
      heard: heard.kind === 'speech' ? heard.text : undefined,
      confidence: heard.kind === 'speech' ? heard.confidence : undefined,
      number,
      matched,
    });
    if (matched) {
      void session.record.event('screening', { stage: 'passed', attempt, ms: Math.round(performance.now() - started) });
      void session.record.summary({ identity: 'screened' });
      await say(session, session.prompt('screeningPassed'), { replyTo: heard.kind === 'speech' ? heard.speechEndedAt : 'endedAt' in heard ? heard.endedAt : undefined });
      return 'chatting';
    }
  }
  void session.record.event('screening', { stage: 'failed', attempts });
  return sayAndHangUp(session, 'screeningFailed', 'screening-failed');
}
