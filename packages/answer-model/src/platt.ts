// Platt scaling: p = σ(a·z + b) fitted to held-out scores, with Platt's smoothed targets so that a few
// hundred examples cannot make the model certain. `a` is kept positive: a calibration that reversed the
// order of the scores would mean the model is worse than useless, and is refused.
import { sigmoid } from './logistic.js';

export interface Platt {
  a: number;
  b: number;
}

/** Fits (a, b) to held-out scores `z` and labels (1 = right) by Newton's method on the log loss. */
export function fitPlatt(z: readonly number[], labels: readonly number[]): Platt {
  const pos = labels.filter((y) => y === 1).length;
  const neg = labels.length - pos;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  const t = labels.map((y) => (y === 1 ? hi : lo));
  let a = 1;
  let b = 0;
  for (let it = 0; it < 100; it++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    z.forEach((zi, i) => {
      const p = sigmoid(a * zi + b);
      const d = p - t[i]!;
      const w = p * (1 - p);
      ga += d * zi;
      gb += d;
      haa += w * zi * zi;
      hab += w * zi;
      hbb += w;
    });
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-10) break;
  }
  if (!(a > 0))
    throw new Error(
      `calibration reversed the model's scores (a = ${a.toFixed(3)}): the signals do not rank answers`,
    );
  return { a, b };
}

export const calibrated = (p: Platt, z: number) => sigmoid(p.a * z + p.b);
