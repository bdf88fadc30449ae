// How well probabilities match outcomes, and where to draw the auto-send line. Pure functions of
// (probability, outcome) pairs; `good` is 1 when the answer was right.

export interface Scored {
  p: number;
  good: number;
}

export interface ReliabilityBin {
  /** Lower edge of the bin (width 0.1; the last bin includes 1). */
  from: number;
  n: number;
  meanP: number;
  observed: number;
}

export interface Calibration {
  n: number;
  /** Expected calibration error over ten equal-width bins: Σ n_b/n · |mean p − observed rate|. */
  ece: number;
  brier: number;
  logLoss: number;
  /** Probability that a right answer scores above a wrong one; null when only one kind is present. */
  auroc: number | null;
  bins: ReliabilityBin[];
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

export function calibration(scored: readonly Scored[]): Calibration {
  const n = scored.length;
  const bins: ReliabilityBin[] = [];
  let ece = 0;
  for (let b = 0; b < 10; b++) {
    const inBin = scored.filter((s) => Math.min(Math.floor(s.p * 10), 9) === b);
    if (inBin.length === 0) continue;
    const meanP = inBin.reduce((a, s) => a + s.p, 0) / inBin.length;
    const observed = inBin.reduce((a, s) => a + s.good, 0) / inBin.length;
    ece += (inBin.length / n) * Math.abs(meanP - observed);
    bins.push({ from: b / 10, n: inBin.length, meanP: round(meanP, 3), observed: round(observed, 3) });
  }
  const brier = scored.reduce((a, s) => a + (s.p - s.good) ** 2, 0) / Math.max(n, 1);
  const clamp = (p: number) => Math.min(Math.max(p, 1e-6), 1 - 1e-6);
  const logLoss =
    -scored.reduce((a, s) => a + (s.good ? Math.log(clamp(s.p)) : Math.log(1 - clamp(s.p))), 0) /
    Math.max(n, 1);
  return { n, ece: round(ece), brier: round(brier), logLoss: round(logLoss), auroc: auroc(scored), bins };
}

function auroc(scored: readonly Scored[]): number | null {
  const pos = scored.filter((s) => s.good === 1);
  const neg = scored.filter((s) => s.good === 0);
  if (pos.length === 0 || neg.length === 0) return null;
  let wins = 0;
  for (const a of pos) for (const b of neg) wins += a.p > b.p ? 1 : a.p === b.p ? 0.5 : 0;
  return round(wins / (pos.length * neg.length));
}

export interface OperatingPoint {
  threshold: number;
  sent: number;
  good: number;
  bad: number;
  badRate: number;
}

/** What goes out at `threshold`: every answer with p >= threshold. */
export function operatingPoint(scored: readonly Scored[], threshold: number): OperatingPoint {
  const sent = scored.filter((s) => s.p >= threshold);
  const good = sent.filter((s) => s.good === 1).length;
  const bad = sent.length - good;
  return { threshold, sent: sent.length, good, bad, badRate: sent.length ? round(bad / sent.length) : 0 };
}

/**
 * The lowest threshold (the most answers sent) at which at most `targetBadRate` of the answers sent are
 * wrong. Only the scores themselves are candidates; with none acceptable the line is 1 (nothing is sent).
 */
export function chooseThreshold(scored: readonly Scored[], targetBadRate: number): OperatingPoint {
  let best: OperatingPoint = { threshold: 1, sent: 0, good: 0, bad: 0, badRate: 0 };
  for (const p of [...new Set(scored.map((s) => s.p))]) {
    const point = operatingPoint(scored, p);
    if (point.badRate <= targetBadRate && point.sent > best.sent) best = point;
  }
  return best;
}

/** The coverage curve: one point per distinct score, highest first. */
export function curve(scored: readonly Scored[]): OperatingPoint[] {
  return [...new Set(scored.map((s) => s.p))].sort((a, b) => b - a).map((p) => operatingPoint(scored, p));
}
