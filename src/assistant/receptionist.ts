// The receptionist: one incoming call from ringing to a closed record. Blocked (and, if configured,
// anonymous) callers are declined before answering; known customers are greeted by name; everyone
// else is screened. Each call runs on its own config snapshot, listener and record.
import { randomUUID } from 'node:crypto';
import type { Config } from '../config/schema.js';
import type { IncomingCall } from '../telephony/call.js';
import type { CallStore } from '../store/store.js';
import type { Brain } from './brain/brain.js';
import { RulesBrain } from './brain/rules.js';
import { logger as makeLogger, type Logger } from '../log.js';
import { callsByOutcome } from '../metrics.js';
import { identifyCaller } from './caller-id.js';
import { Directory } from './directory.js';
import { CallRecord } from './call-record.js';
import { CallSession, type StateName } from './flow/session.js';
import { runFlow } from './flow/machine.js';
import { Listener } from '../speech/listener.js';
import { endSilenceFromConfig } from '../speech/index.js';
import type { ListenerFactory, SpeechPorts, TurnListener } from './listening.js';
import type { AgentAvailabilityLookup } from './availability.js';
import { fixedSentences } from './prompts.js';

/** Sentences synthesized ahead at most (a share of the TTS cache, so warming never evicts itself). */
const MAX_WARM_SENTENCES = 1000;

export interface ReceptionistOptions {
  config: Config;
  speech: SpeechPorts;
  brain: Brain;
  store: CallStore;
  logger?: Logger;
  /** Builds the per-call turn listener; the speech layer's Listener by default. */
  listenerFactory?: ListenerFactory;
  /** Where words recognized mid-turn go (the dashboard's live transcript); they are not stored. */
  live?: { partial(callId: string, text: string): void };
  /** The telephony's presence lookup (RingCentral); without it the configured agent.status decides. */
  agentAvailability?: AgentAvailabilityLookup;
}

export interface ActiveCall {
  id: string;
  state: StateName | 'ringing';
  startedAt: Date;
  identity: string;
}

interface Snapshot {
  config: Config;
  directory: Directory;
  brain: Brain;
}

export class Receptionist {
  private snapshot: Snapshot;
  private readonly active = new Map<string, { session?: CallSession; info: ActiveCall }>();
  private readonly log: Logger;
  private warming?: AbortController;

  constructor(private readonly options: ReceptionistOptions) {
    this.log = options.logger ?? makeLogger('receptionist');
    this.snapshot = { config: options.config, directory: new Directory(options.config.assistant), brain: options.brain };
    this.warm(options.config);
  }

  /**
   * Synthesizes every fixed sentence (greetings, confirmations, re-prompts, transfer questions) one at
   * a time in the background; the TTS cache keeps them, so those replies start without synthesis.
   * Only for the embedded synthesizer: a cloud one bills every request and forgets at restart.
   */
  private warm(config: Config): void {
    this.warming?.abort();
    if (config.speech.tts !== 'flite') return;
    const limit = Math.min(MAX_WARM_SENTENCES, Math.floor(config.speech.ttsCacheEntries / 2));
    const sentences = fixedSentences(config.assistant).slice(0, limit);
    const controller = (this.warming = new AbortController());
    const { tts } = this.options.speech;
    void (async () => {
      for (const sentence of sentences) {
        if (controller.signal.aborted) return;
        for await (const _ of tts.synthesize(sentence, { signal: controller.signal }));
      }
    })().catch((error: Error) => {
      if (!controller.signal.aborted) this.log.warn({ err: error.message }, 'prompt synthesis ahead of calls stopped');
    });
  }

  /** Stops synthesizing ahead (the speech stack is about to close). */
  close(): void {
    this.warming?.abort();
  }

  /** New calls use the new config (and brain); calls in progress keep the snapshot they started with. */
  reload(config: Config, brain?: Brain): void {
    const nextBrain = brain ?? (this.snapshot.brain instanceof RulesBrain ? new RulesBrain(config.assistant) : this.snapshot.brain);
    this.snapshot = { config, directory: new Directory(config.assistant), brain: nextBrain };
    this.warm(config);
    this.log.info({ active: this.active.size }, 'configuration reloaded');
  }

  activeCalls(): ActiveCall[] {
    return [...this.active.values()].map(({ session, info }) => ({ ...info, state: session?.state ?? info.state }));
  }

  /** Never throws: a failure ends this call (outcome 'error') and nothing else. */
  async handle(incoming: IncomingCall): Promise<void> {
    const { config, directory, brain } = this.snapshot;
    const assistant = config.assistant;
    const facts = incoming.facts;
    const id = facts.id || randomUUID();
    const log = this.log.child({ callId: id });
    const record = new CallRecord(this.options.store, id, log);
    const info: ActiveCall = { id, state: 'ringing', startedAt: facts.startedAt, identity: 'unknown' };
    const entry: { session?: CallSession; info: ActiveCall } = { info };
    this.active.set(id, entry);
    let outcome: Parameters<CallRecord['finish']>[0] = 'error';
    try {
      const caller = identifyCaller(facts, assistant.region);
      const customer = directory.customerByNumber(caller.number);
      const blocked = directory.isBlocked(caller.number);
      const declined = blocked || (caller.anonymous && assistant.options.rejectAnonymous);
      info.identity = blocked ? 'blocked' : customer ? 'customer' : caller.anonymous ? 'anonymous' : 'unknown';
      void record.create({ startedAt: facts.startedAt, direction: facts.direction, caller: caller.number ?? caller.raw, callee: facts.to, sipCallId: facts.callId });
      void record.event('identity', { source: caller.source, anonymous: caller.anonymous, normalized: caller.number !== undefined, identity: info.identity });
      void record.summary({ identity: info.identity, customerName: customer?.name });
      if (declined) {
        const status = assistant.options.declineStatus;
        await incoming.reject(status, blocked ? 'Blocked' : 'Anonymous calls not accepted');
        void record.event('rejected', { status, reason: blocked ? 'blocked' : 'anonymous' });
        outcome = 'rejected-blocked';
        return;
      }
      const call = await incoming.answer().catch((error: Error) => {
        // The caller gave up while ringing (CANCEL) or the answer could not be sent.
        outcome = 'caller-hangup';
        throw error;
      });
      void record.event('answered', { msSinceInvite: Date.now() - facts.startedAt.getTime() });
      const { speech, listenerFactory } = this.options;
      const listener: TurnListener = listenerFactory ? listenerFactory(call) : new Listener(call, speech.stt, speech.vadFactory, endSilenceFromConfig(config.speech));
      const live = this.options.live;
      if (live) listener.on('partial', (text: string) => live.partial(id, text));
      const session = new CallSession({
        call, config: assistant, dataDir: config.operations.dataDir, directory, brain,
        speech, listener, record, store: this.options.store, log, caller, customer,
        bargeInMinSpeechMs: config.speech.bargeInMinSpeechMs, earlyEndMs: config.speech.earlyEndMs, agentAvailability: this.options.agentAvailability,
      });
      entry.session = session;
      const onDtmf = session.onDtmf.bind(session);
      const onHangup = () => session.stop('hangup');
      call.on('dtmf', onDtmf);
      call.on('hangup', onHangup);
      const deadline = setTimeout(() => session.stop('max-duration'), assistant.options.maxCallDurationSec * 1000);
      try {
        const screen = !customer && assistant.screening.enabled;
        await runFlow(session, screen ? 'robocall_defend' : 'greeting');
      } finally {
        clearTimeout(deadline);
        call.off('dtmf', onDtmf);
        call.off('hangup', onHangup);
        listener.close();
        if (!call.ended) await call.hangup('flow finished').catch(() => {});
      }
      outcome = session.outcome === 'in-progress' ? 'caller-hangup' : session.outcome;
    } catch (error) {
      if (outcome !== 'caller-hangup') {
        log.error({ err: error }, 'call failed');
        outcome = 'error';
      }
      void record.event('error', { where: 'receptionist', message: (error as Error).message });
    } finally {
      await record.finish(outcome);
      callsByOutcome.inc({ outcome });
      this.active.delete(id);
    }
  }
}
