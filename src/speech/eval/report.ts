// Sums harness outcomes per kind (accuracy, WER, latency percentiles, extra scores) and prints them.
import type { ItemOutcome } from './run.js';
import { digitErrors, percentile } from './score.js';

export interface KindSummary {
  kind: string;
  items: number;
  /** passcode exact %, yes/no correct %, request/name sentence-exact %. */
  correctPercent: number;
  werPercent: number;
  timeouts: number;
  errors: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  /** Passcode runs against a wrong expected code (only with --expected). */
  falseAccepts?: { probes: number; accepted: number };
  /** Passcode: digits right (1 - digit edit distance / digits), in %. */
  digitAccuracyPercent?: number;
  /** Passcode with --expected: the same items decoded without the expected code. */
  blind?: { items: number; correctPercent: number; digitAccuracyPercent: number };
  extra: Record<string, number>;
}

export function summarize(outcomes: readonly ItemOutcome[]): KindSummary[] {
  const kinds = [...new Set(outcomes.map((o) => o.kind))];
  return kinds.map((kind) => {
    const all = outcomes.filter((o) => o.kind === kind);
    const scored = all.filter((o) => o.falseAccept === undefined && !o.blind);
    const blind = all.filter((o) => o.blind);
    const probes = all.filter((o) => o.falseAccept !== undefined);
    const words = scored.reduce((sum, o) => sum + o.words, 0);
    const errors = scored.reduce((sum, o) => sum + o.wordErrors, 0);
    const latencies = scored.flatMap((o) => (o.latencyMs === undefined ? [] : [o.latencyMs]));
    const extra: Record<string, number> = {};
    const keys = new Set(scored.flatMap((o) => Object.keys(o.extra)));
    for (const key of keys) {
      const values = scored.flatMap((o) => (key in o.extra ? [o.extra[key]!] : []));
      extra[key] = values.reduce((a, b) => a + b, 0) / values.length;
    }
    return {
      kind,
      items: scored.length,
      correctPercent: (100 * scored.filter((o) => o.correct).length) / Math.max(1, scored.length),
      werPercent: (100 * errors) / Math.max(1, words),
      timeouts: scored.filter((o) => o.outcome === 'timeout').length,
      errors: scored.filter((o) => o.outcome === 'error').length,
      latencyP50Ms: percentile(latencies, 50),
      latencyP95Ms: percentile(latencies, 95),
      ...(probes.length > 0 ? { falseAccepts: { probes: probes.length, accepted: probes.filter((o) => o.falseAccept).length } } : {}),
      ...(kind === 'passcode' ? { digitAccuracyPercent: digitAccuracy(scored) } : {}),
      ...(blind.length > 0
        ? { blind: { items: blind.length, correctPercent: (100 * blind.filter((o) => o.correct).length) / blind.length, digitAccuracyPercent: digitAccuracy(blind) } }
        : {}),
      extra,
    };
  });
}

function digitAccuracy(outcomes: readonly ItemOutcome[]): number {
  let errors = 0;
  let digits = 0;
  for (const o of outcomes) {
    const d = digitErrors(o.reference, o.hypothesis);
    errors += Math.min(d.errors, d.digits);
    digits += d.digits;
  }
  return 100 * (1 - errors / Math.max(1, digits));
}

const MEASURE: Record<string, string> = { passcode: 'exact match', yesno: 'correct', request: 'sentence exact', name: 'sentence exact' };

export function formatSummary(summaries: readonly KindSummary[]): string {
  const lines = ['kind      items  accuracy              WER      latency p50/p95 (ms)  timeouts/errors'];
  for (const s of summaries) {
    const accuracy = `${s.correctPercent.toFixed(1)} % ${MEASURE[s.kind] ?? ''}`.padEnd(22);
    lines.push(
      `${s.kind.padEnd(9)} ${String(s.items).padStart(5)}  ${accuracy}${`${s.werPercent.toFixed(1)} %`.padEnd(9)}${`${s.latencyP50Ms.toFixed(0)} / ${s.latencyP95Ms.toFixed(0)}`.padEnd(22)}${s.timeouts}/${s.errors}`,
    );
    if (s.digitAccuracyPercent !== undefined) lines.push(`          digit accuracy: ${s.digitAccuracyPercent.toFixed(1)} %`);
    if (s.blind) lines.push(`          blind (no expected code): ${s.blind.correctPercent.toFixed(1)} % exact, digit accuracy ${s.blind.digitAccuracyPercent.toFixed(1)} %`);
    if (s.falseAccepts) lines.push(`          wrong expected code accepted: ${s.falseAccepts.accepted}/${s.falseAccepts.probes}`);
    for (const [key, value] of Object.entries(s.extra)) lines.push(`          ${key}: ${value.toFixed(3)}`);
  }
  return lines.join('\n');
}
