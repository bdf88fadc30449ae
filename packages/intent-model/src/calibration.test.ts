import { describe, expect, it } from '@jest/globals';
import { fitTemperature } from './calibration.js';
import { expectedCalibrationError } from './metrics.js';
import { mulberry32 } from './rng.js';
import { softmaxInPlace } from './softmax.js';

/**
 * Labels drawn from softmax(z) with logits reported as 3z: a classifier three times too confident.
 * Temperature scaling should recover T close to 3 and cut the calibration error.
 */
function overconfident(n: number, seed: number): { logits: Float64Array[]; labels: number[] } {
  const random = mulberry32(seed);
  const logits: Float64Array[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const z = Float64Array.from({ length: 4 }, () => random() * 3);
    const p = softmaxInPlace(Float64Array.from(z));
    let u = random();
    let y = 0;
    while (y < 3 && u > p[y]!) u -= p[y++]!;
    labels.push(y);
    logits.push(z.map((v) => v * 3));
  }
  return { logits, labels };
}

function ece(logits: Float64Array[], labels: number[], temperature: number): number {
  const conf: number[] = [];
  const correct: boolean[] = [];
  logits.forEach((z, i) => {
    const p = softmaxInPlace(Float64Array.from(z), temperature);
    const top = p.indexOf(Math.max(...p));
    conf.push(p[top]!);
    correct.push(top === labels[i]);
  });
  return expectedCalibrationError(conf, correct);
}

describe('temperature scaling', () => {
  it('recovers the over-confidence factor and lowers ECE on held-out data', () => {
    const fit = overconfident(4000, 1);
    const t = fitTemperature(fit.logits, fit.labels);
    expect(t).toBeGreaterThan(2.6);
    expect(t).toBeLessThan(3.4);
    const held = overconfident(4000, 2);
    expect(ece(held.logits, held.labels, t)).toBeLessThan(ece(held.logits, held.labels, 1) / 3);
  });
});
