import { describe, expect, it } from '@jest/globals';
import { trainIntentModel } from '@parley/intent-model';
import { LocalModelClassifier } from './local-model.js';

const train = [
  ['where is my parcel', 'order_status'],
  ['has my order shipped', 'order_status'],
  ['when will my package come', 'order_status'],
  ['i want to return these shoes', 'return_request'],
  ['how do i send this back', 'return_request'],
  ['return the jacket please', 'return_request'],
  // "brown" means something here, which is why a customer named Brown must not be read as a word.
  ['return the brown boots', 'return_request'],
  ['send back the brown bag', 'return_request'],
].map(([text, intent]) => ({ text: text!, intent: intent! }));
const val = [
  { text: 'is my parcel on its way', intent: 'order_status' },
  { text: 'can i return the boots', intent: 'return_request' },
];

describe('LocalModelClassifier', () => {
  it("does not read the sender's name as part of the request", async () => {
    const model = trainIntentModel(train, val, undefined, {
      sifScale: 0,
      tfidf: { wordNgrams: [1], charNgrams: [3, 4], minDf: 1, charWeight: 1 },
    });
    const classifier = new LocalModelClassifier(model);
    const named = await classifier.classify('Mason Brown here, where is my parcel', {
      names: ['Mason Brown'],
    });
    expect(named).toEqual(await classifier.classify('here, where is my parcel'));
    expect(named).not.toEqual(await classifier.classify('Mason Brown here, where is my parcel'));
  });
});
