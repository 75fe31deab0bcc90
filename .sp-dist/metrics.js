// Prometheus metrics shared by every layer (served at /metrics by web/). One registry per process.
import { Registry, Counter, Gauge, Histogram, collectDefaultMetrics } from 'prom-client';
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'frontdesk_process_' });
export const sipMessages = new Counter({
    name: 'frontdesk_sip_messages_total',
    help: 'SIP messages by direction, method or status class',
    labelNames: ['direction', 'kind'],
    registers: [registry],
});
export const sipMalformed = new Counter({
    name: 'frontdesk_sip_malformed_total',
    help: 'Malformed SIP input by what happened to it (answered 400 or dropped)',
    labelNames: ['action'],
    registers: [registry],
});
export const sipForbidden = new Counter({
    name: 'frontdesk_sip_forbidden_total',
    help: 'Requests refused with 403 by access control',
    registers: [registry],
});
export const registrationState = new Gauge({
    name: 'frontdesk_registration_up',
    help: '1 when the account is registered, else 0',
    labelNames: ['account'],
    registers: [registry],
});
export const activeCalls = new Gauge({
    name: 'frontdesk_active_calls',
    help: 'Calls in progress',
    registers: [registry],
});
export const callsByOutcome = new Counter({
    name: 'frontdesk_calls_total',
    help: 'Finished calls by outcome',
    labelNames: ['outcome'],
    registers: [registry],
});
export const turnLatency = new Histogram({
    name: 'frontdesk_turn_latency_seconds',
    help: 'End of caller speech to first reply audio',
    buckets: [0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 2, 5],
    registers: [registry],
});
export const sttLatency = new Histogram({
    name: 'frontdesk_stt_latency_seconds',
    help: 'End of speech to final recognition result',
    labelNames: ['provider'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2],
    registers: [registry],
});
export const ttsLatency = new Histogram({
    name: 'frontdesk_tts_first_audio_seconds',
    help: 'Synthesis request to first audio chunk',
    labelNames: ['provider', 'cache'],
    buckets: [0.001, 0.005, 0.01, 0.03, 0.1, 0.3, 1],
    registers: [registry],
});
export const rtpLoss = new Histogram({
    name: 'frontdesk_rtp_loss_ratio',
    help: 'Fraction of RTP packets lost per call (receive side)',
    buckets: [0, 0.001, 0.01, 0.03, 0.1, 0.3],
    registers: [registry],
});
export const rtpJitter = new Histogram({
    name: 'frontdesk_rtp_jitter_seconds',
    help: 'Interarrival jitter per call (RFC 3550), receive side',
    buckets: [0.001, 0.005, 0.01, 0.02, 0.05, 0.1],
    registers: [registry],
});
export const providerErrors = new Counter({
    name: 'frontdesk_provider_errors_total',
    help: 'Errors from speech/brain/telephony providers, and fallbacks taken',
    labelNames: ['provider', 'kind'],
    registers: [registry],
});
export const storeAppendLatency = new Histogram({
    name: 'frontdesk_store_append_seconds',
    help: 'Call event append to durable (committed), by store backend',
    labelNames: ['store'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
    registers: [registry],
});
export const storeErrors = new Counter({
    name: 'frontdesk_store_errors_total',
    help: 'Failed call-record writes by store backend',
    labelNames: ['store'],
    registers: [registry],
});
//# sourceMappingURL=metrics.js.map