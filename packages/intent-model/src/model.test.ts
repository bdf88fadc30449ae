import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadWordVectors } from '@parley/word-vectors';
import { OUT_OF_SCOPE, readJsonl, type Example } from './data.js';
import { evaluateRouter } from './evaluate.js';
import { loadModel, saveModel } from './format.js';
import { trainIntentModel } from './model.js';
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

    const dir = await mkdtemp(path.join(tmpdir(), 'intent-model-'));
    const file = path.join(dir, 'model.bin');
    await saveModel(model, file);
    const loaded = await loadModel(file);
    for (const e of val.slice(0, 50)) expect(loaded.predict(e.text)).toEqual(model.predict(e.text));

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
});
