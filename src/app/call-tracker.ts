// Knows every call in progress, whatever handles it, so shutdown can wait for them or end them,
// and gives the simple modes (echo, playback) the same durable call record the assistant writes.
import type { Logger } from '../log.js';
import { activeCalls as activeCallsGauge, callsByOutcome } from '../metrics.js';
import type { Call, IncomingCall } from '../telephony/call.js';
import type { CallStore } from '../store/store.js';

export class CallTracker {
  private readonly running = new Set<Promise<void>>();
  private readonly answered = new Set<Call>();

  constructor(
    private readonly store: CallStore,
    private readonly log: Logger,
  ) {}

  get count(): number {
    return this.running.size;
  }

  /** Runs a handler that answers the call itself (the receptionist), keeping hold of the answered Call. */
  watchIncoming(incoming: IncomingCall, handle: (incoming: IncomingCall) => Promise<void>): Promise<void> {
    const tracked: IncomingCall = {
      facts: incoming.facts,
      ring: () => incoming.ring(),
      reject: (status, reason) => incoming.reject(status, reason),
      answer: async () => {
        const call = await incoming.answer();
        this.answered.add(call);
        call.once('hangup', () => this.answered.delete(call));
        return call;
      },
    };
    const { id: callId, direction, startedAt } = incoming.facts;
    // One line per call at each end; no numbers here (they are PII), the record has them.
    this.log.info({ callId, direction }, 'call started');
    const work = handle(tracked).finally(() => {
      this.log.info({ callId, durationMs: Date.now() - startedAt.getTime() }, 'call finished');
    });
    return this.track(work);
  }

  /** Answers, runs `run`, and keeps a call record from INVITE to hang-up. */
  answerSimple(incoming: IncomingCall, run: (call: Call) => Promise<void>): Promise<void> {
    const facts = incoming.facts;
    return this.watchIncoming(incoming, async (tracked) => {
      await this.store.createCall({
        id: facts.id,
        startedAt: facts.startedAt,
        direction: facts.direction,
        caller: facts.from,
        callee: facts.to,
        sipCallId: facts.callId,
      });
      let outcome: 'completed' | 'error' = 'completed';
      try {
        const call = await tracked.answer();
        await run(call);
        if (!call.ended) await new Promise((resolve) => call.once('hangup', resolve));
      } catch (error) {
        outcome = 'error';
        this.log.warn({ callId: facts.id, err: (error as Error).message }, 'call failed');
        await this.store.appendEvent(facts.id, { type: 'error', data: { message: (error as Error).message } });
      }
      await this.store.finishCall(facts.id, outcome);
      callsByOutcome.inc({ outcome });
    });
  }

  /** Presents an already-connected leg (a browser call) as an incoming call. */
  asIncoming(call: Call): IncomingCall {
    return {
      facts: call.facts,
      ring: () => {},
      answer: async () => call,
      reject: async (_status, reason) => call.hangup(reason),
    };
  }

  async waitForAll(timeoutMs: number): Promise<void> {
    if (this.running.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.running]),
      new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
  }

  async hangupAll(reason: string): Promise<void> {
    await Promise.allSettled([...this.answered].map((call) => call.hangup(reason)));
    await Promise.race([Promise.allSettled([...this.running]), new Promise((r) => setTimeout(r, 2000))]);
  }

  private track(work: Promise<void>): Promise<void> {
    const guarded = work.catch((error: unknown) => {
      this.log.error({ err: (error as Error).message }, 'call handler failed');
    });
    this.running.add(guarded);
    activeCallsGauge.set(this.running.size);
    void guarded.finally(() => {
      this.running.delete(guarded);
      activeCallsGauge.set(this.running.size);
    });
    return guarded;
  }
}
