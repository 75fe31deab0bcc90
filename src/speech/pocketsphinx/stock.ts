// A decoder process's stock of idle decoders, by flavour. A decoder serves one utterance at a time; then
// reset() returns it to a fresh decoder's CMN state (live CMN would otherwise carry one call's audio into
// another call's recognition) and it waits for the next, saving a ps_init (13-20 ms) per session.
import type { RecognitionContext } from '../types.js';
import { Decoder, type DecoderSetup } from './decoder.js';
import type { WorkerSetup } from './protocol.js';
import { VERIFIER_FLAGS } from './verify.js';

/**
 * grammar: digits and yes/no (more Gaussians per frame: setup grammarFlags, +4/60 passcodes); lm: free
 * speech (wider beams: setup lmFlags); verifier: the forced path through an expected code (wide beams).
 */
export type Flavour = 'grammar' | 'lm' | 'verifier';

export const flavourOf = (context: RecognitionContext): Flavour => (context.kind === 'free' ? 'lm' : 'grammar');

/** Idle decoders kept per flavour (each holds its own copy of the acoustic model: bounded). */
const MAX_IDLE = 16;

export class DecoderStock {
  private readonly setups: Record<Flavour, DecoderSetup>;
  private readonly idle: Record<Flavour, Decoder[]> = { grammar: [], lm: [], verifier: [] };
  private readonly flavours = new WeakMap<Decoder, Flavour>();
  private replenishing = false;
  private trackable = false;

  constructor(private readonly setup: WorkerSetup) {
    const grammar = { ...setup, dictPath: setup.grammarDictPath, flags: { ...setup.flags, ...setup.grammarFlags } };
    this.setups = {
      grammar,
      lm: { ...setup, flags: { ...setup.flags, ...setup.lmFlags } },
      verifier: { ...grammar, flags: { ...grammar.flags, ...VERIFIER_FLAGS } },
    };
  }

  take(flavour: Flavour): Decoder {
    return this.idle[flavour].pop() ?? this.fresh(flavour);
  }

  /** Back to the stock when it can be reset to a fresh decoder's state; otherwise freed. */
  release(decoder: Decoder): void {
    const flavour = this.flavours.get(decoder);
    if (flavour && decoder.reusable && this.idle[flavour].length < MAX_IDLE) {
      try {
        decoder.reset();
        this.idle[flavour].push(decoder);
        return;
      } catch {
        // a decoder that cannot be reset is not reused
      }
    }
    decoder.free();
    this.replenish();
  }

  /** Loads one grammar decoder now (start-up fails if the model cannot load), the spares when idle. */
  prime(): void {
    const first = this.fresh('grammar');
    this.trackable = first.reusable;
    this.idle.grammar.push(first);
    this.replenish();
  }

  /** Whether a first turn's own cepstral mean can be followed (the CMN is reachable in this library build). */
  get canTrack(): boolean {
    return this.trackable;
  }

  private fresh(flavour: Flavour): Decoder {
    const decoder = new Decoder(this.setups[flavour]);
    if (flavour === 'grammar') decoder.preload(['digits', 'yesNo']);
    else if (flavour === 'lm') decoder.preload(['free']);
    this.flavours.set(decoder, flavour);
    return decoder;
  }

  private replenish(): void {
    if (this.replenishing) return;
    this.replenishing = true;
    setImmediate(() => {
      this.replenishing = false;
      const wanted = this.setup.spareDecoders;
      const short = (['grammar', 'lm', 'verifier'] as const).find((f) => this.idle[f].length < (f === 'verifier' ? Math.min(1, wanted) : wanted));
      if (!short) return;
      this.idle[short].push(this.fresh(short));
      this.replenish();
    });
  }
}
