// CallFacts of a SIP leg, read from its initial INVITE (raw header values, case-insensitive lookup).
import type { SipRequest } from '../sip/message.js';
import type { Flow } from '../sip/transport/types.js';
import type { CallFacts } from './call.js';

export function factsFromInvite(
  id: string, direction: CallFacts['direction'], invite: SipRequest, peer: Flow,
  codec: CallFacts['codec'] = { name: 'PCMU', clockRate: 8000, payloadType: 0 },
): CallFacts {
  const h = invite.headers;
  const facts: CallFacts = {
    id,
    direction,
    from: h.get('From') ?? '',
    to: h.get('To') ?? '',
    callId: h.get('Call-ID') ?? '',
    codec,
    peer: { address: peer.address, port: peer.port, transport: peer.transport },
    header: (name) => {
      const values = h.getAll(name);
      return values.length ? values.join(', ') : undefined;
    },
    startedAt: new Date(),
  };
  const pai = h.get('P-Asserted-Identity');
  const rpid = h.get('Remote-Party-ID');
  const contact = h.get('Contact');
  if (pai !== undefined) facts.assertedIdentity = pai;
  if (rpid !== undefined) facts.remotePartyId = rpid;
  if (contact !== undefined) facts.contact = contact;
  return facts;
}
