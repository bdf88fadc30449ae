/** Expected calibration error with equal-width confidence bins (15 by default, as Guo et al. 2017). */
export function expectedCalibrationError(
  confidence: ArrayLike<number>,
  correct: ArrayLike<boolean>,
  bins = 15,
): number {
  const n = confidence.length;
  if (n === 0) return 0;
  const count = new Float64Array(bins);
  const conf = new Float64Array(bins);
  const acc = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const c = confidence[i]!;
    const b = Math.min(bins - 1, Math.floor(c * bins));
    count[b]!++;
    conf[b]! += c;
    if (correct[i]) acc[b]!++;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b]! > 0) ece += Math.abs(acc[b]! - conf[b]!) / n;
  return ece;
}

/** Area under the ROC curve of `score` separating positives from negatives (ties count one half). */
export function auroc(score: ArrayLike<number>, positive: ArrayLike<boolean>): number {
  const items = Array.from({ length: score.length }, (_, i) => ({ s: score[i]!, pos: positive[i]! })).sort(
    (a, b) => a.s - b.s,
  );
  let nPos = 0;
  let rankSum = 0;
  for (let i = 0; i < items.length;) {
    let j = i;
    while (j < items.length && items[j]!.s === items[i]!.s) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (items[k]!.pos) {
        nPos++;
        rankSum += midRank;
      }
    }
    i = j;
  }
  const nNeg = items.length - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

export function accuracy(predicted: string[], gold: string[]): number {
  let ok = 0;
  predicted.forEach((p, i) => {
    if (p === gold[i]) ok++;
  });
  return predicted.length === 0 ? 0 : ok / predicted.length;
}

/** Macro-averaged F1 over the labels present in gold or predicted. */
export function macroF1(predicted: string[], gold: string[]): number {
  const labels = new Set([...gold, ...predicted]);
  let sum = 0;
  for (const label of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    predicted.forEach((p, i) => {
      const g = gold[i];
      if (p === label && g === label) tp++;
      else if (p === label) fp++;
      else if (g === label) fn++;
    });
    sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return labels.size === 0 ? 0 : sum / labels.size;
}

export function percentile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}
