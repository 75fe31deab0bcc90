// Task "transfer": hand the caller to an agent by REFER or bridge, bounded by a timeout, and say
// why it failed in words a caller understands (busy, not answering, unreachable).
import type { AgentConfig } from '../../config/assistant.js';
import type { TransferResult } from '../../telephony/call.js';
import type { CallSession } from '../flow/session.js';

export type TransferFailure = 'busy' | 'not answering' | 'not reachable';

export function failureOf(result: TransferResult): TransferFailure {
  const status = result.status ?? 0;
  if (status === 486 || status === 600 || /busy/i.test(result.reason)) return 'busy';
  if (status === 408 || status === 480 || status === 487 || /timeout|no answer|timed out/i.test(result.reason)) return 'not answering';
  return 'not reachable';
}

export async function transferTo(session: CallSession, agent: AgentConfig): Promise<TransferResult> {
  const timeoutMs = session.config.options.transferTimeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<TransferResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, status: 408, reason: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return await Promise.race([session.call.transfer(agent.uri, { mode: agent.transfer }), timeout]);
  } catch (error) {
    return { ok: false, reason: (error as Error).message || 'transfer failed' };
  } finally {
    clearTimeout(timer);
  }
}
