// Telephony session + party of an inbound call (P-Rc-Api-Ids header, else the softphone's detailed
// presence matched by SIP Call-ID — RingCentral fills it at CallConnected) and blind transfer by REST.
import type { RingCentralRest } from './rest.js';
import { paths, type CallParty, type PresenceInfo } from './resources.js';
import { RingCentralError } from './errors.js';
import type { TransferResult } from '../call.js';

export interface CallIds {
  sessionId: string;
  partyId: string;
  source: 'header' | 'rest';
}

/** "party-id=p-…-1;session-id=s-…" (case-insensitive, ';'-separated, either order). */
export function parseApiIds(header: string | undefined): Omit<CallIds, 'source'> | undefined {
  if (!header) return undefined;
  const fields = new Map(header.split(';').map((part) => {
    const [key = '', ...value] = part.split('=');
    return [key.trim().toLowerCase(), value.join('=').trim()] as const;
  }));
  const sessionId = fields.get('session-id');
  const partyId = fields.get('party-id');
  return sessionId && partyId ? { sessionId, partyId } : undefined;
}

export async function resolveCallIds(
  rest: RingCentralRest,
  call: { callId: string; header(name: string): string | undefined },
  options: { attempts?: number; intervalMs?: number } = {},
): Promise<CallIds> {
  const fromHeader = parseApiIds(call.header('p-rc-api-ids'));
  if (fromHeader) return { ...fromHeader, source: 'header' };
  const attempts = options.attempts ?? 5;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const presence = await rest.get<PresenceInfo>(paths.presence('~', true));
    const match = presence.activeCalls?.find((active) => active.id === call.callId || active.sipData?.callId === call.callId);
    if (match?.telephonySessionId && match.partyId) return { sessionId: match.telephonySessionId, partyId: match.partyId, source: 'rest' };
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 400));
  }
  throw new RingCentralError(`no telephony session found for Call-ID ${call.callId}`, 404, 'NO_SESSION');
}

/** POST …/parties/{pid}/transfer {extensionNumber} (or phoneNumber for a +E.164 target). */
export async function transferByRest(rest: RingCentralRest, ids: CallIds, target: string): Promise<TransferResult> {
  const extension = target.replace(/^sips?:/, '').replace(/@.*$/, '');
  const body = /^\+\d{6,15}$/.test(extension) ? { phoneNumber: extension } : { extensionNumber: extension };
  try {
    const party = await rest.post<CallParty>(paths.transfer(ids.sessionId, ids.partyId), body);
    return { ok: true, status: 202, reason: `transferred (party status ${party?.status?.code ?? 'unknown'})` };
  } catch (error) {
    const status = error instanceof RingCentralError ? error.status : 0;
    return { ok: false, status: status || undefined, reason: (error as Error).message };
  }
}
