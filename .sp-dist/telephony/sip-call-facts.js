export function factsFromInvite(id, direction, invite, peer, codec = { name: 'PCMU', clockRate: 8000, payloadType: 0 }) {
    const h = invite.headers;
    const facts = {
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
    if (pai !== undefined)
        facts.assertedIdentity = pai;
    if (rpid !== undefined)
        facts.remotePartyId = rpid;
    if (contact !== undefined)
        facts.contact = contact;
    return facts;
}
//# sourceMappingURL=sip-call-facts.js.map