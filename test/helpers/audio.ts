// Signal measures for asserting on audio that crossed real calls: energy envelopes, lagged
// correlation (echo tests) and the strongest frequency (tone tests).

/** RMS per frame of `frame` samples. */
export function energyEnvelope(samples: Int16Array, frame = 160): Float64Array {
  const out = new Float64Array(Math.floor(samples.length / frame));
  for (let f = 0; f < out.length; f++) {
    let sum = 0;
    for (let i = f * frame; i < (f + 1) * frame; i++) sum += samples[i]! * samples[i]!;
    out[f] = Math.sqrt(sum / frame);
  }
  return out;
}

function pearson(a: Float64Array, b: Float64Array, lag: number): number {
  let n = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  for (let i = 0; i < a.length; i++) {
    const j = i + lag;
    if (j < 0 || j >= b.length) continue;
    const x = a[i]!, y = b[j]!;
    n++; sa += x; sb += y; saa += x * x; sbb += y * y; sab += x * y;
  }
  if (n < 10) return 0;
  const cov = sab - (sa * sb) / n;
  const va = saa - (sa * sa) / n;
  const vb = sbb - (sb * sb) / n;
  return va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0;
}

/** Best Pearson correlation of two envelopes over lags 0..maxLag frames (b delayed against a). */
export function bestLagCorrelation(a: Float64Array, b: Float64Array, maxLag: number): { lag: number; r: number } {
  let best = { lag: 0, r: -1 };
  for (let lag = 0; lag <= maxLag; lag++) {
    const r = pearson(a, b, lag);
    if (r > best.r) best = { lag, r };
  }
  return best;
}

/** Goertzel power at `frequency`. */
export function tonePower(samples: Int16Array, rate: number, frequency: number): number {
  const k = 2 * Math.cos((2 * Math.PI * frequency) / rate);
  let s1 = 0, s2 = 0;
  for (let i = 0; i < samples.length; i++) {
    const s0 = samples[i]! + k * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return s1 * s1 + s2 * s2 - k * s1 * s2;
}

/** The strongest frequency among 50 Hz steps up to rate/2. */
export function dominantFrequency(samples: Int16Array, rate: number): number {
  let best = { f: 0, p: -1 };
  for (let f = 100; f < rate / 2; f += 50) {
    const p = tonePower(samples, rate, f);
    if (p > best.p) best = { f, p };
  }
  return best.f;
}

export function rms(samples: Int16Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return samples.length ? Math.sqrt(sum / samples.length) : 0;
}
