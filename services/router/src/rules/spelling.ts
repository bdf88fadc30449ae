import { SpellingMender } from '@parley/intent-model';
import type { WordVectors } from '@parley/word-vectors';
import { RULE_WORDS } from './hard-rules.js';

/**
 * Mends, for the hard rules' second reading, a word of four letters or more that no dictionary holds (the
 * word-vector vocabulary) to the rule word one edit away: "my lawyyer", "a chareback", "a rral perdon". Only
 * towards the rules' own words, and never a real word ("manger" stays), so the second reading can only find what
 * the customer misspelt, not a rule word a common word happens to be one edit from.
 */
export function ruleSpelling(vectors: WordVectors): (text: string) => string {
  const mender = new SpellingMender(
    new Map(RULE_WORDS.map((w) => [w, 0])),
    (word) => vectors.rank(word) !== undefined,
  );
  return (text) => mender.mend(text);
}
