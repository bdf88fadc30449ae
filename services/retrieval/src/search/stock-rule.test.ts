import { describe, expect, it } from '@jest/globals';
import type { SearchResult } from '@parley/knowledge';
import { STOCK_RULE_TERMS } from '@parley/catalog';
import { StockRule, withRule } from './stock-rule.js';

const result = (id: string) =>
  ({ chunk: { id, articleId: id.split('#')[0] }, confidence: 0.5 }) as SearchResult;

describe('StockRule', () => {
  it('searches the rule once per index generation, and again after a failure', async () => {
    const searched: string[] = [];
    let fail = false;
    const index = {
      generation: 1,
      search: async (query: string) => {
        searched.push(query);
        if (fail) throw new Error('index down');
        return [result('stock#a')];
      },
    };
    const rule = new StockRule(index);
    expect(await rule.passages()).toEqual([result('stock#a')]);
    await rule.passages();
    expect(searched).toEqual([STOCK_RULE_TERMS]);
    index.generation = 2;
    fail = true;
    await expect(rule.passages()).rejects.toThrow('index down');
    fail = false;
    expect(await rule.passages()).toEqual([result('stock#a')]);
    expect(searched).toHaveLength(3);
  });
});

describe('withRule', () => {
  it('adds the rule passages not already found, after the ones found', () => {
    const found = [result('prices#a'), result('stock#a')];
    expect(withRule(found, [result('stock#a'), result('stock#b')]).map((r) => r.chunk.id)).toEqual([
      'prices#a',
      'stock#a',
      'stock#b',
    ]);
  });
});
