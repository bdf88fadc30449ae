import { describe, expect, it } from '@jest/globals';
import { trainIntentModel } from '@parley/intent-model';
import { robustness } from './robustness.js';
import { PERTURBATIONS } from './perturb.js';

const train = [
  ['where is my parcel', 'order_status'],
  ['has my order shipped yet', 'order_status'],
  ['when will my package arrive', 'order_status'],
  ['tracking number for my order', 'order_status'],
  ['i want to return these shoes', 'return_request'],
  ['how do i send this item back', 'return_request'],
  ['return the jacket for a refund', 'return_request'],
  ['start a return for my order', 'return_request'],
].map(([text, intent]) => ({ text: text!, intent: intent! }));
const val = [
  { text: 'is my parcel on its way', intent: 'order_status' },
  { text: 'can i return the boots', intent: 'return_request' },
];
const test = [
  { text: 'where is my order', intent: 'order_status' },
  { text: 'has the parcel shipped', intent: 'order_status' },
  { text: 'i want to return my order', intent: 'return_request' },
  { text: 'send the shoes back', intent: 'return_request' },
];
const options = {
  sifScale: 0,
  tfidf: { wordNgrams: [1], charNgrams: [3, 4], minDf: 1, charWeight: 1 },
};

describe('robustness', () => {
  it('scores the clean texts and every perturbation, with drops in points, the same each run', () => {
    const model = trainIntentModel(train, val, undefined, options);
    const report = robustness(model, test, 1);
    expect(report.clean).toBe(1);
    // One entry per perturbation kind, in the order they are defined.
    expect(Object.keys(report.perturbed)).toEqual([...PERTURBATIONS]);
    for (const { accuracy, drop } of Object.values(report.perturbed)) {
      expect(drop).toBeCloseTo((report.clean - accuracy) * 100, 5);
    }
    expect(report.perturbed.casing.drop).toBe(0);
    expect(report.maxDrop).toBe(
      Math.max(
        ...['typo', 'casing', 'politeness', 'signoff', 'context', 'typography'].map(
          (k) => report.perturbed[k as 'typo'].drop,
        ),
      ),
    );
    expect(robustness(model, test, 1)).toEqual(report);
  });

  it('shows what the normaliser saves: courtesy and sign-offs cost a raw-text model accuracy', () => {
    const raw = trainIntentModel(train, val, undefined, { ...options, normalise: false });
    const normalised = trainIntentModel(train, val, undefined, options);
    const wrapped = robustness(raw, test, 1).perturbed;
    const read = robustness(normalised, test, 1).perturbed;
    expect(read.signoff.drop + read.politeness.drop).toBeLessThanOrEqual(
      wrapped.signoff.drop + wrapped.politeness.drop,
    );
    expect(read.politeness.drop).toBe(0);
    expect(read.signoff.drop).toBe(0);
  });
});
