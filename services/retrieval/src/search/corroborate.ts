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

/** Each key's stronger vote of the two. */
export function strongest(
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
): Map<string, number> {
  const out = new Map(a);
  for (const [key, vote] of b) out.set(key, Math.max(out.get(key) ?? 0, vote));
  return out;
}
