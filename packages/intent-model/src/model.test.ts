import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NORMALISER_VERSION } from '@parley/wording';
import { loadWordVectors } from '@parley/word-vectors';
import { OUT_OF_SCOPE, readJsonl, type Example } from './data.js';
import { evaluateRouter } from './evaluate.js';
import { decodeModel, encodeModel, loadModel, saveModel } from './format.js';
import { IntentModel, trainIntentModel } from './model.js';
import { intentSetFile } from './sets.js';

/**
 * A slice of Banking77: 15 intents are in scope; the validation queries of 5 other intents are relabelled
 * out_of_scope, which exercises the rejection threshold on real text.
 */
async function slice(): Promise<{ train: Example[]; val: Example[] }> {
  const [train, val] = await Promise.all([
    readJsonl(intentSetFile('banking77', 'train')),
    readJsonl(intentSetFile('banking77', 'val')),
  ]);
  const intents = [...new Set(train.map((e) => e.intent))].sort();
  const inScope = new Set(intents.slice(0, 15));
  const outside = new Set(intents.slice(40, 45));
  return {
    train: train.filter((e) => inScope.has(e.intent)),
    val: val
      .filter((e) => inScope.has(e.intent) || outside.has(e.intent))
      .map((e) => (outside.has(e.intent) ? { ...e, intent: OUT_OF_SCOPE } : e)),
  };
}

describe('intent model on real data', () => {
  it('trains, predicts, rejects out-of-scope queries, and survives a save/load round trip', async () => {
    const { train, val } = await slice();
    const vectors = await loadWordVectors();
    const model = trainIntentModel(train, val, vectors, {
      softmax: { epochs: 8 },
      mlp: { hidden: 64, epochs: 2 },
    });

    const inScope = val.filter((e) => e.intent !== OUT_OF_SCOPE);
    const right = inScope.filter((e) => model.predict(e.text).intent === e.intent).length;
    expect(right / inScope.length).toBeGreaterThan(0.85);
    const metrics = evaluateRouter(model, val, val);
    expect(metrics.auroc!).toBeGreaterThan(0.8);
    expect(metrics.oosRecall!).toBeGreaterThanOrEqual(0.8);

    const p = model.predict('I still have not received my new card, when will it arrive?');
    expect(p.intent).toBe('card_arrival');
    expect(p.outOfScope).toBe(false);
    expect(p.confidence).toBe(p.ranked[0]!.p);
    expect(p.ranked.map((r) => r.p)).toEqual([...p.ranked.map((r) => r.p)].sort((a, b) => b - a));
    expect(p.ranked.some((r) => r.intent === OUT_OF_SCOPE)).toBe(false);

    // With word vectors, a misspelling is mended to the training word; a real word is not.
    expect(model.parts.mendSpelling).toBe(true);
    expect(model.prepare('when will my new crad arive')).toBe('when will my new card arrive');
    expect(model.predict('when will my new crad arive')).toEqual(
      model.predict('when will my new card arrive'),
    );

    const dir = await mkdtemp(path.join(tmpdir(), 'intent-model-'));
    const file = path.join(dir, 'model.bin');
    await saveModel(model, file);
    const loaded = await loadModel(file);
    expect(loaded.prepare('when will my new crad arive')).toBe('when will my new card arrive');
    for (const e of val.slice(0, 50)) expect(loaded.predict(e.text)).toEqual(model.predict(e.text));

    // Read for prediction only, the per-feature weights are bytes: the same as packing the trained model,
    // and within a small distance of the float model's probabilities.
    const bytesRead = new IntentModel(decodeModel(await readFile(file), file, { int8: true }), vectors);
    const packed = model.packed();
    expect(bytesRead.parts.linear.packed?.q).toEqual(packed.parts.linear.packed?.q);
    expect(bytesRead.parts.mlp?.packedW1?.q.length).toBe(model.parts.mlp!.w1.length);
    expect(bytesRead.parts.linear.weights.length).toBe(0);
    let agree = 0;
    for (const e of val) {
      const exact = model.analyse(e.text).probs;
      const small = bytesRead.analyse(e.text).probs;
      expect(packed.analyse(e.text).probs).toEqual(small);
      for (let c = 0; c < exact.length; c++) expect(Math.abs(small[c]! - exact[c]!)).toBeLessThan(0.02);
      if (bytesRead.predict(e.text).intent === model.predict(e.text).intent) agree++;
    }
    expect(agree / val.length).toBeGreaterThan(0.98);
    expect(() => encodeModel(packed.parts)).toThrow('cannot be saved');

    const bytes = await readFile(file);
    bytes.writeUInt32LE(7, 4);
    const future = path.join(dir, 'future.bin');
    await writeFile(future, bytes);
    await expect(loadModel(future)).rejects.toThrow(
      `${future}: intent model format version 7 is not supported`,
    );
    await writeFile(future, 'not a model');
    await expect(loadModel(future)).rejects.toThrow('not an intent model file');
  });

  it('works without word vectors and refuses validation intents it was not trained on', () => {
    const train = [
      { text: 'where is my card', intent: 'card_arrival' },
      { text: 'my card has not arrived', intent: 'card_arrival' },
      { text: 'what is the exchange rate', intent: 'exchange_rate' },
      { text: 'exchange rate for euros', intent: 'exchange_rate' },
    ];
    const val = [
      { text: 'card not arrived yet', intent: 'card_arrival' },
      { text: 'rate to exchange dollars', intent: 'exchange_rate' },
    ];
    const model = trainIntentModel(train, val, undefined, {
      sifScale: 0,
      tfidf: { wordNgrams: [1], charNgrams: [3], minDf: 1, charWeight: 1 },
    });
    expect(model.predict('when will my card arrive').intent).toBe('card_arrival');
    expect(() =>
      trainIntentModel(train, [{ text: 'hello', intent: 'greeting' }], undefined, { sifScale: 0 }),
    ).toThrow('validation intent "greeting" does not occur in the training data');
  });

  it('reads every text through the wording normaliser, in training and in prediction, and records it', async () => {
    const train = [
      { text: 'Hi, where is my card #W1234567? Thanks, Ann', intent: 'card_arrival' },
      { text: 'my card has not arrived', intent: 'card_arrival' },
      { text: 'where is my new card', intent: 'card_arrival' },
      { text: 'Hello team, what is the exchange rate? Best, Tom', intent: 'exchange_rate' },
      { text: 'exchange rate for euros', intent: 'exchange_rate' },
      { text: 'rate for $100 in pounds', intent: 'exchange_rate' },
    ];
    const val = [
      { text: 'card not arrived yet', intent: 'card_arrival' },
      { text: 'rate to exchange dollars', intent: 'exchange_rate' },
    ];
    const options = {
      sifScale: 0,
      tfidf: { wordNgrams: [1, 2], charNgrams: [3], minDf: 1, charWeight: 1 },
    };
    const model = trainIntentModel(train, val, undefined, options);
    expect(model.parts.normaliser).toBe(NORMALISER_VERSION);
    expect(model.prepare('Hi there, is card W7654321 here? Thanks so much! Best, Maria')).toBe(
      'is card orderref here?',
    );
    const bare = model.predict('where is my card #W7654321');
    expect(model.predict('Hi there, where is my card W1111111? Thanks so much!\n\nBest, Maria')).toEqual(
      bare,
    );
    expect(model.predict('Yara Li here: where is my card #W2222222', { names: ['Yara Li'] })).toEqual(
      model.predict('here: where is my card #W2222222'),
    );
    // The tf-idf vocabulary was built from normalised text: no greeting, name or raw order id in it.
    const terms = model.parts.tfidf.terms.filter((t) => t.startsWith('w1:'));
    expect(terms).toContain('w1:orderref');
    expect(terms).not.toContain('w1:w1234567');
    expect(terms).not.toContain('w1:thanks');
    expect(terms).not.toContain('w1:ann');

    const raw = trainIntentModel(train, val, undefined, { ...options, normalise: false });
    expect(raw.parts.normaliser).toBeNull();
    expect(raw.prepare('Hi, card #W1234567')).toBe('Hi, card #W1234567');
    expect(raw.parts.tfidf.terms).toContain('w1:thanks');

    const dir = await mkdtemp(path.join(tmpdir(), 'intent-model-'));
    const file = path.join(dir, 'model.bin');
    await saveModel(model, file);
    expect((await loadModel(file)).parts.normaliser).toBe(NORMALISER_VERSION);
    // A version 2 file predates the normaliser: it reads raw text, as it was trained.
    const v2 = encodeModel(raw.parts);
    v2.writeUInt32LE(2, 4);
    await writeFile(file, v2);
    expect((await loadModel(file)).prepare('Hi, card #W1234567')).toBe('Hi, card #W1234567');
    await writeFile(file, encodeModel({ ...model.parts, normaliser: 'wording-0' }));
    await expect(loadModel(file)).rejects.toThrow(
      `${file}: model reads text through normaliser wording-0, this code has ${NORMALISER_VERSION}; retrain the model`,
    );
  });
});
