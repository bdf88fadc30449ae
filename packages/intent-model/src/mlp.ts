import { addScaledRow, type Int8Rows } from './int8-rows.js';
import { mulberry32, shuffleInPlace } from './rng.js';
import { softmaxInPlace } from './softmax.js';
import type { SparseVector } from './tfidf.js';

// Bound once: where the module runs in a vm context (the test runner's), every lookup of the global `Math`
// goes through the context's interceptor, which made training loops many times slower.
const { abs, sqrt } = Math;

export interface MlpOptions {
  hidden: number;
  epochs: number;
  /** AdaGrad base step. */
  learningRate: number;
  /** Half-width of the uniform initialisation of the input layer. */
  initScale: number;
  seed: number;
  /**
   * Drop each non-zero input of a training row with this probability (survivors scaled by 1 / (1 - p)):
   * the sparse analogue of dropping tokens, which keeps the network from leaning on a single n-gram.
   */
  inputDropout: number;
  /** Networks trained with seeds seed, seed + 1, …; their logits are averaged (stored as one wider network). */
  members: number;
  /**
   * Row-wise AdaGrad for the input layer: one accumulator per input feature instead of one per weight, so
   * the update of a feature's row is a plain scaled add (no square root per weight).
   */
  rowwise: boolean;
  /** Output-layer class gradients below this are skipped (as in the linear model). */
  gradientTolerance: number;
  /** Per-class loss weight (e.g. to train for balanced classes); undefined weighs every example 1. */
  classWeights?: Float64Array;
}

export const DEFAULT_MLP: MlpOptions = {
  hidden: 128,
  epochs: 3,
  learningRate: 0.02,
  initScale: 0.05,
  seed: 2,
  inputDropout: 0,
  members: 1,
  rowwise: true,
  gradientTolerance: 1e-3,
};

/**
 * One ReLU hidden layer over the same sparse rows as the linear model. It can learn conjunctions the linear
 * model cannot ("card" with "not arrived"); the two are combined as a product of experts.
 * Input weights are row-major [feature][hidden], output weights [hidden][class]. A model loaded for prediction
 * only may hold the input weights as bytes (`packedW1`, `w1` then empty).
 */
export interface MlpModel {
  numFeatures: number;
  hidden: number;
  numClasses: number;
  w1: Float32Array;
  packedW1?: Int8Rows;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
}

/** Hidden activations into `h`, logits into `out`. */
export function mlpForward(m: MlpModel, x: SparseVector, h: Float64Array, out: Float64Array): Float64Array {
  const H = m.hidden;
  const C = m.numClasses;
  for (let j = 0; j < H; j++) h[j] = m.b1[j]!;
  const packed = m.packedW1;
  if (packed) for (let k = 0; k < x.idx.length; k++) addScaledRow(packed, x.idx[k]!, x.val[k]!, h);
  else
    for (let k = 0; k < x.idx.length; k++) {
      const off = x.idx[k]! * H;
      const v = x.val[k]!;
      for (let j = 0; j < H; j++) h[j]! += v * m.w1[off + j]!;
    }
  for (let c = 0; c < C; c++) out[c] = m.b2[c]!;
  for (let j = 0; j < H; j++) {
    if (h[j]! <= 0) {
      h[j] = 0;
      continue;
    }
    const hj = h[j]!;
    const off = j * C;
    for (let c = 0; c < C; c++) out[c]! += hj * m.w2[off + c]!;
  }
  return out;
}

export function mlpLogits(m: MlpModel, x: SparseVector, out = new Float64Array(m.numClasses)): Float64Array {
  return mlpForward(m, x, new Float64Array(m.hidden), out);
}

/** Trains `members` networks and merges them into one whose logits are their mean. */
export function trainMlp(
  rows: SparseVector[],
  labels: Int32Array,
  numFeatures: number,
  numClasses: number,
  options: Partial<MlpOptions> = {},
): MlpModel {
  const opts = { ...DEFAULT_MLP, ...options };
  if (!(opts.members >= 1)) throw new Error(`mlp members must be at least 1, got ${opts.members}`);
  const nets = Array.from({ length: opts.members }, (_, i) =>
    trainOneMlp(rows, labels, numFeatures, numClasses, { ...opts, seed: opts.seed + i }),
  );
  return nets.length === 1 ? nets[0]! : mergeMlps(nets);
}

/**
 * One network with every member's hidden units side by side and output weights divided by the member count:
 * its logits are exactly the members' mean, so the model file and the scoring path stay the same.
 */
export function mergeMlps(nets: MlpModel[]): MlpModel {
  const first = nets[0]!;
  const F = first.numFeatures;
  const C = first.numClasses;
  const H = nets.reduce((sum, n) => sum + n.hidden, 0);
  const out: MlpModel = {
    numFeatures: F,
    hidden: H,
    numClasses: C,
    w1: new Float32Array(F * H),
    b1: new Float32Array(H),
    w2: new Float32Array(H * C),
    b2: new Float32Array(C),
  };
  const k = 1 / nets.length;
  let base = 0;
  for (const n of nets) {
    if (n.numFeatures !== F || n.numClasses !== C)
      throw new Error('cannot merge networks of different shapes');
    for (let f = 0; f < F; f++) out.w1.set(n.w1.subarray(f * n.hidden, (f + 1) * n.hidden), f * H + base);
    out.b1.set(n.b1, base);
    for (let j = 0; j < n.hidden * C; j++) out.w2[base * C + j] = n.w2[j]! * k;
    for (let c = 0; c < C; c++) out.b2[c]! += n.b2[c]! * k;
    base += n.hidden;
  }
  return out;
}

/** Softmax cross-entropy, per-example AdaGrad, seeded initialisation and shuffles. */
function trainOneMlp(
  rows: SparseVector[],
  labels: Int32Array,
  numFeatures: number,
  numClasses: number,
  opts: MlpOptions,
): MlpModel {
  const H = opts.hidden;
  const C = numClasses;
  const random = mulberry32(opts.seed);
  const outScale = sqrt(6 / (H + C));
  const m: MlpModel = {
    numFeatures,
    hidden: H,
    numClasses: C,
    w1: Float32Array.from({ length: numFeatures * H }, () => (random() * 2 - 1) * opts.initScale),
    b1: new Float32Array(H),
    w2: Float32Array.from({ length: H * C }, () => (random() * 2 - 1) * outScale),
    b2: new Float32Array(C),
  };
  const g1 = new Float32Array(opts.rowwise ? 0 : m.w1.length);
  const gRow = new Float32Array(opts.rowwise ? numFeatures : 0);
  const activeC = new Int32Array(C);
  const activeH = new Int32Array(H);
  const tol = opts.gradientTolerance;
  const gb1 = new Float32Array(H);
  const g2 = new Float32Array(m.w2.length);
  const gb2 = new Float32Array(C);
  const h = new Float64Array(H);
  const p = new Float64Array(C);
  const dh = new Float64Array(H);
  const lr = opts.learningRate;
  const order = Int32Array.from(rows, (_, i) => i);
  const keep = 1 - opts.inputDropout;
  const dropped: SparseVector = { idx: new Int32Array(0), val: new Float32Array(0) };

  // AdaGrad step on one coordinate; skipped for a zero gradient so the accumulator stays positive.
  const step = (w: Float32Array, g: Float32Array, j: number, grad: number) => {
    if (grad === 0) return;
    g[j]! += grad * grad;
    w[j]! -= (lr * grad) / sqrt(g[j]!);
  };

  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const r of order) {
      const x = keep < 1 ? dropInputs(rows[r]!, keep, random, dropped) : rows[r]!;
      softmaxInPlace(mlpForward(m, x, h, p));
      p[labels[r]!]! -= 1;
      if (opts.classWeights) {
        const w = opts.classWeights[labels[r]!]!;
        for (let c = 0; c < C; c++) p[c]! *= w;
      }
      let nActive = 0;
      for (let c = 0; c < C; c++) if (abs(p[c]!) > tol) activeC[nActive++] = c;
      let nHidden = 0;
      let dhNorm = 0;
      for (let j = 0; j < H; j++) {
        dh[j] = 0;
        const hj = h[j]!;
        if (hj === 0) continue;
        const off = j * C;
        let back = 0;
        for (let a = 0; a < nActive; a++) {
          const c = activeC[a]!;
          back += p[c]! * m.w2[off + c]!;
          step(m.w2, g2, off + c, p[c]! * hj);
        }
        dh[j] = back;
        dhNorm += back * back;
        activeH[nHidden++] = j;
      }
      for (let a = 0; a < nActive; a++) step(m.b2, gb2, activeC[a]!, p[activeC[a]!]!);
      for (let j = 0; j < H; j++) step(m.b1, gb1, j, dh[j]!);
      if (opts.rowwise) {
        if (dhNorm === 0) continue;
        const meanSq = dhNorm / H;
        for (let k = 0; k < x.idx.length; k++) {
          const v = x.val[k]!;
          if (v === 0) continue; // no gradient, and an untouched accumulator would divide 0 by 0
          const f = x.idx[k]!;
          const off = f * H;
          const acc = (gRow[f]! += v * v * meanSq);
          const s = (lr * v) / sqrt(acc);
          for (let a = 0; a < nHidden; a++) {
            const j = activeH[a]!;
            m.w1[off + j]! -= s * dh[j]!;
          }
        }
      } else {
        for (let k = 0; k < x.idx.length; k++) {
          const off = x.idx[k]! * H;
          const v = x.val[k]!;
          for (let j = 0; j < H; j++) step(m.w1, g1, off + j, dh[j]! * v);
        }
      }
    }
  }
  return m;
}

/** Keeps each non-zero of `x` with probability `keep`, scaled by 1 / keep, into `out` (buffers reused). */
function dropInputs(x: SparseVector, keep: number, random: () => number, out: SparseVector): SparseVector {
  if (out.idx.length < x.idx.length) {
    out.idx = new Int32Array(x.idx.length * 2);
    out.val = new Float32Array(x.idx.length * 2);
  }
  let n = 0;
  for (let k = 0; k < x.idx.length; k++) {
    if (random() < keep) {
      out.idx[n] = x.idx[k]!;
      out.val[n++] = x.val[k]! / keep;
    }
  }
  return { idx: out.idx.subarray(0, n), val: out.val.subarray(0, n) };
}
