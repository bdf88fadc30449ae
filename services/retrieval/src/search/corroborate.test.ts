import { describe, expect, it } from '@jest/globals';
import type { SearchResult } from '@parley/knowledge';
import { besideRequest, corroborated, strongest } from './corroborate.js';

function result(articleId: string, section: string, confidence: number): SearchResult {
  return {
    chunk: { id: `${articleId}#${section}`, articleId, section, title: articleId, text: section },
    confidence,
    scores: { bm25: 0, dense: null, fused: confidence, rerank: null },
    ranks: { bm25: null, dense: null, fused: 0, rerank: null },
  } as unknown as SearchResult;
}

const whole = {
  results: [result('shipping', 'costs', 0.24), result('returns', 'window', 0.2)],
  sectionVotes: new Map([['shipping#costs', 0.4]]),
  margin: 0.3,
  intentPrior: false,
};

describe('corroborated', () => {
  it('lifts the match figures to the question search when both lead with the same article', () => {
    const questions = {
      results: [result('shipping', 'methods', 0.34), result('tax', 'rates', 0.1)],
      sectionVotes: new Map([
        ['shipping#costs', 0.9],
        ['shipping#methods', 0.5],
      ]),
      margin: 0.7,
    };
    const out = corroborated(whole, questions);
    expect(out.corroborated).toBe(true);
    expect(out.topScore).toBeCloseTo(0.34);
    expect(out.margin).toBeCloseTo(0.7);
    expect(out.sectionVotes).toEqual(
      new Map([
        ['shipping#costs', 0.9],
        ['shipping#methods', 0.5],
      ]),
    );
    // The passages and the rest of the whole message's search are its own.
    expect(out.results).toBe(whole.results);
    expect(out.intentPrior).toBe(false);
  });

  it('never lowers a figure', () => {
    const weaker = { results: [result('shipping', 'costs', 0.1)], sectionVotes: new Map(), margin: 0.1 };
    const out = corroborated(whole, weaker);
    expect(out.topScore).toBeCloseTo(0.24);
    expect(out.margin).toBeCloseTo(0.3);
    expect(out.sectionVotes.get('shipping#costs')).toBeCloseTo(0.4);
  });

  it("keeps the whole message's figures when the searches lead with different articles, or there is no second", () => {
    const other = { results: [result('returns', 'window', 0.9)], sectionVotes: new Map(), margin: 0.9 };
    for (const questions of [other, undefined]) {
      const out = corroborated(whole, questions);
      expect(out.corroborated).toBe(false);
      expect(out.topScore).toBeCloseTo(0.24);
      expect(out.margin).toBeCloseTo(0.3);
    }
    const empty = { ...whole, results: [] };
    expect(corroborated(empty, other).corroborated).toBe(false);
  });
});

describe('besideRequest', () => {
  it("leads with the question's passages and match figures, the whole message's others after them", () => {
    const question = {
      results: [result('refunds', 'timing', 0.6), result('returns', 'window', 0.5)],
      sectionVotes: new Map([['refunds#timing', 0.8]]),
      margin: 0.5,
    };
    const out = besideRequest(whole, question);
    expect(out.results.map((r) => r.chunk.id)).toEqual([
      'refunds#timing',
      'returns#window',
      'shipping#costs',
    ]);
    expect(out.topScore).toBeCloseTo(0.6);
    expect(out.margin).toBeCloseTo(0.5);
    expect(out.corroborated).toBe(false);
    expect(out.sectionVotes).toEqual(
      new Map([
        ['shipping#costs', 0.4],
        ['refunds#timing', 0.8],
      ]),
    );
    expect(out.intentPrior).toBe(false);
  });

  it('keeps a weaker question search as it is: its figures are those of the quote', () => {
    const weak = { results: [result('refunds', 'timing', 0.1)], sectionVotes: new Map(), margin: 0.05 };
    const out = besideRequest(whole, weak);
    expect(out.topScore).toBeCloseTo(0.1);
    expect(out.margin).toBeCloseTo(0.05);
  });

  it('carries no more passages than the contract allows', () => {
    const many = (prefix: string) =>
      Array.from({ length: 40 }, (_, i) => result(prefix, `s${i}`, 0.5 - i / 100));
    const out = besideRequest(
      { ...whole, results: many('a') },
      { results: many('b'), sectionVotes: new Map(), margin: 0 },
    );
    expect(out.results).toHaveLength(50);
    expect(out.results[0]!.chunk.articleId).toBe('b');
  });
});

describe('strongest', () => {
  it("keeps each key's stronger vote", () => {
    expect(
      strongest(
        new Map([
          ['a', 0.2],
          ['b', 0.9],
        ]),
        new Map([
          ['a', 0.5],
          ['c', 0.1],
        ]),
      ),
    ).toEqual(
      new Map([
        ['a', 0.5],
        ['b', 0.9],
        ['c', 0.1],
      ]),
    );
  });
});
