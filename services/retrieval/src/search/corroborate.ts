import type { SearchResult } from '@parley/knowledge';
import { topScore } from './passages.js';

/** What one search found, as far as the gate's signals read it. */
export interface Searched {
  results: SearchResult[];
  sectionVotes: ReadonlyMap<string, number>;
  margin: number;
}

/**
 * The search of the whole message, its match figures lifted to those of a search of the sentences it turns on
 * alone (its questions, or its last sentence when none asks: `focusSentences`) when both lead with the same
 * article. A sentence about the writer's day or situation before the question adds words no article holds and
 * lowers every score, although the article found is the same; agreement of the two searches is itself evidence. The passages, their order and the article chosen stay the whole message's: the
 * story often holds what the question is about ("the kettle cracked... can I send it back?"). Different
 * leaders: the whole message's figures stand.
 */
export function corroborated<T extends Searched>(
  whole: T,
  questions: Searched | undefined,
): T & { corroborated: boolean; topScore: number } {
  const own = { ...whole, corroborated: false, topScore: topScore(whole.results) };
  const lead = whole.results[0]?.chunk.articleId;
  if (!questions || lead === undefined || questions.results[0]?.chunk.articleId !== lead) return own;
  return {
    ...whole,
    corroborated: true,
    topScore: Math.max(own.topScore, topScore(questions.results)),
    margin: Math.max(whole.margin, questions.margin),
    sectionVotes: strongest(whole.sectionVotes, questions.sectionVotes),
  };
}

/** Passages a retrieval event carries at most (`Retrieval.passages` in the contract). */
const MAX_PASSAGES = 50;

/**
 * A request made in so many words with a question beside it ("Can you cancel #W...? And how long will the refund
 * take?", `questionsBesideRequest`): the request is answered from the customer's records, and the help centre
 * answers the question. Its search leads: its passages first, then the whole message's others (the rule of the
 * write, which a refusal quotes), and its match figures are the ones the gate reads for the quote.
 */
export function besideRequest<T extends Searched>(
  whole: T,
  question: Searched,
): T & { corroborated: boolean; topScore: number } {
  const first = new Set(question.results.map((r) => r.chunk.id));
  return {
    ...whole,
    results: [...question.results, ...whole.results.filter((r) => !first.has(r.chunk.id))].slice(
      0,
      MAX_PASSAGES,
    ),
    corroborated: false,
    topScore: topScore(question.results),
    margin: question.margin,
    sectionVotes: strongest(whole.sectionVotes, question.sectionVotes),
  };
}

/** Each key's stronger vote of the two. */
export function strongest(
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
): Map<string, number> {
  const out = new Map(a);
  for (const [key, vote] of b) out.set(key, Math.max(out.get(key) ?? 0, vote));
  return out;
}
