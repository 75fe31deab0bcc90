// Everything one call's flow works with: the call, its own listener and record, the config snapshot
// taken when it rang, what we know about the caller, and the signal that ends all waiting at once
// (hang-up or maximum duration). Nothing here is shared between calls.
import type { AgentConfig, AssistantConfig, Department, PromptKey } from '../../config/assistant.js';
import type { Call, DtmfEvent } from '../../telephony/call.js';
import type { CallOutcome, CallStore } from '../../store/store.js';
import type { Brain, Classification, ConversationContext } from '../brain/brain.js';
import type { Logger } from '../../log.js';
import type { CallerId } from '../caller-id.js';
import type { Customer, Directory } from '../directory.js';
import type { TurnListener, SpeechPorts } from '../listening.js';
import type { RecognitionContext } from '../../speech/types.js';
import type { CallRecord } from '../call-record.js';
import { renderPrompt, type PromptVars } from '../prompts.js';
import type { AgentAvailabilityLookup } from '../availability.js';

export type StateName =
  | 'robocall_defend'
  | 'greeting'
  | 'chatting'
  | 'wait-for-transfer-decision'
  | 'transferring'
  | 'offer-waiting-list'
  | 'voice-message'
  | 'verify-zip'
  | 'billing'
  | 'goodbye'
  | 'ended';

export interface SessionDeps {
  call: Call;
  config: AssistantConfig;
  dataDir: string;
  directory: Directory;
  brain: Brain;
  speech: SpeechPorts;
  listener: TurnListener;
  record: CallRecord;
  store: CallStore;
  log: Logger;
  caller: CallerId;
  customer?: Customer;
  /** Caller speech this long interrupts an interruptible prompt. */
  bargeInMinSpeechMs?: number;
  /** Pause after which a complete-sounding turn ends early, per turn kind (speech.earlyEndMs). */
  earlyEndMs?: Record<RecognitionContext['kind'], number>;
  /** Presence of an agent from the telephony (RingCentral); the configured status otherwise. */
  agentAvailability?: AgentAvailabilityLookup;
}

export class CallSession {
  readonly call: Call;
  readonly config: AssistantConfig;
  readonly dataDir: string;
  readonly directory: Directory;
  readonly brain: Brain;
  readonly speech: SpeechPorts;
  readonly listener: TurnListener;
  readonly record: CallRecord;
  readonly store: CallStore;
  readonly log: Logger;
  readonly caller: CallerId;
  readonly customer?: Customer;
  readonly bargeInMinSpeechMs: number;
  readonly earlyEndMs: Record<RecognitionContext['kind'], number> | undefined;
  readonly agentAvailability?: AgentAvailabilityLookup;

  state: StateName = 'greeting';
  outcome: CallOutcome = 'in-progress';
  /** Keys pressed and not yet consumed by a gather. */
  dtmfBuffer = '';
  readonly history: ConversationContext['history'] = [];
  /** The agent a yes/no question is about, or the department we could not reach. */
  pendingAgent?: AgentConfig;
  pendingDepartment?: Department;
  /** The assistant asked which department; the next answer names one. */
  awaitingDepartment = false;
  zipVerified = false;
  silences = 0;
  maxDurationReached = false;
  private readonly abort = new AbortController();
  private readonly dtmfWaiters = new Set<(event: DtmfEvent) => void>();
  private classified?: { text: string; result: Promise<Classification> };

  constructor(deps: SessionDeps) {
    this.call = deps.call;
    this.config = deps.config;
    this.dataDir = deps.dataDir;
    this.directory = deps.directory;
    this.brain = deps.brain;
    this.speech = deps.speech;
    this.listener = deps.listener;
    this.record = deps.record;
    this.store = deps.store;
    this.log = deps.log;
    this.caller = deps.caller;
    this.customer = deps.customer;
    this.bargeInMinSpeechMs = deps.bargeInMinSpeechMs ?? 350;
    this.earlyEndMs = deps.earlyEndMs;
    this.agentAvailability = deps.agentAvailability;
  }

  /** Aborted when the call ends or the maximum duration is reached: every wait stops. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  get stopped(): boolean {
    return this.abort.signal.aborted || this.call.ended;
  }

  stop(reason: 'hangup' | 'max-duration'): void {
    if (reason === 'max-duration') this.maxDurationReached = true;
    this.abort.abort(reason);
  }

  /** Called for every key the caller presses (wired by the receptionist). */
  onDtmf(event: DtmfEvent): void {
    this.dtmfBuffer += event.digit;
    for (const waiter of [...this.dtmfWaiters]) waiter(event);
  }

  /** Subscribe to key presses; returns the unsubscribe function. */
  watchDtmf(listener: (event: DtmfEvent) => void): () => void {
    this.dtmfWaiters.add(listener);
    return () => this.dtmfWaiters.delete(listener);
  }

  prompt(key: PromptKey, vars: PromptVars = {}): string {
    return renderPrompt(this.config.prompts, key, {
      business: this.config.businessName,
      name: this.customer?.firstName,
      ...vars,
    });
  }

  conversation(): ConversationContext {
    return { businessName: this.config.businessName, history: this.history.slice(-6), customerName: this.customer?.firstName };
  }

  /** The brain's classification of an utterance, asked once: the end-of-turn check and the reply share it. */
  classify(text: string): Promise<Classification> {
    if (this.classified?.text === text) return this.classified.result;
    const result = this.brain.classify(text, this.conversation());
    this.classified = { text, result };
    result.catch(() => this.forgetClassification());
    return result;
  }

  /** A new turn: the same words may mean something else in the new context. */
  forgetClassification(): void {
    this.classified = undefined;
  }

  setOutcome(outcome: CallOutcome): void {
    this.outcome = outcome;
  }
}
