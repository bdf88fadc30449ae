import { mulberry32, shuffleInPlace } from './rng.js';
import { addScaledRow, type Int8Rows } from './int8-rows.js';
import type { SparseVector } from './tfidf.js';

// Bound once: where the module runs in a vm context (the test runner's), every lookup of the global `Math`
// goes through the context's interceptor, which made training loops many times slower.
const { abs, exp, sqrt } = Math;

export interface SoftmaxOptions {
  epochs: number;
  /** AdaGrad base step. */
  learningRate: number;
  /** L2 penalty, applied to the coordinates an example touches (lazy regularisation). */
  l2: number;
  seed: number;
  /**
   * Class gradients smaller than this are skipped. Once the model is confident most of the C-way gradient is
   * near zero, and skipping it makes an epoch several times cheaper with no measurable loss of accuracy.
   */
  gradientTolerance: number;
  /**
   * Average the weights at the end of each epoch from this fraction of training on (Polyak averaging of
   * epoch snapshots); 1 keeps the last iterate. Averaging smooths the noise of per-example steps.
   */
  averageFrom: number;
  /** Per-class loss weight (e.g. to train for balanced classes); undefined weighs every example 1. */
  classWeights?: Float64Array;
}

export const DEFAULT_SOFTMAX: SoftmaxOptions = {
  epochs: 15,
  learningRate: 0.05,
  l2: 1e-6,
  seed: 1,
  gradientTolerance: 1e-3,
  averageFrom: 1,
};

/**
 * Multinomial logistic regression over sparse rows; weights are row-major [feature][class]. A model loaded
 * for prediction only may hold them as bytes (`packed`, `weights` then empty).
 */
export interface LinearModel {
  numFeatures: number;
  numClasses: number;
  weights: Float32Array;
  packed?: Int8Rows;
  bias: Float32Array;
}

export function logitsOf(
  model: LinearModel,
  x: SparseVector,
  out = new Float64Array(model.numClasses),
): Float64Array {
  const C = model.numClasses;
  const W = model.weights;
  for (let c = 0; c < C; c++) out[c] = model.bias[c]!;
  const packed = model.packed;
  if (packed) {
    for (let k = 0; k < x.idx.length; k++) addScaledRow(packed, x.idx[k]!, x.val[k]!, out);
    return out;
  }
  for (let k = 0; k < x.idx.length; k++) {
    const off = x.idx[k]! * C;
    const v = x.val[k]!;
    for (let c = 0; c < C; c++) out[c]! += v * W[off + c]!;
  }
  return out;
}

/** In-place softmax of `z / temperature`; returns the array. */
export function softmaxInPlace(z: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (let c = 0; c < z.length; c++) if (z[c]! > max) max = z[c]!;
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    const e = exp((z[c]! - max) / temperature);
    z[c] = e;
    sum += e;
  }
  for (let c = 0; c < z.length; c++) z[c]! /= sum;
  return z;
}

/** Trains with per-example AdaGrad over a seeded shuffle each epoch. */
export function trainSoftmax(
  rows: SparseVector[],
  labels: Int32Array,
  numFeatures: number,
  numClasses: number,
  options: Partial<SoftmaxOptions> = {},
): LinearModel {
  const opts = { ...DEFAULT_SOFTMAX, ...options };
  if (rows.length !== labels.length) throw new Error(`${rows.length} rows but ${labels.length} labels`);
  const C = numClasses;
  const model: LinearModel = {
    numFeatures,
    numClasses,
    weights: new Float32Array(numFeatures * C),
    bias: new Float32Array(C),
  };
  const W = model.weights;
  const b = model.bias;
  const G = new Float32Array(numFeatures * C);
  const Gb = new Float32Array(C);
  const p = new Float64Array(C);
  const active = new Int32Array(C);
  const order = Int32Array.from(rows, (_, i) => i);
  const random = mulberry32(opts.seed);
  const { learningRate: lr, l2, gradientTolerance: tol } = opts;
  const firstAveraged = Math.min(opts.epochs - 1, Math.floor(opts.averageFrom * opts.epochs));
  const sumW = firstAveraged < opts.epochs - 1 ? new Float32Array(W.length) : undefined;
  const sumB = new Float32Array(C);
  let snapshots = 0;

  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const r of order) {
      const x = rows[r]!;
      const y = labels[r]!;
      softmaxInPlace(logitsOf(model, x, p));
      p[y]! -= 1;
      if (opts.classWeights) {
        const w = opts.classWeights[y]!;
        for (let c = 0; c < C; c++) p[c]! *= w;
      }
      let nActive = 0;
      for (let c = 0; c < C; c++) if (abs(p[c]!) > tol) active[nActive++] = c;
      for (let a = 0; a < nActive; a++) {
        const c = active[a]!;
        const grad = p[c]!;
        Gb[c]! += grad * grad;
        b[c]! -= (lr * grad) / sqrt(Gb[c]!);
      }
      for (let k = 0; k < x.idx.length; k++) {
        const off = x.idx[k]! * C;
        const v = x.val[k]!;
        for (let a = 0; a < nActive; a++) {
          const j = off + active[a]!;
          const grad = v * p[active[a]!]! + l2 * W[j]!;
          const acc = G[j]! + grad * grad;
          G[j] = acc;
          if (acc > 0) W[j]! -= (lr * grad) / sqrt(acc);
        }
      }
    }
    if (sumW && epoch >= firstAveraged) {
      for (let j = 0; j < W.length; j++) sumW[j]! += W[j]!;
      for (let c = 0; c < C; c++) sumB[c]! += b[c]!;
      snapshots++;
    }
  }
  if (sumW) {
    for (let j = 0; j < W.length; j++) W[j] = sumW[j]! / snapshots;
    for (let c = 0; c < C; c++) b[c] = sumB[c]! / snapshots;
  }
  return model;
}
