import { describe, expect, it } from '@jest/globals';
import { calibration, chooseThreshold, curve, operatingPoint } from './metrics.js';
import { AnswerModel } from './model.js';
import { SIGNAL_NAMES } from './signals.js';
import type { Example } from './train.js';
import { crossValidated, DEFAULT_TRAIN, foldsOf, trainAnswerModel } from './train.js';

/** A small deterministic generator (LCG), so the synthetic sets are the same on every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Synthetic answers whose chance of being right rises with coverage and lead margin and falls for nothing
 * else: P(right) = σ(8·coverage + 4·lead − 5).
 */
function synthetic(n: number, seed = 1): Example[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const signals: Record<string, number> = Object.fromEntries(SIGNAL_NAMES.map((s) => [s, 0]));
    signals.helpCoverage = r();
    signals.helpLeadMargin = r();
    signals.confidence = r();
    signals.sentiment = r() * 2 - 1;
    const p = 1 / (1 + Math.exp(-(8 * signals.helpCoverage + 4 * signals.helpLeadMargin - 5)));
    return { id: `x-${String(i).padStart(4, '0')}`, signals, good: r() < p };
  });
}

describe('foldsOf', () => {
  it('deals each outcome round-robin in id order, so folds are stratified and repeatable', () => {
    const ids = ['d', 'a', 'c', 'b', 'e', 'f'];
    const labels = [1, 1, 0, 1, 0, 1];
    expect(foldsOf(ids, labels, 2)).toEqual([0, 0, 0, 1, 1, 1]);
  });
});

describe('trainAnswerModel', () => {
  const examples = synthetic(600);
  const { model, report } = trainAnswerModel(examples);

  it('learns the signals that matter, keeps rising signals non-negative, and is repeatable', () => {
    const w = Object.fromEntries(model.signals.map((s, j) => [s, model.weights[j]!]));
    expect(w.helpCoverage).toBeGreaterThan(1);
    expect(w.helpLeadMargin).toBeGreaterThan(0.5);
    expect(Math.abs(w.sentiment!)).toBeLessThan(0.3);
    for (const name of ['helpTopScore', 'helpAnswered', 'ownOrderStatus', 'confidence'])
      expect(w[name]).toBeGreaterThanOrEqual(0);
    expect(trainAnswerModel(examples).model).toEqual(model);
  });

  it('is calibrated on answers it did not see', () => {
    const fresh = synthetic(2000, 7);
    const m = new AnswerModel(model);
    const scored = fresh.map((e) => ({ p: m.predict(e.signals).probability, good: e.good ? 1 : 0 }));
    expect(calibration(scored).ece).toBeLessThan(0.05);
    expect(report.crossValidated.ece).toBeLessThan(0.08);
    expect(report.crossValidated.auroc).toBeGreaterThan(0.8);
  });

  it('draws the threshold where cross-validated answers meet the target bad-answer rate', () => {
    const cv = report.crossValidated.atThreshold;
    expect(cv.badRate).toBeLessThanOrEqual(DEFAULT_TRAIN.targetBadRate);
    expect(cv.sent).toBeGreaterThan(0);
    expect(model.threshold).toBeLessThanOrEqual(cv.threshold);
    // A looser target sends more.
    const loose = trainAnswerModel(examples, { ...DEFAULT_TRAIN, targetBadRate: 0.1 });
    expect(loose.report.crossValidated.atThreshold.sent).toBeGreaterThan(cv.sent);
    expect(loose.model.threshold).toBeLessThan(model.threshold);
  });

  it('scores every example out of fold', () => {
    const scored = crossValidated(examples);
    expect(scored).toHaveLength(examples.length);
    expect(scored.every((s) => s.p > 0 && s.p < 1)).toBe(true);
  });

  it('needs right and wrong answers', () => {
    const allRight = examples.map((e) => ({ ...e, good: true }));
    expect(() => trainAnswerModel(allRight)).toThrow('need right and wrong answers');
  });
});

describe('metrics', () => {
  const scored = [
    { p: 0.95, good: 1 },
    { p: 0.9, good: 1 },
    { p: 0.8, good: 0 },
    { p: 0.7, good: 1 },
    { p: 0.2, good: 0 },
  ];

  it('chooses the lowest threshold whose answers meet the target', () => {
    expect(chooseThreshold(scored, 0)).toMatchObject({ threshold: 0.9, sent: 2, bad: 0 });
    expect(chooseThreshold(scored, 0.25)).toMatchObject({ threshold: 0.7, sent: 4, bad: 1 });
    expect(chooseThreshold([{ p: 0.9, good: 0 }], 0)).toMatchObject({ threshold: 1, sent: 0 });
  });

  it('gives the operating point and the curve, strictest first', () => {
    expect(operatingPoint(scored, 0.75)).toEqual({
      threshold: 0.75,
      sent: 3,
      good: 2,
      bad: 1,
      badRate: 0.3333,
    });
    expect(curve(scored).map((p) => p.sent)).toEqual([1, 2, 3, 4, 5]);
  });

  it('measures calibration: a perfectly calibrated set has no error', () => {
    const perfect = [
      ...Array.from({ length: 4 }, (_, i) => ({ p: 0.25, good: i === 0 ? 1 : 0 })),
      ...Array.from({ length: 4 }, (_, i) => ({ p: 0.75, good: i === 0 ? 0 : 1 })),
    ];
    expect(calibration(perfect)).toMatchObject({ ece: 0, auroc: 0.75 });
    expect(calibration(perfect).bins).toEqual([
      { from: 0.2, n: 4, meanP: 0.25, observed: 0.25 },
      { from: 0.7, n: 4, meanP: 0.75, observed: 0.75 },
    ]);
  });
});
