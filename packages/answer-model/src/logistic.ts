// Binary logistic regression on a handful of standardised signals, fitted by projected gradient descent on
// the mean log loss plus an L2 penalty. Signals whose direction is `up` keep a non-negative weight: with a
// few hundred examples a noisy stretch could otherwise teach the model that a weaker retrieval match makes
// an answer more likely right.
import type { Direction } from './signals.js';

export interface LinearFit {
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

export interface FitOptions {
  /** L2 penalty on the standardised weights (not the bias). */
  l2: number;
}

export const DEFAULT_FIT: FitOptions = { l2: 0.05 };

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The linear score (log-odds before calibration) of one signal vector. */
export function logit(fit: LinearFit, x: readonly number[]): number {
  let z = fit.bias;
  for (let j = 0; j < x.length; j++) z += fit.weights[j]! * ((x[j]! - fit.mean[j]!) / fit.scale[j]!);
  return z;
}

function standardise(rows: readonly (readonly number[])[], dims: number) {
  const mean = new Array<number>(dims).fill(0);
  const scale = new Array<number>(dims).fill(0);
  for (const r of rows) for (let j = 0; j < dims; j++) mean[j]! += r[j]! / rows.length;
  for (const r of rows) for (let j = 0; j < dims; j++) scale[j]! += (r[j]! - mean[j]!) ** 2 / rows.length;
  // A signal constant in the data (all answers from records, say) gets scale 1 and, with L2, weight 0.
  return { mean, scale: scale.map((v) => (v > 1e-12 ? Math.sqrt(v) : 1)) };
}

/** Solves A·x = b for a small symmetric positive definite A (Gaussian elimination with partial pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= m[r]![k]! * x[k]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

/**
 * Newton's method on the penalised mean log loss over the `free` coefficients (index `dims` is the bias);
 * the others stay 0. The L2 term keeps the Hessian positive definite, so a few steps converge.
 */
function newton(
  xs: number[][],
  labels: readonly number[],
  free: number[],
  l2: number,
  start: number[],
): number[] {
  const dims = start.length - 1;
  const beta = [...start];
  const n = xs.length;
  const at = (x: number[], j: number) => (j === dims ? 1 : x[j]!);
  for (let it = 0; it < 50; it++) {
    const g = free.map(() => 0);
    const h = free.map(() => free.map(() => 0));
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      let z = beta[dims]!;
      for (let j = 0; j < dims; j++) z += beta[j]! * x[j]!;
      const p = sigmoid(z);
      const w = Math.max(p * (1 - p), 1e-9) / n;
      const err = (p - labels[i]!) / n;
      free.forEach((j, a) => {
        g[a]! += err * at(x, j);
        free.forEach((k, b) => (h[a]![b]! += w * at(x, j) * at(x, k)));
      });
    }
    free.forEach((j, a) => {
      if (j === dims) {
        h[a]![a]! += 1e-9;
        return;
      }
      g[a]! += l2 * beta[j]!;
      h[a]![a]! += l2;
    });
    const step = solve(h, g);
    let moved = 0;
    free.forEach((j, a) => {
      beta[j]! -= step[a]!;
      moved += Math.abs(step[a]!);
    });
    if (moved < 1e-10) break;
  }
  return beta;
}

/**
 * Fits weights and bias to `rows` (signal vectors) and `labels` (1 = the answer was right). Deterministic.
 * Signals that may only raise the probability are held to non-negative weights by an active set: fit, pin
 * the most negative such weight to 0, fit the rest again, until none is negative.
 */
export function fitLogistic(
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  directions: readonly Direction[],
  opts: FitOptions = DEFAULT_FIT,
): LinearFit {
  if (rows.length === 0) throw new Error('cannot fit an answer model to no examples');
  const dims = directions.length;
  const { mean, scale } = standardise(rows, dims);
  const xs = rows.map((r) => r.map((v, j) => (v - mean[j]!) / scale[j]!));
  const free = Array.from({ length: dims + 1 }, (_, j) => j);
  let beta = new Array<number>(dims + 1).fill(0);
  for (;;) {
    beta = newton(xs, labels, free, opts.l2, beta);
    let worst = -1;
    for (const j of free)
      if (j < dims && directions[j] === 'up' && beta[j]! < 0 && (worst < 0 || beta[j]! < beta[worst]!))
        worst = j;
    if (worst < 0) break;
    beta[worst] = 0;
    free.splice(free.indexOf(worst), 1);
  }
  return { mean, scale, weights: beta.slice(0, dims), bias: beta[dims]! };
}
