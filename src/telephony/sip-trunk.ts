// SipTelephony: the generic SIP trunk / PBX telephony — owns transports, the UA, registrations, the
// RTP port allocator and draining; turns INVITEs into IncomingCalls and places outbound calls.
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { Config } from '../config/schema.js';
import type { SipAccount } from '../config/sip.js';
import { logger as makeLogger, type Logger } from '../log.js';
import { PortAllocator } from '../media/ports.js';
import { AccessControl } from '../sip/acl.js';
import { Registration, type RegistrationStatus } from '../sip/registration.js';
import { SipTransportLayer } from '../sip/transport/layer.js';
import { useDnsServers } from '../sip/transport/resolve.js';
import type { InviteServerTransaction } from '../sip/transaction/server-invite.js';
import { UserAgent } from '../sip/ua.js';
import { parseUri } from '../sip/uri.js';
import type { Call, IncomingCall, TransferMode, TransferResult } from './call.js';
import { SipIncomingCall, type AnswerEnvironment } from './sip-incoming-call.js';
import { decideAsUas } from '../sip/session-timer.js';
import { rejectSmallInterval } from './sip-call-reinvite.js';
import { dialSip } from './sip-dial.js';
import type { DialOptions, SipLegContext } from './sip-leg-context.js';

export type { RegistrationStatus } from '../sip/registration.js';

export interface SipTelephonyOptions {
  sip: Config['sip'];
  media: Config['media'];
  logger?: Logger;
  /** Optional: replaces REFER/bridge for transfers (RingCentral does transfers by REST). */
  transferOverride?: (call: Call, target: string, options: { mode: TransferMode }) => Promise<TransferResult>;
}

type RegisterAccount = SipAccount & { password: string; transport?: 'udp' | 'tcp' | 'tls' };

export class SipTelephony extends EventEmitter<{ incoming: [IncomingCall]; registration: [RegistrationStatus] }> {
  private readonly log: Logger;
  private readonly transport: SipTransportLayer;
  private readonly acl: AccessControl;
  private readonly ua: UserAgent;
  private readonly ports: PortAllocator;
  private readonly registrations = new Map<string, Registration>();
  /** Every account with a password (config or register()), newest last: dial's identity and credentials. */
  private readonly accounts = new Map<string, RegisterAccount>();
  private readonly legs = new Set<Call>();
  private readonly context: SipLegContext;
  private started = false;
  private unregistering?: Promise<unknown>;

  constructor(private readonly options: SipTelephonyOptions) {
    super();
    const { sip } = options;
    this.log = options.logger ?? makeLogger('sip');
    this.transport = new SipTransportLayer({
      host: sip.host, port: sip.port, ipv6: sip.ipv6, logger: this.log,
      maxConnections: sip.maxConnections, idleMs: sip.connectionIdleSeconds * 1000, tlsClient: sip.tlsClient,
      ...(sip.publicAddress ? { publicAddress: sip.publicAddress } : {}),
      ...(sip.tls ? { tls: sip.tls } : {}),
    });
    this.acl = new AccessControl(sip.allow);
    this.ua = new UserAgent({
      transport: this.transport, acl: this.acl, timers: sip.timers, userAgent: sip.userAgent, logger: this.log,
      ...(sip.outboundProxy ? { outboundProxy: sip.outboundProxy } : {}),
    });
    this.ports = new PortAllocator(options.media.rtpPorts);
    this.context = {
      ua: this.ua,
      logger: this.log,
      ...(options.transferOverride ? { transferOverride: options.transferOverride } : {}),
      dial: (target, dialOptions) => this.dial(target, dialOptions),
      targetUri: (target, domain) => this.targetUri(target, domain),
      onLegStarted: (leg) => {
        this.legs.add(leg); // the frontdesk_active_calls gauge is kept by the app's CallTracker
      },
      onLegEnded: (leg) => {
        this.legs.delete(leg);
      },
    };
    this.ua.on('invite', (transaction) => this.onInvite(transaction));
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.transport.start();
    this.ua.drainingRetryAfter = undefined;
    this.started = true;
    const { sip } = this.options;
    useDnsServers(sip.dnsServers);
    if (sip.outboundProxy) await this.acl.allowUriHost(sip.outboundProxy);
    for (const account of sip.accounts) {
      const password = account.password ?? (account.passwordEnv ? process.env[account.passwordEnv] : undefined);
      if (password === undefined) {
        this.log.error({ account: account.name }, `account ${account.name} has no password (set ${account.passwordEnv ?? 'password or passwordEnv'})`);
        continue;
      }
      if (account.register) await this.register({ ...account, password });
      else this.accounts.set(account.name, { ...account, password });
    }
  }

  async register(account: RegisterAccount): Promise<void> {
    if (!this.started) throw new Error('SipTelephony.register called before start()');
    await this.registrations.get(account.name)?.stop();
    this.accounts.delete(account.name);
    this.accounts.set(account.name, account);
    await this.acl.allowUriHost(account.registrar);
    if (account.outboundProxy) await this.acl.allowUriHost(account.outboundProxy);
    const registration = new Registration(this.ua, {
      name: account.name, registrar: account.registrar, username: account.username, password: account.password,
      expires: account.expires ?? 300,
      ...(account.authUsername ? { authUsername: account.authUsername } : {}),
      ...(account.domain ? { domain: account.domain } : {}),
      ...(account.outboundProxy ? { outboundProxy: account.outboundProxy } : {}),
      ...(account.transport ? { transport: account.transport } : {}),
    }, this.options.sip.registration, this.log);
    registration.on('status', (status) => this.emit('registration', status));
    this.registrations.set(account.name, registration);
    registration.start();
  }

  async dial(target: string, options: DialOptions = {}): Promise<Call> {
    if (!this.started) throw new Error('SipTelephony.dial called before start()');
    const account = this.accountFor(target);
    const domain = account?.domain ?? (account ? parseUri(account.registrar)?.host : undefined) ?? this.transport.advertisedAddress;
    const uri = this.targetUri(target, domain);
    // The account's proxy (e.g. RingCentral's, over the registration's TLS connection) carries its calls.
    const proxy = account?.outboundProxy ?? this.options.sip.outboundProxy;
    const call = await dialSip(this.context, this.environment(), {
      ...options,
      target: uri,
      fromUri: `sip:${account?.username ?? 'frontdesk'}@${domain}`,
      ...(proxy ? { proxy, ...(account?.transport ? { proxyTransport: account.transport } : {}) } : {}),
      ...(account ? { credentials: { username: account.authUsername ?? account.username, password: account.password } } : {}),
    });
    return call;
  }

  status(): { registrations: RegistrationStatus[]; activeCalls: number; listening: { transport: string; address: string; port: number }[] } {
    return {
      registrations: [...this.registrations.values()].map((r) => r.status),
      activeCalls: this.legs.size,
      listening: this.transport.listening.map((l) => ({ ...l })),
    };
  }

  /** New INVITEs get 503 + Retry-After, and the registrations are withdrawn at once so registrars and
   *  PBXs route new calls elsewhere while the calls in progress finish. */
  drain(retryAfterSeconds: number): void {
    this.ua.drainingRetryAfter = Math.max(0, Math.round(retryAfterSeconds));
    this.unregistering ??= Promise.all([...this.registrations.values()].map((r) => r.stop()));
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.drain(60);
    // Un-REGISTERs and BYEs in parallel; an unresponsive peer may not hold shutdown for a whole Timer F.
    const unregisters = this.unregistering ?? Promise.resolve();
    const byes = Promise.all([...this.legs].map((leg) => leg.hangup('shutting down').catch(() => undefined)));
    await Promise.race([Promise.all([unregisters, byes]), new Promise((r) => setTimeout(r, 3000).unref())]);
    this.ua.transactions.clear();
    await this.transport.stop();
    this.started = false;
    this.unregistering = undefined;
  }

  private environment(): AnswerEnvironment {
    return {
      media: this.options.media, ports: this.ports,
      bindAddress: this.options.sip.host, advertisedAddress: this.transport.advertisedAddress,
    };
  }

  private onInvite(transaction: InviteServerTransaction): void {
    if (rejectSmallInterval(this.ua, transaction, decideAsUas(transaction.request))) return;
    if (this.listenerCount('incoming') === 0) {
      this.ua.respond(transaction, 480);
      return;
    }
    const incoming = new SipIncomingCall(this.context, this.environment(), transaction, randomUUID());
    try {
      this.emit('incoming', incoming);
    } catch (err) {
      this.log.error({ err }, 'incoming call handler threw');
      void incoming.reject(500).catch(() => undefined);
    }
  }

  /** The account whose domain or registrar host the target names, else the most recently added one. */
  private accountFor(target: string): RegisterAccount | undefined {
    const accounts = [...this.accounts.values()];
    const host = parseUri(target.replace(/^<|>$/g, ''))?.host ?? (target.includes('@') ? target.split('@')[1] : undefined);
    return accounts.find((a) => host && (a.domain === host || parseUri(a.registrar)?.host === host)) ?? accounts[accounts.length - 1];
  }

  /** "1234", "+15551234", "agent@host", "sip:agent@host" → a SIP URI. */
  private targetUri(target: string, domain: string): string {
    const t = target.trim().replace(/^<|>$/g, '');
    if (/^(sips?|tel):/i.test(t)) return t;
    if (t.includes('@')) return `sip:${t}`;
    return `sip:${t.replace(/[\s()-]/g, '')}@${domain}`;
  }
}
