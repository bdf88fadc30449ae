import type { Passage, TicketTurn } from '@parley/contracts';
import type { SearchResult } from '@parley/knowledge';
import { lookupQuestion } from '@parley/wording';

/** What retrieval searches with: subject, body and the customer's previous turn for context. */
export function queryFor(ticket: Pick<TicketTurn, 'subject' | 'body' | 'history'>): string {
  // The details an order lookup asked for answer the question asked before them, however many tries they took.
  const asked =
    lookupQuestion(ticket.history, ticket.body) ??
    [...ticket.history].reverse().find((h) => h.role === 'customer')?.body;
  return [ticket.subject, ticket.body, asked].filter((s): s is string => Boolean(s)).join('\n');
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
