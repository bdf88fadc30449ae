import { commonestWordMender } from '@parley/intent-model';
import type { WordVectors } from '@parley/word-vectors';
import { RULE_WORDS } from './hard-rules.js';

/**
 * Mends misspellings for the router's second reading (the hard rules, and the sentiment): a word no dictionary
 * holds is read as the commonest word one edit away, or one of the rules' own words ("my lawyyer", "a
 * chareback", "a rral perdon", "terible servise"); see `commonestWordMender` of `@parley/intent-model`.
 */
export function spellingMender(
  vectors: Pick<WordVectors, 'rank'>,
  ruleWords: readonly string[] = RULE_WORDS,
): (text: string) => string {
  return commonestWordMender((word) => vectors.rank(word), ruleWords);
}
