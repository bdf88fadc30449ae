import type { SearchResult } from '@parley/knowledge';

/**
 * The router's intent as evidence for which articles answer a ticket. Each intent's taxonomy description
 * ("General shipping questions: methods, costs, delivery times...") is itself searched; the articles it finds
 * get a boost in proportion to the router's confidence. A customer's words and the intent they were read as
 * then both point at the article: "how much do you charge to deliver stuff" (shipping_info) finds the shipping
 * article before the one about prices.
 */
export class IntentPrior {
  private readonly cache = new Map<string, Promise<Map<string, number>>>();
  private generation = -1;

  constructor(
    /** Intent -> description; intents without one (or out of scope) get no prior. */
    private readonly descriptions: ReadonlyMap<string, string>,
    private readonly search: (text: string) => Promise<SearchResult[]>,
    /** How much a sure intent's article confidence adds to an article's own; 0 turns the prior off. */
    readonly weight: number,
  ) {}

  /** True when a ticket routed to `intent` gets a prior at all. */
  applies(intent: string, outOfScope: boolean): boolean {
    return this.weight > 0 && !outOfScope && this.descriptions.has(intent);
  }

  /**
   * Article id -> boost for a ticket routed to `intent` with `confidence`. Description searches are cached
   * until `generation` (the index's change counter) moves on, so a knowledge change is never served stale.
   */
  async boosts(intent: string, confidence: number, generation: number): Promise<Map<string, number>> {
    if (generation !== this.generation) {
      this.cache.clear();
      this.generation = generation;
    }
    const description = this.descriptions.get(intent);
    if (!description) return new Map();
    let found = this.cache.get(intent);
    if (!found) {
      found = this.search(description).then((r) => scaledBestPerArticle(r, 1));
      // A failed search is not remembered: the next ticket tries again.
      found.catch(() => this.cache.delete(intent));
      this.cache.set(intent, found);
    }
    const scale = this.weight * confidence;
    return new Map([...(await found)].map(([article, c]) => [article, scale * c]));
  }
}

/** Each article's best confidence among the results, times `weight`. */
export function scaledBestPerArticle(results: readonly SearchResult[], weight: number): Map<string, number> {
  const best = new Map<string, number>();
  for (const r of results) {
    const id = r.chunk.articleId;
    best.set(id, Math.max(best.get(id) ?? 0, weight * r.confidence));
  }
  return best;
}

/**
 * Reorders results by article: an article's score is its best passage's fused score (the index's own ranking
 * score) plus its boost; its passages keep their order and stay together. Confidences are not changed (the
 * gate's floors read them), only the order. Keeps the first `topK` passages.
 */
export function rerankByArticle(
  results: readonly SearchResult[],
  boosts: ReadonlyMap<string, number>,
  topK: number,
): SearchResult[] {
  return rankArticles(results, boosts)
    .flatMap((a) => a.results)
    .slice(0, topK);
}

/**
 * How far the leading article is ahead of the next one, on the score the order was decided by: a small
 * margin means retrieval could as well have led with another article.
 */
export function leadMargin(results: readonly SearchResult[], boosts: ReadonlyMap<string, number>): number {
  const [first, second] = rankArticles(results, boosts);
  if (!first) return 0;
  return first.score - (second?.score ?? 0);
}

function rankArticles(
  results: readonly SearchResult[],
  boosts: ReadonlyMap<string, number>,
): Array<{ score: number; first: number; results: SearchResult[] }> {
  const articles = new Map<string, { score: number; first: number; results: SearchResult[] }>();
  results.forEach((r, i) => {
    const id = r.chunk.articleId;
    const entry = articles.get(id);
    if (entry) {
      entry.results.push(r);
      entry.score = Math.max(entry.score, r.scores.fused + (boosts.get(id) ?? 0));
    } else {
      articles.set(id, { score: r.scores.fused + (boosts.get(id) ?? 0), first: i, results: [r] });
    }
  });
  return [...articles.values()].sort((a, b) => b.score - a.score || a.first - b.first);
}
