// How calls arrive and leave: a generic SIP trunk/PBX (default) or RingCentral. Both produce `Call`s.
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import { SipTelephony } from './sip-trunk.js';
import { RingCentralTelephony } from './ringcentral/telephony.js';

/** What the application needs from a telephony provider. */
export type Telephony = Pick<SipTelephony, 'on' | 'off' | 'start' | 'stop' | 'drain' | 'dial' | 'status'> & {
  /** Optional presence of a transfer target (extension or URI); plain SIP has none. */
  agentAvailability?(target: string): Promise<{ available: boolean; status: string; detail?: string }>;
};

export async function createTelephony(config: Config, logger: Logger | undefined): Promise<Telephony> {
  // `on` returns RingCentralTelephony rather than SipTelephony; the shape is the same.
  if (config.telephony === 'ringcentral') return new RingCentralTelephony(config, { logger }) as unknown as Telephony;
  return new SipTelephony({ sip: config.sip, media: config.media, logger });
}
