// Scripted doubles for driving the assistant's call flow at unit level: a Call that records what was
// played (by prompt text), a TTS that tags its audio with the text, and a listener that returns the
// caller's scripted turns. No SIP here — end-to-end tests use real peers.
import { EventEmitter } from 'node:events';
import type { PcmChunk, PcmSource } from '../../src/media/pcm.js';
import type { TTS, STT, VAD } from '../../src/speech/types.js';
import type { Call, CallEvents, CallFacts, IncomingCall, PlayOptions, PlayOutcome, TransferMode, TransferResult } from '../../src/telephony/call.js';
import type { TurnListener, TurnListenOptions, TurnResult, SpeechPorts } from '../../src/assistant/listening.js';

type TaggedChunk = PcmChunk & { text?: string };

export class TextTts implements TTS {
  readonly name = 'text-double';
  async *synthesize(text: string): AsyncIterable<PcmChunk> {
    const chunk: TaggedChunk = { samples: new Int16Array(160), sampleRate: 8000, text };
    yield chunk;
  }
  async close(): Promise<void> {}
}

export function speechDouble(): SpeechPorts {
  const stt: STT = { name: 'none', open: () => { throw new Error('the scripted listener replaces STT'); }, close: async () => {} };
  const vadFactory = (): VAD => ({ name: 'none', process: () => [], configure: () => {}, reset: () => {} });
  return { stt, tts: new TextTts(), vadFactory };
}

export function callFacts(headers: { from?: string; pai?: string; rpid?: string; id?: string } = {}): CallFacts {
  const id = headers.id ?? `call-${Math.random().toString(36).slice(2, 10)}`;
  return {
    id, direction: 'inbound', from: headers.from ?? '<sip:unknown@127.0.0.1>;tag=1', to: '<sip:frontdesk@127.0.0.1>',
    assertedIdentity: headers.pai, remotePartyId: headers.rpid, callId: `${id}@test`,
    codec: { name: 'PCMU', clockRate: 8000, payloadType: 0 }, peer: { address: '127.0.0.1', port: 5060, transport: 'udp' },
    header: () => undefined, startedAt: new Date(),
  };
}

export class ScriptedCall extends EventEmitter<CallEvents> implements Call {
  readonly prompts: string[] = [];
  readonly transfers: { target: string; mode: TransferMode }[] = [];
  ended = false;
  isPlaying = false;
  hangupReason?: string;
  private stopRequested = false;
  transferResult: (target: string) => TransferResult = () => ({ ok: true, status: 200, reason: 'OK' });
  /** Called once per played prompt, after it was recorded (e.g. to barge in). */
  onPrompt?: (text: string) => void;

  constructor(readonly facts: CallFacts) {
    super();
  }
  async play(source: PcmSource, _options?: PlayOptions): Promise<PlayOutcome> {
    this.isPlaying = true;
    this.stopRequested = false;
    try {
      for await (const chunk of source) {
        const text = (chunk as TaggedChunk).text;
        if (text !== undefined) {
          this.prompts.push(text);
          this.onPrompt?.(text);
        }
        await new Promise((r) => setImmediate(r));
        if (this.ended) return 'hangup';
        if (this.stopRequested) return 'stopped';
      }
      return 'finished';
    } finally {
      this.isPlaying = false;
    }
  }
  stopPlayback(): void {
    this.stopRequested = true;
  }
  async sendDtmf(): Promise<void> {}
  async transfer(target: string, options: { mode: TransferMode }): Promise<TransferResult> {
    this.transfers.push({ target, mode: options.mode });
    const result = this.transferResult(target);
    if (result.ok) this.end('transfer', 'transferred');
    return result;
  }
  async hangup(reason = 'local'): Promise<void> {
    this.hangupReason = reason;
    this.end('local', reason);
  }
  end(by: 'remote' | 'local' | 'transfer', reason: string): void {
    if (this.ended) return;
    this.ended = true;
    this.emit('hangup', { by, reason });
  }
  pressKeys(digits: string): void {
    for (const digit of digits) this.emit('dtmf', { digit, source: 'rfc4733', durationMs: 100 });
  }
}

export type CallerStep =
  | { say: string; confidence?: number }
  | { silence: true }
  | { keys: string }
  | { hangup: true }
  /** Stay quiet until the turn is aborted (hang-up, maximum duration). */
  | { wait: true }
  /** Decide the reply from what the call heard so far (e.g. repeat the passcode just spoken). */
  | ((call: ScriptedCall) => CallerStep);

export class ScriptedListener extends EventEmitter<{ 'speech-start': [] }> implements TurnListener {
  readonly contexts: TurnListenOptions['context'][] = [];
  closed = false;
  constructor(private readonly call: ScriptedCall, private readonly steps: CallerStep[]) {
    super();
  }
  async listen(options: TurnListenOptions): Promise<TurnResult> {
    this.contexts.push(options.context);
    let step = this.steps.shift() ?? { hangup: true };
    if (typeof step === 'function') step = step(this.call);
    const now = performance.now();
    if ('say' in step) return { kind: 'speech', result: { text: step.say, confidence: step.confidence ?? 0.9 }, speechStartedAt: now - 900, speechEndedAt: now - 10, finalAt: now };
    if ('silence' in step) return { kind: 'timeout' };
    if ('wait' in step) {
      return new Promise<TurnResult>((resolve) => {
        if (options.signal?.aborted) return resolve({ kind: 'aborted' });
        options.signal?.addEventListener('abort', () => resolve({ kind: 'aborted' }), { once: true });
      });
    }
    if ('keys' in step) {
      const aborted = new Promise<TurnResult>((resolve) => options.signal?.addEventListener('abort', () => resolve({ kind: 'aborted' }), { once: true }));
      this.call.pressKeys(step.keys);
      return aborted;
    }
    this.call.end('remote', 'caller hung up');
    return { kind: 'aborted' };
  }
  watchForBargeIn(): () => void {
    return () => {};
  }
  close(): void {
    this.closed = true;
  }
  /** The digits of the last prompt that contained a spoken code ("4, 7, 1, 2"). */
  static codeIn(call: ScriptedCall): string {
    for (const prompt of [...call.prompts].reverse()) {
      const match = /(\d(?:, \d)+)/.exec(prompt);
      if (match) return match[1]!.replace(/\D/g, '');
    }
    return '';
  }
  get remaining(): number {
    return this.steps.length;
  }
}

export class ScriptedIncoming implements IncomingCall {
  rejected?: { status: number; reason?: string };
  answered = false;
  readonly call: ScriptedCall;
  constructor(readonly facts: CallFacts) {
    this.call = new ScriptedCall(facts);
  }
  ring(): void {}
  async answer(): Promise<Call> {
    this.answered = true;
    return this.call;
  }
  async reject(status: number, reason?: string): Promise<void> {
    this.rejected = { status, reason };
  }
}
