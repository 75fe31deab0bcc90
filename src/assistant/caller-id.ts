// Who is calling: the identity from P-Asserted-Identity, then Remote-Party-ID, then From (never
// Contact, which names a device, not a person), normalized to E.164 with libphonenumber-js.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { CallFacts } from '../telephony/call.js';

export interface CallerId {
  /** E.164 (+15551234567) when the identity is a phone number, else undefined. */
  number?: string;
  /** What identified the caller: the user part as received, or 'anonymous'. */
  raw: string;
  anonymous: boolean;
  source: 'p-asserted-identity' | 'remote-party-id' | 'from' | 'none';
}

const ANONYMOUS_USERS = /^(anonymous|restricted|unknown|unavailable|private|withheld|0|)$/i;

/** The URI inside a name-addr (`"Bob" <sip:+1555@x>;tag=1`) or a bare addr-spec. */
function uriOf(value: string): string | undefined {
  const angled = /<([^>]*)>/.exec(value);
  if (angled) return angled[1]!.trim();
  const bare = value.trim().split(';')[0]!.trim();
  return bare || undefined;
}

/** The user part of a sip:/sips:/tel: URI, without parameters or visual separators. */
export function userOf(uri: string): string | undefined {
  const match = /^(?:sips?:([^@;>]*)@|tel:([^;>]*))/i.exec(uri);
  const user = match?.[1] ?? match?.[2];
  if (user === undefined) return undefined;
  return decodeURIComponent(user.split(';')[0]!).replace(/[\s().-]/g, '');
}

function withheldByParams(value: string): boolean {
  return /;\s*privacy\s*=\s*(full|name-and-uri|uri|id)/i.test(value) || /anonymous\.invalid/i.test(value);
}

/** Normalizes a dialled or configured number to E.164; undefined when it is not a possible number. */
export function toE164(number: string, region: string): string | undefined {
  const cleaned = number.replace(/[\s().-]/g, '');
  if (!/^\+?[0-9]{3,17}$/.test(cleaned)) return undefined;
  const parsed = parsePhoneNumberFromString(cleaned, region as CountryCode);
  return parsed?.isPossible() ? parsed.number : undefined;
}

export function identifyCaller(facts: Pick<CallFacts, 'from' | 'assertedIdentity' | 'remotePartyId' | 'header'>, region: string): CallerId {
  const privacy = facts.header('privacy');
  const candidates: [CallerId['source'], string | undefined][] = [
    ['p-asserted-identity', facts.assertedIdentity],
    ['remote-party-id', facts.remotePartyId],
    ['from', facts.from],
  ];
  for (const [source, value] of candidates) {
    if (!value?.trim()) continue;
    // A P-Asserted-Identity may list a sip: and a tel: URI; either names the same caller.
    const uris = value.split(/,(?=\s*(?:"[^"]*"\s*)?<|\s*(?:sips?|tel):)/).map(uriOf).filter((u): u is string => !!u);
    const user = uris.map(userOf).find((u) => u !== undefined);
    if (user === undefined) continue;
    const withheld = ANONYMOUS_USERS.test(user) || withheldByParams(value) || (source !== 'p-asserted-identity' && /\bid\b/i.test(privacy ?? ''));
    if (withheld) return { raw: 'anonymous', anonymous: true, source };
    return { number: toE164(user, region), raw: user, anonymous: false, source };
  }
  return { raw: 'anonymous', anonymous: true, source: 'none' };
}
