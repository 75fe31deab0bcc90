// The unit of audio passed between layers: signed 16-bit mono PCM at a declared sample rate.
// Everything above media/ speaks PcmChunk; codecs and wire formats stay inside media/.
/** The rate every `Call` delivers caller audio at, in 20 ms frames of 160 samples. */
export const CALL_SAMPLE_RATE = 8000;
export const FRAME_MS = 20;
export const FRAME_SAMPLES = (CALL_SAMPLE_RATE * FRAME_MS) / 1000;
//# sourceMappingURL=pcm.js.map