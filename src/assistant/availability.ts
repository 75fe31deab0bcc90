// Is an agent free to take a transfer right now? The telephony may know (RingCentral presence); the
// configured agent.status is the source otherwise, and an operator's "busy"/"offline" always wins.
import type { AgentConfig } from '../config/assistant.js';

export interface AgentAvailability {
  available: boolean;
  /** available | busy | dnd | offline | unknown — words for the record and the caller's prompt. */
  status: string;
  detail?: string;
}

/** Provider-neutral presence lookup (Telephony.agentAvailability adapted to an agent). */
export type AgentAvailabilityLookup = (agent: AgentConfig) => Promise<AgentAvailability>;

/** A slow presence service must not leave the caller in silence: unknown → the transfer decides. */
const LOOKUP_TIMEOUT_MS = 2000;

export function configuredAvailability(agent: AgentConfig): AgentAvailability {
  return { available: agent.status === 'available', status: agent.status, detail: 'configured' };
}

export async function availabilityOf(agent: AgentConfig, lookup: AgentAvailabilityLookup | undefined): Promise<AgentAvailability> {
  const configured = configuredAvailability(agent);
  if (!configured.available || !lookup) return configured;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<AgentAvailability>((resolve) => {
    timer = setTimeout(() => resolve({ available: true, status: 'unknown', detail: `no presence within ${LOOKUP_TIMEOUT_MS} ms` }), LOOKUP_TIMEOUT_MS);
  });
  try {
    return await Promise.race([lookup(agent), timeout]);
  } catch (error) {
    return { available: true, status: 'unknown', detail: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** How the caller hears it: "Olivia is busy right now" / "… is not available right now". */
export function spokenReason(status: string): string {
  return status === 'busy' || status === 'dnd' ? 'busy' : 'not available';
}
