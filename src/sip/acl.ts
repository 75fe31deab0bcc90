// Who may send us INVITEs: configured CIDRs (sip.allow) plus the resolved hosts of registrars and
// the outbound proxy. Others get 403 (counted in sipForbidden) from the UA core.
import { BlockList, isIP } from 'node:net';
import { lookup } from 'node:dns/promises';
import { resolveTarget } from './transport/resolve.js';
import { parseUri } from './uri.js';

export class AccessControl {
  private readonly allowed = new BlockList();

  constructor(cidrs: string[]) {
    for (const cidr of cidrs) this.allowCidr(cidr);
  }

  /** Throws on a malformed CIDR so bad configuration is reported at start. */
  allowCidr(cidr: string): void {
    const [address, prefixText] = cidr.trim().split('/');
    const family = isIP(address ?? '');
    if (!family) throw new Error(`sip.allow: "${cidr}" is not an IP address or CIDR`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    const prefix = prefixText === undefined ? (family === 6 ? 128 : 32) : Number(prefixText);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) {
      throw new Error(`sip.allow: "${cidr}" has a bad prefix length`);
    }
    this.allowed.addSubnet(address!, prefix, type);
  }

  /** Allows every address a SIP URI's host resolves to (registrar, outbound proxy). */
  async allowUriHost(uri: string): Promise<void> {
    const host = parseUri(uri.replace(/^<|>$/g, ''))?.host;
    if (!host) return;
    if (isIP(host)) return this.allowCidr(host);
    // The registrar may live where the domain's SRV records point (RFC 3263), not only at its A record.
    // Unresolvable now: the registration will report it; access stays closed for that host.
    const addresses = await Promise.all([
      lookup(host, { all: true }).then((all) => all.map((a) => a.address), () => []),
      resolveTarget(uri.replace(/^<|>$/g, '')).then((flow) => [flow.address], () => []),
    ]);
    for (const address of addresses.flat()) this.allowCidr(address);
  }

  allows(address: string): boolean {
    const plain = address.replace(/^::ffff:/, '');
    const family = isIP(plain);
    if (!family) return false;
    return this.allowed.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  }
}
