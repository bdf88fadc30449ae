import type { Passage, TicketTurn } from '@parley/contracts';
import type { SearchResult } from '@parley/knowledge';
import { aboutAnothersOrder, lookupQuestion, readableText } from '@parley/wording';

/**
 * What retrieval searches with: subject, body and the customer's previous turn for context, each as a reader takes
 * it (`readableText`: "pls" is "please", a name signed alone is no part of the question).
 */
export function queryFor(ticket: Pick<TicketTurn, 'subject' | 'body' | 'history'>): string {
  // The details an order lookup asked for answer the question asked before them, however many tries they took.
  const asked =
    lookupQuestion(ticket.history, ticket.body) ??
    [...ticket.history].reverse().find((h) => h.role === 'customer')?.body;
  return [ticket.subject, ticket.body, asked]
    .filter((s): s is string => Boolean(s))
    .map(readableText)
    .join('\n');
}

/** Words of a help centre's rule on orders placed by someone else, searched with a message about such an order. */
export const ANOTHERS_ORDER_TERMS = 'order placed by someone else account holder partner parent friend gift';

/**
 * What the whole message is searched with: its words, and for a message about an order another person placed
 * ("my dad ordered a bike for me", `aboutAnothersOrder`) the words of the help centre's rule on such orders, which
 * bears on whatever it asks (who may be told about the order, who may return it).
 */
export function searchedWords(query: string): string {
  return aboutAnothersOrder(query) ? `${query}\n${ANOTHERS_ORDER_TERMS}` : query;
}

/** A search result as the contract's passage: `score` is the calibrated confidence, `scores` every raw score. */
export function toPassage(r: SearchResult): Passage {
  const scores: Record<string, number> = {
    bm25: r.scores.bm25,
    fused: r.scores.fused,
    confidence: r.confidence,
  };
  if (r.scores.dense !== null) scores.dense = r.scores.dense;
  if (r.scores.rerank !== null) scores.rerank = r.scores.rerank;
  return {
    chunkId: r.chunk.id,
    articleId: r.chunk.articleId,
    title: r.chunk.title,
    section: r.chunk.section,
    text: r.chunk.text,
    ...(r.chunk.url ? { url: r.chunk.url } : {}),
    score: r.confidence,
    scores,
  };
}

/** Best passage confidence in 0..1; 0 when nothing matched. */
export function topScore(results: readonly SearchResult[]): number {
  return results.reduce((best, r) => Math.max(best, r.confidence), 0);
}
