import { describe, it, expect } from '@jest/globals';
import { loadLabelledIntents, parseLabelledIntents } from './intents.js';
import { INTENTS } from './taxonomy.js';

/** Case, punctuation and spacing do not make two customer messages different. */
const normalise = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9#]+/g, ' ')
    .trim();

function countBy<T>(items: T[], key: (t: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

describe('labelled demo-store intents', () => {
  it('covers every intent with at least 45 examples, about 35 train and 10 test', async () => {
    const [train, test] = await Promise.all([loadLabelledIntents('train'), loadLabelledIntents('test')]);
    const trainCounts = countBy(train, (r) => r.intent);
    const testCounts = countBy(test, (r) => r.intent);
    for (const intent of INTENTS) {
      const inTrain = trainCounts.get(intent) ?? 0;
      const inTest = testCounts.get(intent) ?? 0;
      expect({ intent, total: inTrain + inTest >= 45, train: inTrain >= 33, test: inTest >= 10 }).toEqual({
        intent,
        total: true,
        train: true,
        test: true,
      });
    }
  });

  it('has no text twice, within or across the splits', async () => {
    const [train, test] = await Promise.all([loadLabelledIntents('train'), loadLabelledIntents('test')]);
    const trainTexts = new Set(train.map((r) => normalise(r.text)));
    expect(trainTexts.size).toBe(train.length);
    expect(new Set(test.map((r) => normalise(r.text))).size).toBe(test.length);
    expect(test.filter((r) => trainTexts.has(normalise(r.text))).map((r) => r.text)).toEqual([]);
  });

  it('includes order ids and long multi-sentence messages, not only short queries', async () => {
    const all = [...(await loadLabelledIntents('train')), ...(await loadLabelledIntents('test'))];
    expect(all.filter((r) => /#?W\d{7}/.test(r.text)).length).toBeGreaterThanOrEqual(40);
    expect(all.filter((r) => r.text.split(/[.!?]+\s/).length >= 2).length).toBeGreaterThanOrEqual(100);
    expect(all.filter((r) => r.text.split(/\s+/).length <= 4).length).toBeGreaterThanOrEqual(20);
  });
});

describe('parseLabelledIntents', () => {
  it('reads one example per line and skips blank lines', () => {
    expect(
      parseLabelledIntents('x.jsonl', '{"text":"where is my parcel","intent":"order_status"}\n\n'),
    ).toEqual([{ text: 'where is my parcel', intent: 'order_status' }]);
  });

  it('names the file and line of a bad example', () => {
    const good = '{"text":"hi","intent":"out_of_scope"}';
    expect(() => parseLabelledIntents('x.jsonl', `${good}\n{"text":"hi","intent":"weather"}`)).toThrow(
      /^x\.jsonl:2: intent:/,
    );
    expect(() => parseLabelledIntents('x.jsonl', `${good}\n${good}\n{"text":`)).toThrow(
      /^x\.jsonl:3: invalid JSON/,
    );
    expect(() => parseLabelledIntents('x.jsonl', '{"text":"  ","intent":"payment"}')).toThrow(
      /^x\.jsonl:1: text:/,
    );
  });
});
