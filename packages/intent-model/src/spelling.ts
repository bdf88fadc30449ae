import { PLACEHOLDERS } from '@parley/wording';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';
const PLACEHOLDER_WORDS = new Set<string>(Object.values(PLACEHOLDERS));
// "wasnt", "dont": a contraction written without its apostrophe is one edit from a word it does not mean.
const BARE_CONTRACTION =
  /^(?:do|does|did|is|was|has|have|had|are|were|would|could|should|ca|wo|need|must|might)nt$/;
// "whats", "hows", "youre", "theyll": the other contractions customers write without the apostrophe, which the
// dictionary does not hold either ("whats" would become "what", and "whats happening" no longer asks).
const BARE_PRONOUN_CONTRACTION =
  /^(?:(?:what|how|where|who|when|why|that|there|here|she|it)s|(?:you|they|we|what)(?:re|ve)|(?:you|they|we|it|that|what|who)ll|(?:how|what|where|who|why)d)$/;

/** Every string one deletion, swap of neighbours, substitution or insertion away from `word`. */
export function oneEditAway(word: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const [head, tail] = [word.slice(0, i), word.slice(i)];
    if (tail) out.add(head + tail.slice(1));
    if (tail.length > 1) out.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const c of ALPHABET) {
      if (tail) out.add(head + c + tail.slice(1));
      out.add(head + c + tail);
    }
  }
  out.delete(word);
  return out;
}

/** Each word of four letters or more through `mendWord`; words with an apostrophe ("hasn't") are left whole. */
function eachWord(text: string, mendWord: (word: string) => string): string {
  return text.replace(/[\p{L}'\u2019]{4,}/gu, (word) => (/['\u2019]/.test(word) ? word : mendWord(word)));
}

/**
 * The word one edit from `word` with the lowest score below `below` (alphabetical on a tie), or undefined when
 * no candidate has a score.
 */
function lowestNear(
  word: string,
  score: (candidate: string) => number | undefined,
  below = Infinity,
): string | undefined {
  let best: string | undefined;
  let bestScore = below;
  for (const candidate of oneEditAway(word)) {
    const x = score(candidate);
    if (x === undefined) continue;
    if (x < bestScore || (x === bestScore && best !== undefined && candidate < best))
      [best, bestScore] = [candidate, x];
  }
  return best;
}

/**
 * Mends misspelt words to the model's own vocabulary: a word of four letters or more that the model never
 * saw and that is not a real word (`isWord`: the word-vector vocabulary) becomes the vocabulary word one
 * edit away that the training texts used most ("delivred" -> "delivered"). Real words the model did not
 * see ("cart") are left alone, so a mend never changes what a customer meant.
 */
export class SpellingMender {
  private readonly cache = new Map<string, string>();

  constructor(
    /** Word -> inverse document frequency in the training texts (lower is more common). */
    private readonly vocabulary: ReadonlyMap<string, number>,
    private readonly isWord: (word: string) => boolean,
    /**
     * A word's frequency rank in general English (the word-vector table's order, 0 the commonest). With it, a
     * misspelling no vocabulary word is one edit from becomes the commonest word one edit away among the
     * `COMMON_RANK` commonest ("wiht" -> "with", "dors" -> "does"): read as a word nothing in the vocabulary
     * holds rather than as one.
     */
    private readonly commonRank?: (word: string) => number | undefined,
  ) {}

  mend(text: string): string {
    // Words with an apostrophe ("hasn't") are left whole: the tokenizer expands them.
    return eachWord(text, (word) => this.mendWord(word));
  }

  private mendWord(word: string): string {
    const lower = word.toLowerCase();
    if (this.vocabulary.has(lower) || PLACEHOLDER_WORDS.has(lower) || BARE_CONTRACTION.test(lower))
      return word;
    if (this.isWord(lower)) return word;
    const cached = this.cache.get(lower);
    if (cached !== undefined) return cached;
    const best =
      lowestNear(lower, (candidate) => this.vocabulary.get(candidate)) ??
      (this.commonRank ? lowestNear(lower, this.commonRank, COMMON_RANK) : undefined);
    const mended = best ?? word;
    if (this.cache.size < 10_000) this.cache.set(lower, mended);
    return mended;
  }
}

/** How common, by rank in general English, a word must be for a misspelling to be read as it. */
export const COMMON_RANK = 20_000;

/**
 * Mends misspellings in a text for reading what it asks: a word of four letters or more that no dictionary holds
 * (`rank` undefined: the word-vector vocabulary) is read as the commonest word one edit away among the
 * `COMMON_RANK` commonest and the caller's own words ("my lawyyer", "my gidt card", "terible servise"). An own
 * word the dictionary lacks or holds as rare ("chargeback") ranks after every common word, so a typo one edit
 * from both is read as the common word ("wost" is "most", not "worst"). Real words and contractions written
 * without their apostrophe ("isnt") are never changed, nor is a word nothing qualifies for; the mended word is
 * lower case.
 */
export function commonestWordMender(
  rank: (word: string) => number | undefined,
  ownWords: Iterable<string> = [],
): (text: string) => string {
  const own = new Set(ownWords);
  const cache = new Map<string, string>();
  const rankOf = (word: string): number | undefined => {
    const r = rank(word);
    if (own.has(word)) return Math.min(r ?? COMMON_RANK - 1, COMMON_RANK - 1);
    return r !== undefined && r < COMMON_RANK ? r : undefined;
  };
  const mendWord = (word: string): string => {
    const lower = word.toLowerCase();
    if (own.has(lower) || rank(lower) !== undefined) return word;
    if (BARE_CONTRACTION.test(lower) || BARE_PRONOUN_CONTRACTION.test(lower)) return word;
    const cached = cache.get(lower);
    if (cached !== undefined) return cached;
    const mended = lowestNear(lower, rankOf) ?? word;
    if (cache.size < 10_000) cache.set(lower, mended);
    return mended;
  };
  return (text) => eachWord(text, mendWord);
}
