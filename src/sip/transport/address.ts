// Which local address to advertise in Via/Contact/SDP when bound to a wildcard address: the one on
// the interface of the default route (what a LAN/WAN peer can reach), else the first non-loopback one.
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';

/** The interface carrying the IPv4 default route (Linux /proc/net/route), if known. */
function defaultRouteInterface(): string | undefined {
  try {
    const lines = readFileSync('/proc/net/route', 'utf8').split('\n').slice(1);
    return lines.map((line) => line.trim().split(/\s+/)).find((cols) => cols[1] === '00000000' && cols[7] === '00000000')?.[0];
  } catch {
    return undefined; // not Linux, or no procfs
  }
}

export function pickAdvertisedAddress(bindHost: string): string {
  if (bindHost !== '0.0.0.0' && bindHost !== '::') return bindHost;
  const wantV6 = bindHost === '::';
  const interfaces = networkInterfaces();
  const usable = (name: string) => (interfaces[name] ?? []).find((info) => !info.internal && (info.family === 'IPv6') === wantV6);
  const viaDefaultRoute = wantV6 ? undefined : defaultRouteInterface();
  const preferred = viaDefaultRoute ? usable(viaDefaultRoute) : undefined;
  if (preferred) return preferred.address;
  for (const name of Object.keys(interfaces)) {
    const info = usable(name);
    if (info) return info.address;
  }
  return wantV6 ? '::1' : '127.0.0.1';
}
