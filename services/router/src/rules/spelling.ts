import { isBareContraction, oneEditAway } from '@parley/intent-model';
import type { WordVectors } from '@parley/word-vectors';
import { RULE_WORDS } from './hard-rules.js';

/** How common, by rank in general English (the word vectors' order), a word must be to be read for a typo. */
export const COMMON_RANK = 20_000;

/**
 * Mends misspellings for the router's second reading (the hard rules, and the sentiment): a word of four letters
 * or more that no dictionary holds (the word-vector vocabulary) is read as the commonest word one edit away among
 * the `COMMON_RANK` commonest and the rules' own words ("my lawyyer", "a chareback", "a rral perdon", "terible
 * service"). A rule word the dictionary lacks or holds as rare ("chargeback") ranks after every common word, so a
 * typo one edit from both a common word and a rule word is read as the common word ("wost" is "most", not
 * "worst"). Real words and contractions written without their apostrophe ("isnt") are never changed, and
 * nothing is mended when no word qualifies.
 */
export function spellingMender(
  vectors: Pick<WordVectors, 'rank'>,
  ruleWords: readonly string[] = RULE_WORDS,
): (text: string) => string {
  const own = new Set(ruleWords);
  const cache = new Map<string, string>();
  const rankOf = (word: string): number | undefined => {
    const rank = vectors.rank(word);
    if (own.has(word)) return Math.min(rank ?? COMMON_RANK - 1, COMMON_RANK - 1);
    return rank !== undefined && rank < COMMON_RANK ? rank : undefined;
  };
  const mendWord = (word: string): string => {
    const lower = word.toLowerCase();
    if (own.has(lower) || isBareContraction(lower) || vectors.rank(lower) !== undefined) return word;
    const cached = cache.get(lower);
    if (cached !== undefined) return cached;
    let best: string | undefined;
    let bestRank = Infinity;
    for (const candidate of oneEditAway(lower)) {
      const rank = rankOf(candidate);
      if (rank === undefined) continue;
      if (rank < bestRank || (rank === bestRank && candidate < best!)) [best, bestRank] = [candidate, rank];
    }
    const mended = best ?? word;
    if (cache.size < 10_000) cache.set(lower, mended);
    return mended;
  };
  // Words with an apostrophe ("hasn't") are left whole.
  return (text) =>
    text.replace(/[\p{L}'\u2019]{4,}/gu, (word) => (/['\u2019]/.test(word) ? word : mendWord(word)));
}
