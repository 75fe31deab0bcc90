// What SDP negotiation hands to media: the chosen audio codec and the telephone-event payload type.
// The codec implementations (G.711, G.722, Opus) live in media/codecs/.
export {};
//# sourceMappingURL=codec.js.map