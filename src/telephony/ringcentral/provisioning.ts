// Soft-phone provisioning as ringcentral-softphone-ts does it: the extension's "Existing Phone"
// (API type OtherPhone) device, then its sip-info → SIP credentials and the outbound proxies.
import type { RingCentralRest } from './rest.js';
import { paths, type DeviceList, type SipInfoResource } from './resources.js';
import { RingCentralError } from './errors.js';

export interface SipCredentials {
  /** SIP domain (realm and request-URI host), without a port. */
  domain: string;
  userName: string;
  authorizationId: string;
  password: string;
  /** host:port of the TLS outbound proxy, and of the plain one (TCP fallback). */
  proxyTls?: string;
  proxy?: string;
  deviceId: string;
}

export async function provisionSoftphone(rest: RingCentralRest, deviceName?: string): Promise<SipCredentials> {
  const devices = await rest.get<DeviceList>(paths.devices);
  const candidates = devices.records.filter((device) => device.type === 'OtherPhone');
  const device = deviceName ? candidates.find((d) => d.name === deviceName) : candidates[0];
  if (!device) {
    const named = deviceName ? ` named "${deviceName}"` : '';
    throw new RingCentralError(`no "Existing Phone" (OtherPhone) device${named} on this extension: add one in the RingCentral admin portal`, 404, 'NO_DEVICE');
  }
  const info = await rest.get<SipInfoResource>(paths.sipInfo(device.id));
  const proxies = info.outboundProxies ?? [];
  const proxyTls = proxies.find((p) => p.proxyTLS)?.proxyTLS;
  const proxy = proxies.find((p) => p.proxy)?.proxy;
  if (!info.domain || !info.userName || !info.password || (!proxyTls && !proxy)) {
    throw new RingCentralError('sip-info is missing the domain, credentials or outbound proxy', 502, 'BAD_SIP_INFO');
  }
  return {
    domain: info.domain.replace(/:\d+$/, ''),
    userName: info.userName,
    authorizationId: info.authorizationId ?? info.userName,
    password: info.password,
    proxyTls,
    proxy,
    deviceId: device.id,
  };
}
