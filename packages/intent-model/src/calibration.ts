import { softmaxInPlace } from './softmax.js';

/** Mean negative log-likelihood of `labels` under softmax(logits / temperature); logits are rows of C. */
export function nll(logits: Float64Array[], labels: ArrayLike<number>, temperature: number): number {
  let total = 0;
  const p = new Float64Array(logits[0]?.length ?? 0);
  logits.forEach((z, i) => {
    p.set(z);
    softmaxInPlace(p, temperature);
    total -= Math.log(Math.max(p[labels[i]!]!, 1e-300));
  });
  return total / Math.max(logits.length, 1);
}

/**
 * Temperature scaling (Guo et al. 2017): the single T minimising validation NLL, by golden-section search on
 * log T. NLL is unimodal in T for a fixed set of logits, so the search finds the optimum.
 */
export function fitTemperature(
  logits: Float64Array[],
  labels: ArrayLike<number>,
  range: [number, number] = [0.05, 20],
): number {
  let lo = Math.log(range[0]);
  let hi = Math.log(range[1]);
  const phi = (Math.sqrt(5) - 1) / 2;
  const f = (logT: number) => nll(logits, labels, Math.exp(logT));
  let x1 = hi - phi * (hi - lo);
  let x2 = lo + phi * (hi - lo);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let i = 0; i < 60 && hi - lo > 1e-4; i++) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - phi * (hi - lo);
      f1 = f(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + phi * (hi - lo);
      f2 = f(x2);
    }
  }
  return Math.exp((lo + hi) / 2);
}
