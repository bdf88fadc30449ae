import type { SearchResult } from '@parley/knowledge';
import { STOCK_RULE_TERMS } from '@parley/catalog';
import type { KnowledgeIndex } from './knowledge-index.js';

/** Passages of the stock rule put beside a lookup's facts. */
const RULE_PASSAGES = 2;

/**
 * The help centre's rule on stock and variants, put beside the catalogue facts a product question looks up:
 * "out of stock" in a list of variants means little without it, whatever words the question used. Searched
 * once per index generation (a knowledge change can move it) and cached.
 */
export class StockRule {
  private found: Promise<SearchResult[]> | undefined;
  private generation = -1;

  constructor(private readonly index: Pick<KnowledgeIndex, 'search' | 'generation'>) {}

  passages(): Promise<SearchResult[]> {
    if (this.index.generation !== this.generation || !this.found) {
      this.generation = this.index.generation;
      const found = this.index.search(STOCK_RULE_TERMS, {
        topK: RULE_PASSAGES,
        minConfidence: 0,
        rerank: false,
      });
      // A failed search is not remembered: the next product question tries again.
      found.catch(() => {
        if (this.found === found) this.found = undefined;
      });
      this.found = found;
    }
    return this.found;
  }
}

/** `results` followed by the rule's passages not already among them. */
export function withRule(results: readonly SearchResult[], rule: readonly SearchResult[]): SearchResult[] {
  const held = new Set(results.map((r) => r.chunk.id));
  return [...results, ...rule.filter((r) => !held.has(r.chunk.id))];
}
