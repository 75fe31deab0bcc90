// `telephony: ringcentral`: the generic SIP stack registered as a RingCentral "Existing Phone" —
// credentials from soft-phone provisioning, TLS to the outbound proxy (TCP when TLS fails), fresh
// credentials when the proxy refuses the old ones, call ids per inbound call, transfers by REST.
import { EventEmitter } from 'node:events';
import type { Config } from '../../config/schema.js';
import { ringcentralServer, secret, secretSource } from '../../config/cloud.js';
import { logger as makeLogger, type Logger } from '../../log.js';
import { providerErrors } from '../../metrics.js';
import { SipTelephony, type RegistrationStatus } from '../sip-trunk.js';
import type { Call, IncomingCall, TransferResult } from '../call.js';
import { RingCentralAuth } from './auth.js';
import { RingCentralRest } from './rest.js';
import { provisionSoftphone, type SipCredentials } from './provisioning.js';
import { PresenceLookup, type AgentAvailability } from './presence.js';
import { resolveCallIds, transferByRest, type CallIds } from './call-control.js';

const ACCOUNT = 'ringcentral';
/** Re-provisioning after refused credentials is rate-limited: provisioning is a Heavy/Light API call. */
const REPROVISION_AFTER_MS = 60_000;

export class RingCentralConfigError extends Error {}

export class RingCentralTelephony extends EventEmitter<{ incoming: [IncomingCall]; registration: [RegistrationStatus] }> {
  readonly rest: RingCentralRest;
  private readonly sip: SipTelephony;
  private readonly presence: PresenceLookup;
  private readonly log: Logger;
  private readonly callIds = new WeakMap<Call, Promise<CallIds>>();
  private credentials?: SipCredentials;
  private transport: 'tls' | 'tcp';
  private lastProvisioned = 0;
  private stopped = false;

  constructor(private readonly config: Config, options: { logger?: Logger; env?: Record<string, string | undefined> } = {}) {
    super();
    const rc = config.cloud.ringcentral;
    const env = options.env ?? process.env;
    const absent = (['clientId', 'clientSecret', 'jwt'] as const).filter((key) => !secret(rc[key], env));
    if (absent.length) throw new RingCentralConfigError(`RingCentral needs ${absent.map((key) => secretSource(rc[key])).join(', ')}`);
    this.log = options.logger?.child({ component: 'ringcentral' }) ?? makeLogger('ringcentral');
    const server = ringcentralServer(rc, env);
    const auth = new RingCentralAuth({ server, clientId: secret(rc.clientId, env)!, clientSecret: secret(rc.clientSecret, env)!, jwt: secret(rc.jwt, env)! }, rc.refreshMarginSeconds * 1000);
    this.rest = new RingCentralRest(server, auth);
    this.presence = new PresenceLookup(this.rest);
    this.transport = rc.transport;
    this.sip = new SipTelephony({
      sip: config.sip, media: config.media, logger: this.log,
      transferOverride: (call, target) => this.transfer(call, target),
    });
    this.sip.on('incoming', (incoming) => this.onIncoming(incoming));
    this.sip.on('registration', (status) => {
      this.emit('registration', status);
      if (status.account === ACCOUNT && status.state === 'failed') void this.recover(status);
    });
  }

  async start(): Promise<void> {
    await this.sip.start();
    this.credentials = await provisionSoftphone(this.rest, this.config.cloud.ringcentral.deviceName);
    this.lastProvisioned = Date.now();
    if (this.transport === 'tls' && !this.credentials.proxyTls) this.transport = 'tcp';
    await this.registerNow();
  }

  /** Presence of the agent's extension: busy, DND or offline sends the caller to the waiting list. */
  agentAvailability(extension: string): Promise<AgentAvailability> {
    return this.presence.agentAvailability(extension.replace(/^sips?:/, '').replace(/@.*$/, ''));
  }

  dial(...args: Parameters<SipTelephony['dial']>): ReturnType<SipTelephony['dial']> {
    return this.sip.dial(...args);
  }
  status(): ReturnType<SipTelephony['status']> {
    return this.sip.status();
  }
  drain(retryAfterSeconds: number): void {
    this.sip.drain(retryAfterSeconds);
  }
  async stop(): Promise<void> {
    this.stopped = true;
    await this.sip.stop();
    await this.rest.auth.revoke();
  }

  private async registerNow(): Promise<void> {
    const creds = this.credentials!;
    const proxy = this.transport === 'tls' ? creds.proxyTls! : creds.proxy ?? creds.proxyTls!;
    this.log.info({ transport: this.transport, proxy }, 'registering with RingCentral');
    await this.sip.register({
      name: ACCOUNT, registrar: `sip:${creds.domain}`, domain: creds.domain, username: creds.userName,
      authUsername: creds.authorizationId, password: creds.password, outboundProxy: `sip:${proxy};transport=${this.transport}`,
      transport: this.transport, expires: 600, register: true,
    });
  }

  /** TLS refused → TCP to the plain proxy; credentials refused → provision again (password rotated). */
  private async recover(status: RegistrationStatus): Promise<void> {
    if (this.stopped || !this.credentials) return;
    providerErrors.inc({ provider: 'ringcentral', kind: 'registration' });
    try {
      if (this.transport === 'tls' && this.credentials.proxy && /reach|connect|transport|TLS|certificate|ECONN|timed? ?out|408|503/i.test(status.error ?? '')) {
        this.log.warn({ error: status.error }, 'TLS to the RingCentral proxy failed; falling back to TCP');
        this.transport = 'tcp';
        return await this.registerNow();
      }
      if (/401|403|407|auth|credential|forbidden/i.test(status.error ?? '') && Date.now() - this.lastProvisioned > REPROVISION_AFTER_MS) {
        this.log.warn('RingCentral refused the SIP credentials; provisioning again');
        this.credentials = await provisionSoftphone(this.rest, this.config.cloud.ringcentral.deviceName);
        this.lastProvisioned = Date.now();
        await this.registerNow();
      }
    } catch (error) {
      this.log.error({ err: (error as Error).message }, 'RingCentral registration recovery failed');
    }
  }

  private onIncoming(incoming: IncomingCall): void {
    const answer = incoming.answer.bind(incoming);
    incoming.answer = async () => {
      const call = await answer();
      const ids = resolveCallIds(this.rest, call.facts);
      ids.catch((error: Error) => this.log.warn({ callId: call.facts.id, sipCallId: call.facts.callId, err: error.message }, 'no telephony session for the call yet'));
      this.callIds.set(call, ids);
      return call;
    };
    this.emit('incoming', incoming);
  }

  private async transfer(call: Call, target: string): Promise<TransferResult> {
    let ids: CallIds;
    try {
      // The early lookup may have given up before RingCentral listed the call: ask again now.
      const early = this.callIds.get(call);
      ids = await (early ? early.catch(() => resolveCallIds(this.rest, call.facts)) : resolveCallIds(this.rest, call.facts));
    } catch (error) {
      return { ok: false, reason: `cannot transfer: ${(error as Error).message}` };
    }
    const result = await transferByRest(this.rest, ids, target);
    if (!result.ok) providerErrors.inc({ provider: 'ringcentral', kind: 'transfer' });
    this.log.info({ callId: call.facts.id, sipCallId: call.facts.callId, ok: result.ok, status: result.status, via: ids.source }, 'RingCentral REST transfer');
    return result;
  }
}
