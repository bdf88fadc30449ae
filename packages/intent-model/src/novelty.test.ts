import { describe, expect, it } from '@jest/globals';
import { auroc, macroF1 } from './metrics.js';
import {
  chooseCentroidWeight,
  chooseRejectThreshold,
  quantileThreshold,
  thresholdForAccuracy,
} from './novelty.js';

describe('out-of-scope thresholds', () => {
  const score = [0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99];
  const isOos = [true, true, false, true, false, true, false, false, false, false];

  it('picks the lowest threshold reaching the required out-of-scope recall', () => {
    const t = chooseRejectThreshold(score, isOos, 0.75);
    expect(t).toBeGreaterThan(0.4);
    expect(t).toBeLessThanOrEqual(0.6);
    const all = chooseRejectThreshold(score, isOos, 1);
    expect(all).toBeGreaterThan(0.7);
    expect(all).toBeLessThanOrEqual(0.8);
    expect(() => chooseRejectThreshold([0.1], [false], 0.8)).toThrow('needs in-scope and out-of-scope');
  });

  it('rejects the requested share of in-scope scores when there is no out-of-scope data', () => {
    const t = quantileThreshold(score, 0.2);
    expect(score.filter((s) => s < t)).toHaveLength(2);
    expect(quantileThreshold(score, 0)).toBe(-Infinity);
  });

  it('finds the lowest threshold whose accepted set reaches the accuracy target', () => {
    const correct = [false, false, true, false, true, true, true, true, true, true];
    expect(thresholdForAccuracy(score, correct, 1)).toBe(0.6);
    expect(thresholdForAccuracy(score, correct, 0.8)).toBe(0.3);
    expect(
      thresholdForAccuracy(
        score,
        correct.map(() => false),
        0.95,
      ),
    ).toBe(Infinity);
  });

  it('weights the centroid score only when it separates better', () => {
    const inputs = [
      { msp: 0.9, centroid: 0.2 },
      { msp: 0.5, centroid: 0.9 },
      { msp: 0.6, centroid: 0.1 },
      { msp: 0.55, centroid: 0.2 },
    ];
    expect(chooseCentroidWeight(inputs, [false, false, true, true], 0.8).weight).toBeGreaterThan(0);
    expect(chooseCentroidWeight(inputs, [false, true, false, true], 0.8).weight).toBe(0);
  });

  it('picks the weight that rejects the fewest in-scope queries at the required recall, not the best AUROC', () => {
    // At weight 0 one in-scope query (low msp, close to an intent) falls under the threshold that catches
    // half the out-of-scope queries; any centroid weight saves it, though it also lifts the second
    // out-of-scope query above in-scope ones, so AUROC alone would prefer weight 0.
    const inputs = [
      { msp: 0.05, centroid: 0.5 },
      ...[0.6, 0.7, 0.8, 0.9, 1].map((msp) => ({ msp, centroid: 0.1 })),
      { msp: 0.1, centroid: 0 }, // out of scope
      { msp: 0.5, centroid: 0.9 }, // out of scope
    ];
    const isOos = inputs.map((_, i) => i >= 6);
    const atZero = auroc(
      inputs.map((n) => n.msp),
      isOos.map((o) => !o),
    );
    const chosen = chooseCentroidWeight(inputs, isOos, 0.5);
    expect(chosen).toMatchObject({ weight: 0.25, rejectedInScope: 0 });
    expect(chosen.auroc).toBeLessThan(atZero);
  });
});

describe('metrics', () => {
  it('computes AUROC with ties and macro F1', () => {
    expect(auroc([0.1, 0.2, 0.8, 0.9], [false, false, true, true])).toBe(1);
    expect(auroc([0.5, 0.5], [true, false])).toBe(0.5);
    expect(macroF1(['a', 'a', 'b'], ['a', 'b', 'b'])).toBeCloseTo((2 / 3 + 2 / 3) / 2, 10);
  });
});
