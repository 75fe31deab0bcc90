// What SDP negotiation hands to media: the chosen audio codec and the telephone-event payload type.
// The codec implementations (G.711, G.722, Opus) live in media/codecs/.

export type CodecName = 'PCMU' | 'PCMA' | 'G722' | 'opus';

export interface CodecSpec {
  name: CodecName;
  payloadType: number;
  /** RTP clock rate as written in SDP (G.722 says 8000 though it samples at 16 kHz; Opus says 48000). */
  clockRate: number;
  channels: number;
  fmtp?: string;
}

export interface NegotiatedMedia {
  codec: CodecSpec;
  /** RFC 4733 telephone-event payload type, when both sides offered it. */
  telephoneEvent?: { payloadType: number; clockRate: number };
  ptime: number;
  direction: 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
  remote: { address: string; port: number; rtcpPort: number };
}
