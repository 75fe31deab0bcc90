// The store seam: append-only call events plus a summary row per call, callbacks (waiting list)
// and voice messages. SQLite is the default; PostgreSQL when DATABASE_URL is set.

export type CallOutcome =
  | 'in-progress'
  | 'rejected-blocked'
  | 'screening-failed'
  | 'transferred'
  | 'transfer-failed'
  | 'waiting-list'
  | 'voice-message'
  | 'caller-hangup'
  | 'completed'
  | 'timeout'
  | 'interrupted'
  | 'error';

export interface CallRecordStart {
  id: string;
  startedAt: Date;
  direction: 'inbound' | 'outbound';
  /** E.164 when it could be normalized, else the raw identity ('anonymous' when withheld). */
  caller: string;
  callee: string;
  sipCallId: string;
}

export interface CallEventInput {
  /** e.g. 'identity', 'screening', 'turn', 'prompt', 'transfer', 'dtmf', 'rtp-quality', 'state', 'error' */
  type: string;
  at?: Date;
  data: Record<string, unknown>;
}
export interface CallEvent extends CallEventInput {
  seq: number;
  at: Date;
}

export interface CallSummary extends CallRecordStart {
  endedAt?: Date;
  outcome: CallOutcome;
  /** Short facts for lists: identity ('customer' | 'screened' | 'unknown' | 'blocked'), customer name, topic. */
  identity?: string;
  customerName?: string;
  transferTarget?: string;
  /** Audio file of the call when recording is enabled (played in the dashboard). */
  recordingPath?: string;
}

export interface CallFilter {
  number?: string;
  outcome?: CallOutcome;
  since?: Date;
  until?: Date;
  limit?: number;
  /** Skip this many (newest first), for paging. */
  offset?: number;
}

export interface CallbackEntry {
  id?: number;
  callId: string;
  number: string;
  topic: string;
  agent?: string;
  createdAt: Date;
  calledBackAt?: Date;
}

export interface VoiceMessage {
  id?: number;
  callId: string;
  number: string;
  path: string;
  durationMs: number;
  createdAt: Date;
}

export interface CallStore {
  readonly kind: string;
  /** Runs migrations; marks records left in-progress by a previous process as 'interrupted'. */
  open(): Promise<void>;
  createCall(start: CallRecordStart): Promise<void>;
  /** Durable when the promise resolves; resolves with the stored event (seq assigned) where the backend knows it. */
  appendEvent(callId: string, event: CallEventInput): Promise<CallEvent | void>;
  updateSummary(callId: string, patch: Partial<Omit<CallSummary, 'id'>>): Promise<void>;
  finishCall(callId: string, outcome: CallOutcome, endedAt?: Date): Promise<void>;
  getCall(callId: string): Promise<{ summary: CallSummary; events: CallEvent[] } | undefined>;
  listCalls(filter?: CallFilter): Promise<CallSummary[]>;
  addCallback(entry: CallbackEntry): Promise<number>;
  listCallbacks(options?: { pending?: boolean }): Promise<CallbackEntry[]>;
  markCalledBack(id: number): Promise<void>;
  addVoiceMessage(message: VoiceMessage): Promise<number>;
  listVoiceMessages(): Promise<VoiceMessage[]>;
  getVoiceMessage?(id: number): Promise<VoiceMessage | undefined>;
  /** Deletes records older than the retention period. */
  prune(olderThan: Date): Promise<number>;
  close(): Promise<void>;
}
