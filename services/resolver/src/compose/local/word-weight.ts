import type { WordVectors } from '@parley/word-vectors';
import { loadWordVectors, sifWeight } from '@parley/word-vectors';
import type { WordWeight } from './answer.js';

/**
 * Smoothing of the word weight. Smaller than the 1e-3 of sentence embeddings, so words that are merely
 * common in English ("after", "says", "morning") weigh well below the words that name a topic ("warehouse",
 * "voucher"): about 0.1 at rank 100, 0.6 at rank 1,000 and 0.9 at rank 10,000.
 */
const SMOOTHING = 1e-4;

/**
 * How much a question word counts, from how common it is in English (the word-vector table's frequency
 * order): a word nobody uses outside a topic tells more about which section answers than a common one. A
 * word the table does not know (a typo, a product code) counts fully.
 */
export function wordWeightFrom(vectors: Pick<WordVectors, 'rank'>): WordWeight {
  return (word) => {
    const rank = vectors.rank(word);
    return rank === undefined ? 1 : sifWeight(rank, SMOOTHING);
  };
}

/** The word weights of the shipped word-vector table (loaded once per process, about 60 ms). */
export async function loadWordWeight(): Promise<WordWeight> {
  return wordWeightFrom(await loadWordVectors());
}
