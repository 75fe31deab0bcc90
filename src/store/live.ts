// The live event bus for the dashboard: every createCall / appendEvent / updateSummary / finishCall that
// reached the store is published to subscribers, and the calls in progress are kept as a snapshot so a
// page opened mid-call sees them. withLive() wraps a CallStore so publishing is automatic.
import type { CallEvent, CallEventInput, CallOutcome, CallRecordStart, CallStore, CallSummary, CallbackEntry, VoiceMessage } from './store.js';

export type LiveMessage =
  | { type: 'call-started'; call: CallSummary }
  | { type: 'call-event'; callId: string; event: CallEvent }
  | { type: 'call-updated'; callId: string; patch: Partial<CallSummary> }
  | { type: 'call-finished'; callId: string; outcome: CallOutcome; endedAt: Date }
  /** Recognition in progress (not stored): the words heard so far in the current turn. */
  | { type: 'partial'; callId: string; text: string }
  | { type: 'callback-added'; entry: CallbackEntry }
  | { type: 'callback-done'; id: number }
  | { type: 'voice-message'; message: VoiceMessage };

export interface LiveCall {
  call: CallSummary;
  events: CallEvent[];
  partial?: string;
}

type Listener = (message: LiveMessage) => void;

/** Events kept per live call for a page that connects mid-call. */
const MAX_EVENTS_PER_CALL = 200;

export class LiveBus {
  private readonly listeners = new Set<Listener>();
  private readonly live = new Map<string, LiveCall>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  /** Calls in progress, oldest first. */
  activeCalls(): LiveCall[] {
    return [...this.live.values()];
  }

  publish(message: LiveMessage): void {
    this.track(message);
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch {
        // A broken subscriber (e.g. a closed socket) must not stop the others or the call.
      }
    }
  }

  /** Streams a partial transcript to the dashboard without storing it. */
  partial(callId: string, text: string): void {
    this.publish({ type: 'partial', callId, text });
  }

  private track(message: LiveMessage): void {
    switch (message.type) {
      case 'call-started':
        this.live.set(message.call.id, { call: message.call, events: [] });
        break;
      case 'call-event': {
        const entry = this.live.get(message.callId);
        if (!entry) break;
        entry.events.push(message.event);
        if (entry.events.length > MAX_EVENTS_PER_CALL) entry.events.shift();
        entry.partial = undefined;
        break;
      }
      case 'call-updated': {
        const entry = this.live.get(message.callId);
        if (entry) entry.call = { ...entry.call, ...message.patch };
        break;
      }
      case 'partial': {
        const entry = this.live.get(message.callId);
        if (entry) entry.partial = message.text;
        break;
      }
      case 'call-finished':
        this.live.delete(message.callId);
        break;
    }
  }
}

/** A CallStore that publishes each write to `bus` once the write is stored. */
export function withLive(store: CallStore, bus: LiveBus): CallStore {
  return {
    get kind() {
      return store.kind;
    },
    open: () => store.open(),
    async createCall(start: CallRecordStart) {
      await store.createCall(start);
      bus.publish({ type: 'call-started', call: { ...start, outcome: 'in-progress' } });
    },
    async appendEvent(callId: string, input: CallEventInput) {
      const at = input?.at ?? new Date();
      const stored = await store.appendEvent(callId, { ...input, at });
      const event: CallEvent = stored ?? { seq: 0, type: input.type, at, data: input.data };
      bus.publish({ type: 'call-event', callId, event });
      return event;
    },
    async updateSummary(callId, patch) {
      await store.updateSummary(callId, patch);
      bus.publish({ type: 'call-updated', callId, patch });
    },
    async finishCall(callId: string, outcome: CallOutcome, endedAt = new Date()) {
      await store.finishCall(callId, outcome, endedAt);
      bus.publish({ type: 'call-finished', callId, outcome, endedAt });
    },
    getCall: (callId) => store.getCall(callId),
    listCalls: (filter) => store.listCalls(filter),
    async addCallback(entry: CallbackEntry) {
      const id = await store.addCallback(entry);
      bus.publish({ type: 'callback-added', entry: { ...entry, id } });
      return id;
    },
    listCallbacks: (options) => store.listCallbacks(options),
    async markCalledBack(id: number) {
      await store.markCalledBack(id);
      bus.publish({ type: 'callback-done', id });
    },
    async addVoiceMessage(message: VoiceMessage) {
      const id = await store.addVoiceMessage(message);
      bus.publish({ type: 'voice-message', message: { ...message, id } });
      return id;
    },
    listVoiceMessages: () => store.listVoiceMessages(),
    getVoiceMessage: store.getVoiceMessage ? (id: number) => store.getVoiceMessage!(id) : undefined,
    prune: (olderThan) => store.prune(olderThan),
    close: () => store.close(),
  };
}
