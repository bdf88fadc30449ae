import { describe, expect, it } from '@jest/globals';
import { mulberry32 } from './rng.js';
import { balancingWeights, priorBias } from './model.js';
import { logitsOf, softmaxInPlace, trainSoftmax } from './softmax.js';
import type { SparseVector } from './tfidf.js';

/** Three classes, each owning two of six features, plus two shared noise features. */
function synthetic(n: number, seed: number): { rows: SparseVector[]; labels: Int32Array } {
  const random = mulberry32(seed);
  const rows: SparseVector[] = [];
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const y = i % 3;
    labels[i] = y;
    const own = 2 * y + Math.floor(random() * 2);
    const noise = 6 + Math.floor(random() * 2);
    rows.push({
      idx: Int32Array.from([own, noise]),
      val: Float32Array.from([0.5 + random(), 0.5 + random()]),
    });
  }
  return { rows, labels };
}

function argmax(z: Float64Array): number {
  let best = 0;
  z.forEach((v, c) => {
    if (v > z[best]!) best = c;
  });
  return best;
}

describe('trainSoftmax', () => {
  it('learns a small synthetic problem and generalises to fresh samples', () => {
    const train = synthetic(300, 1);
    const model = trainSoftmax(train.rows, train.labels, 8, 3, { epochs: 5, learningRate: 0.3, seed: 7 });
    const test = synthetic(90, 2);
    const right = test.rows.filter((x, i) => argmax(logitsOf(model, x)) === test.labels[i]).length;
    expect(right).toBe(90);
  });

  it('is deterministic for a seed', () => {
    const { rows, labels } = synthetic(60, 3);
    const a = trainSoftmax(rows, labels, 8, 3, { epochs: 2, seed: 5 });
    const b = trainSoftmax(rows, labels, 8, 3, { epochs: 2, seed: 5 });
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
  });

  it('class weights move an ambiguous input toward the rare class', () => {
    // One uninformative feature; class 0 is nine times as frequent as class 1.
    const labels = Int32Array.from({ length: 200 }, (_, i) => (i % 10 === 0 ? 1 : 0));
    const rows = Array.from(labels, () => ({ idx: Int32Array.from([0]), val: Float32Array.from([1]) }));
    const x = rows[0]!;
    const pRare = (classWeights?: Float64Array) =>
      softmaxInPlace(
        logitsOf(trainSoftmax(rows, labels, 1, 2, { epochs: 20, learningRate: 0.2, classWeights }), x),
      )[1]!;
    expect(pRare()).toBeLessThan(0.2);
    expect(pRare(balancingWeights(labels, 2, 1))).toBeGreaterThan(0.4);
  });
});

describe('balancingWeights', () => {
  it('weighs each class by (mean count / its count) ^ power', () => {
    const labels = Int32Array.from([0, 0, 0, 1]);
    expect(Array.from(balancingWeights(labels, 2, 1))).toEqual([2 / 3, 2]);
    expect(Array.from(balancingWeights(labels, 2, 0.5))).toEqual([Math.sqrt(2 / 3), Math.sqrt(2)]);
    expect(Array.from(balancingWeights(labels, 3, 1))[2]).toBe(0);
  });
});

describe('priorBias', () => {
  it('adds τ · −log(training share), centred, so rarer intents gain', () => {
    const labels = Int32Array.from([0, 0, 0, 1]);
    const b = priorBias(labels, 2, 0.5);
    expect(b[1]! - b[0]!).toBeCloseTo(0.5 * Math.log(3), 6);
    expect(b[0]! + b[1]!).toBeCloseTo(0, 6);
    expect(priorBias(labels, 2, 0)).toHaveLength(0);
  });
});
