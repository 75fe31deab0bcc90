// SIP and media settings: listening, accounts to register, trusted peers, RTP ports and codecs.
import { z } from 'zod';

export const sipAccountSchema = z.object({
  name: z.string().min(1),
  /** Registrar, e.g. sip:pbx.example.com:5060;transport=tcp */
  registrar: z.string().min(1),
  username: z.string().min(1),
  authUsername: z.string().optional(),
  /** Read from the environment variable named here, never stored in the file. */
  passwordEnv: z.string().optional(),
  password: z.string().optional(),
  domain: z.string().optional(),
  outboundProxy: z.string().optional(),
  expires: z.number().int().min(1).max(86400).default(300),
  transport: z.enum(['udp', 'tcp', 'tls']).optional(),
  /** false: do not REGISTER (IP-authenticated trunks); the credentials still answer INVITE challenges. */
  register: z.boolean().default(true),
});

/** RFC 3261 timer bases (ms); tests shorten them. */
export const sipTimersSchema = z.object({
  t1: z.number().int().min(10).max(10_000).default(500),
  t2: z.number().int().min(20).max(60_000).default(4000),
  t4: z.number().int().min(20).max(60_000).default(5000),
});

export const registrationTimingSchema = z.object({
  retryBaseSeconds: z.number().min(0.1).max(3600).default(5),
  maxRetrySeconds: z.number().min(1).max(86400).default(300),
  keepAliveSeconds: z.number().min(1).max(3600).default(30),
});

export const sipSchema = z.object({
  host: z.string().default('0.0.0.0'),
  port: z.number().int().min(1).max(65535).default(5060),
  /** Address written into Via/Contact/SDP when it differs from the bind address. */
  publicAddress: z.string().optional(),
  ipv6: z.boolean().default(false),
  tls: z
    .object({ port: z.number().int().min(1).max(65535), cert: z.string(), key: z.string() })
    .optional(),
  outboundProxy: z.string().optional(),
  /** DNS servers ("host" or "host:port") for the SRV/NAPTR lookups of RFC 3263; default the system's. */
  dnsServers: z.array(z.string().min(1)).default([]),
  /** TLS client side (registrars such as RingCentral): extra trusted CA file (PEM); system CAs are always trusted. */
  tlsClient: z.object({ ca: z.string().optional(), verify: z.boolean().default(true) }).prefault({}),
  accounts: z.array(sipAccountSchema).default([]),
  /** CIDRs whose INVITEs are answered; registrars of accounts are always allowed. */
  allow: z.array(z.string()).default(['127.0.0.0/8', '::1/128', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7']),
  userAgent: z.string().default('frontdesk'),
  timers: sipTimersSchema.prefault({}),
  registration: registrationTimingSchema.prefault({}),
  /** TCP/TLS connection limits. */
  maxConnections: z.number().int().min(1).max(100_000).default(1024),
  connectionIdleSeconds: z.number().min(1).max(86_400).default(120),
});

export const mediaSchema = z.object({
  rtpPorts: z
    .string()
    .regex(/^\d+-\d+$/, 'expected a range like 20000-29999')
    .default('20000-29999'),
  /** Codec preference, best first. */
  codecs: z.array(z.enum(['PCMU', 'PCMA', 'G722', 'opus'])).default(['PCMU', 'PCMA', 'G722', 'opus']),
  ptime: z.number().int().min(10).max(60).default(20),
  /** Ceiling of the adaptive receive playout delay (3× the measured jitter plus 5 ms, up to this). */
  jitterBufferMs: z.number().int().min(20).max(500).default(120),
  /** Hang up a call that received no RTP for this long while it should (caller vanished without BYE); 0 = never. */
  rtpTimeoutSeconds: z.number().min(0).max(3600).default(120),
});

export type SipAccount = z.input<typeof sipAccountSchema>;
