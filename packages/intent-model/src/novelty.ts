import { auroc } from './metrics.js';

/**
 * Out-of-scope evidence for one query: `msp` is the calibrated top in-scope probability, `centroid` the best
 * cosine between the query's sentence vector and the per-intent mean training vectors (0 without vectors).
 * The acceptance score is msp + centroidWeight * centroid; higher means more likely in scope.
 */
export interface NoveltyInputs {
  msp: number;
  centroid: number;
}

export function acceptanceScore(n: NoveltyInputs, centroidWeight: number): number {
  return n.msp + centroidWeight * n.centroid;
}

export const CENTROID_WEIGHTS = [0, 0.25, 0.5, 1, 2];

/**
 * Picks the centroid weight whose rejection threshold (the one `chooseRejectThreshold` picks for
 * `minOosRecall`) rejects the fewest in-scope validation queries: that is the operating point the model runs
 * at. Ties go to the better AUROC, then the smaller weight. Choosing by AUROC alone could pick a weight that
 * separates slightly better on average but rejects many more in-scope queries at the threshold, and with a
 * few dozen out-of-scope examples that choice flips on noise.
 */
export function chooseCentroidWeight(
  inputs: NoveltyInputs[],
  isOutOfScope: boolean[],
  minOosRecall: number,
): { weight: number; auroc: number; rejectedInScope: number } {
  let best = { weight: 0, auroc: -Infinity, rejectedInScope: Infinity };
  for (const weight of CENTROID_WEIGHTS) {
    const score = inputs.map((n) => acceptanceScore(n, weight));
    const a = auroc(
      score,
      isOutOfScope.map((o) => !o),
    );
    const threshold = chooseRejectThreshold(score, isOutOfScope, minOosRecall);
    const rejectedInScope = score.filter((s, i) => !isOutOfScope[i] && s < threshold).length;
    const better =
      rejectedInScope < best.rejectedInScope ||
      (rejectedInScope === best.rejectedInScope && a > best.auroc + 1e-9);
    if (better) best = { weight, auroc: a, rejectedInScope };
  }
  return best;
}

/**
 * The rejection threshold on validation data: the lowest one that rejects at least `minOosRecall` of the
 * out-of-scope queries. Any higher threshold only rejects more in-scope queries, so this maximises in-scope
 * accuracy under the recall requirement. `minOosRecall` is the product's choice of how much out-of-scope
 * traffic may slip through (the in-scope/out-of-scope mix of validation data says nothing about production).
 */
export function chooseRejectThreshold(
  score: number[],
  isOutOfScope: boolean[],
  minOosRecall: number,
): number {
  const oos = score.filter((_, i) => isOutOfScope[i]).sort((a, b) => a - b);
  if (oos.length === 0 || oos.length === score.length) {
    throw new Error('choosing a rejection threshold needs in-scope and out-of-scope examples');
  }
  const k = Math.ceil(minOosRecall * oos.length);
  if (k <= 0) return -Infinity;
  const kth = oos[k - 1]!;
  // Reject scores < threshold: just above the k-th lowest out-of-scope score, below the next distinct score.
  const above = score.filter((s) => s > kth);
  const next = above.length === 0 ? kth + 1 : Math.min(...above);
  return (kth + next) / 2;
}

/** Threshold rejecting about `rate` of in-scope validation queries: a novelty guard when no out-of-scope data exists. */
export function quantileThreshold(score: number[], rate: number): number {
  if (rate <= 0 || score.length === 0) return -Infinity;
  const sorted = [...score].sort((a, b) => a - b);
  const k = Math.floor(rate * sorted.length);
  if (k === 0) return -Infinity;
  return (sorted[k - 1]! + sorted[k]!) / 2;
}

/**
 * Smallest threshold whose accepted set (score >= threshold) reaches `target` accuracy; Infinity if none does.
 * Used for the coverage-at-accuracy operating point.
 */
export function thresholdForAccuracy(score: number[], correct: boolean[], target: number): number {
  const order = score.map((_, i) => i).sort((a, b) => score[b]! - score[a]!);
  let right = 0;
  let best = Infinity;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (correct[i]) right++;
    const next = order[k + 1];
    if (next !== undefined && score[next] === score[i]) continue;
    if (right / (k + 1) >= target) best = score[i]!;
  }
  return best;
}
