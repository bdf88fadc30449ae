// How much of a question a quoted answer speaks of, counting a word the answer puts its own way: each
// content word of the question counts by its closest word of the answer in word-vector space (1 when the
// answer uses the word itself), weighted by how much the word tells. Literal coverage misses "parcel" for
// "package"; this does not, so it says whether the answer is about what was asked even in other words.
import { analyseWords, familyStem } from '@parley/knowledge/text';
import type { WordWeight } from './answer.js';
import type { Similarity } from './plan/words.js';

/** Weighted mean over the question's content words of their best similarity to a word of `answer`, 0..1. */
export function softCoverage(
  question: string,
  answer: string,
  similar: Similarity,
  wordWeight: WordWeight = () => 1,
): number {
  const asked = new Map(analyseWords(question, familyStem).map((w) => [w.term, w.word]));
  const said = analyseWords(answer, familyStem);
  const terms = new Set(said.map((w) => w.term));
  const words = [...new Set(said.map((w) => w.word))];
  let total = 0;
  let got = 0;
  for (const [term, word] of asked) {
    const weight = wordWeight(word);
    total += weight;
    const best = terms.has(term) ? 1 : Math.max(0, ...words.map((w) => similar(word, w)));
    got += weight * Math.min(1, best);
  }
  return total === 0 ? 0 : got / total;
}
