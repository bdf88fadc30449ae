import { describe, expect, it } from '@jest/globals';
import { mergeMlps, mlpLogits, trainMlp } from './mlp.js';
import { mulberry32 } from './rng.js';
import { trainSoftmax, logitsOf } from './softmax.js';
import type { SparseVector } from './tfidf.js';

/** XOR over two binary features (plus a constant feature): no linear model can get all four cases right. */
function xor(n: number, seed: number): { rows: SparseVector[]; labels: Int32Array } {
  const random = mulberry32(seed);
  const rows: SparseVector[] = [];
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = random() < 0.5 ? 1 : 0;
    const b = random() < 0.5 ? 1 : 0;
    labels[i] = a ^ b;
    rows.push({ idx: Int32Array.from([0, 1, 2]), val: Float32Array.from([a, b, 1]) });
  }
  return { rows, labels };
}

const predict = (z: Float64Array) => (z[1]! > z[0]! ? 1 : 0);

describe('trainMlp', () => {
  it('learns a conjunction the linear model cannot', () => {
    const { rows, labels } = xor(400, 1);
    const mlp = trainMlp(rows, labels, 3, 2, { hidden: 16, epochs: 20, learningRate: 0.1, initScale: 0.5 });
    const linear = trainSoftmax(rows, labels, 3, 2, { epochs: 20, learningRate: 0.1 });
    const test = xor(100, 2);
    const right = (f: (x: SparseVector) => Float64Array) =>
      test.rows.filter((x, i) => predict(f(x)) === test.labels[i]).length;
    expect(right((x) => mlpLogits(mlp, x))).toBe(100);
    expect(right((x) => logitsOf(linear, x))).toBeLessThan(90);
  });

  it('learns the conjunction with per-weight AdaGrad too, and with zero-valued inputs in the rows', () => {
    // xor() rows list a and b even when they are 0: the row-wise accumulator of a feature only ever seen as 0
    // must not turn into 0 / 0.
    const { rows, labels } = xor(400, 7);
    const test = xor(100, 8);
    for (const rowwise of [true, false]) {
      const opts = {
        hidden: 16,
        epochs: 20,
        learningRate: 0.1,
        initScale: 0.5,
        rowwise,
        gradientTolerance: 0,
      };
      const mlp = trainMlp(rows, labels, 3, 2, opts);
      expect(mlp.w1.every(Number.isFinite)).toBe(true);
      expect(test.rows.filter((x, i) => predict(mlpLogits(mlp, x)) === test.labels[i]).length).toBe(100);
    }
  });

  it('is deterministic for a seed', () => {
    const { rows, labels } = xor(50, 3);
    const a = trainMlp(rows, labels, 3, 2, { hidden: 4, epochs: 2, seed: 9 });
    const b = trainMlp(rows, labels, 3, 2, { hidden: 4, epochs: 2, seed: 9 });
    expect(Array.from(a.w1)).toEqual(Array.from(b.w1));
    expect(Array.from(a.w2)).toEqual(Array.from(b.w2));
  });

  it('merges networks into one whose logits are their mean', () => {
    const { rows, labels } = xor(60, 4);
    const a = trainMlp(rows, labels, 3, 2, { hidden: 4, epochs: 2, seed: 1 });
    const b = trainMlp(rows, labels, 3, 2, { hidden: 6, epochs: 2, seed: 2 });
    const merged = mergeMlps([a, b]);
    expect(merged.hidden).toBe(10);
    for (const x of rows.slice(0, 10)) {
      const za = mlpLogits(a, x);
      const zb = mlpLogits(b, x);
      const z = mlpLogits(merged, x);
      for (let c = 0; c < 2; c++) expect(z[c]).toBeCloseTo((za[c]! + zb[c]!) / 2, 5);
    }
    const pair = trainMlp(rows, labels, 3, 2, { hidden: 4, epochs: 2, seed: 1, members: 2 });
    expect(pair.hidden).toBe(8);
    expect(Array.from(pair.w1.subarray(0, 4))).toEqual(Array.from(a.w1.subarray(0, 4)));
  });

  it('still learns the conjunction with input dropout, deterministically', () => {
    const { rows, labels } = xor(400, 5);
    const opts = { hidden: 16, epochs: 30, learningRate: 0.1, initScale: 0.5, inputDropout: 0.1 };
    const mlp = trainMlp(rows, labels, 3, 2, opts);
    expect(Array.from(trainMlp(rows, labels, 3, 2, opts).w1)).toEqual(Array.from(mlp.w1));
    const test = xor(100, 6);
    const right = test.rows.filter((x, i) => predict(mlpLogits(mlp, x)) === test.labels[i]).length;
    expect(right).toBeGreaterThanOrEqual(95);
  });
});
