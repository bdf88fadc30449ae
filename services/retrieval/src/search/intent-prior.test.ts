import { describe, expect, it } from '@jest/globals';
import type { SearchResult } from '@parley/knowledge';
import { IntentPrior, leadMargin, rerankByArticle } from './intent-prior.js';

/** A passage whose fused (ranking) score is its confidence plus a little, as the index's are not the same. */
function result(
  articleId: string,
  section: string,
  confidence: number,
  fused = confidence + 0.05,
): SearchResult {
  return {
    chunk: { id: `${articleId}#${section}`, articleId, section, title: articleId, text: section },
    confidence,
    scores: { bm25: 0, dense: null, fused, rerank: null },
    ranks: { bm25: null, dense: null, fused: 0, rerank: null },
  } as unknown as SearchResult;
}
const ids = (rs: SearchResult[]) => rs.map((r) => r.chunk.id);

describe('rerankByArticle', () => {
  const results = [
    result('prices', 'a', 0.4),
    result('prices', 'b', 0.4),
    result('shipping', 'a', 0.35),
    result('returns', 'a', 0.3),
  ];

  it('keeps the order without boosts', () => {
    expect(ids(rerankByArticle(results, new Map(), 10))).toEqual(ids(results));
  });

  it("ranks by the index's fused score, not by confidence", () => {
    // The index ranked 'faq' first on its fused score although its confidence is lower.
    const ranked = [result('faq', 'a', 0.2, 0.9), result('prices', 'a', 0.4, 0.5)];
    expect(ids(rerankByArticle(ranked, new Map(), 10))).toEqual(['faq#a', 'prices#a']);
    expect(ids(rerankByArticle(ranked, new Map([['prices', 0.5]]), 10))).toEqual(['prices#a', 'faq#a']);
  });

  it('lifts a boosted article with its passages together, and leaves confidences alone', () => {
    const out = rerankByArticle(results, new Map([['shipping', 0.1]]), 10);
    expect(ids(out)).toEqual(['shipping#a', 'prices#a', 'prices#b', 'returns#a']);
    expect(out.map((r) => r.confidence)).toEqual([0.35, 0.4, 0.4, 0.3]);
  });

  it('keeps only the first topK passages after reordering', () => {
    expect(ids(rerankByArticle(results, new Map([['returns', 0.5]]), 2))).toEqual(['returns#a', 'prices#a']);
  });
});

describe('leadMargin', () => {
  it("is the leading article's lead over the next one on the ranking score, boosts included", () => {
    const ranked = [result('a', '1', 0.5, 0.9), result('a', '2', 0.4, 0.8), result('b', '1', 0.4, 0.6)];
    expect(leadMargin(ranked, new Map())).toBeCloseTo(0.3);
    expect(leadMargin(ranked, new Map([['b', 0.5]]))).toBeCloseTo(0.2);
    expect(leadMargin([result('a', '1', 0.5, 0.9)], new Map())).toBeCloseTo(0.9);
    expect(leadMargin([], new Map())).toBe(0);
  });
});

describe('IntentPrior', () => {
  const descriptions = new Map([['shipping_info', 'shipping methods costs and delivery times']]);

  it('boosts what the description finds, scaled by weight and confidence', async () => {
    const prior = new IntentPrior(
      descriptions,
      async () => [result('shipping', 'a', 0.8), result('shipping', 'b', 0.6), result('intl', 'a', 0.4)],
      0.5,
    );
    const boosts = await prior.boosts('shipping_info', 0.5, 1);
    expect(boosts.get('shipping')).toBeCloseTo(0.2);
    expect(boosts.get('intl')).toBeCloseTo(0.1);
    expect(await prior.boosts('payment', 0.9, 1)).toEqual(new Map());
  });

  it('applies only with a weight, a described intent, and in scope', () => {
    const on = new IntentPrior(descriptions, async () => [], 0.5);
    expect(on.applies('shipping_info', false)).toBe(true);
    expect(on.applies('shipping_info', true)).toBe(false);
    expect(on.applies('payment', false)).toBe(false);
    expect(new IntentPrior(descriptions, async () => [], 0).applies('shipping_info', false)).toBe(false);
  });

  it('searches each description once per index generation, and again after a change or a failure', async () => {
    let calls = 0;
    let fail = true;
    const prior = new IntentPrior(
      descriptions,
      async () => {
        calls += 1;
        if (fail) throw new Error('index busy');
        return [result('shipping', 'a', 0.8)];
      },
      1,
    );
    await expect(prior.boosts('shipping_info', 1, 1)).rejects.toThrow('index busy');
    fail = false;
    await prior.boosts('shipping_info', 1, 1);
    await prior.boosts('shipping_info', 0.5, 1);
    expect(calls).toBe(2);
    await prior.boosts('shipping_info', 1, 2);
    expect(calls).toBe(3);
  });
});
