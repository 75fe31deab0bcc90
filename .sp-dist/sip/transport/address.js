// Which local address to advertise in Via/Contact/SDP when bound to a wildcard address.
import { networkInterfaces } from 'node:os';
export function pickAdvertisedAddress(bindHost) {
    if (bindHost !== '0.0.0.0' && bindHost !== '::')
        return bindHost;
    const wantV6 = bindHost === '::';
    for (const list of Object.values(networkInterfaces())) {
        for (const info of list ?? []) {
            if (!info.internal && (info.family === 'IPv6') === wantV6)
                return info.address;
        }
    }
    return wantV6 ? '::1' : '127.0.0.1';
}
//# sourceMappingURL=address.js.map