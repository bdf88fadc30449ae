// Word units for matching catalogue names and option values against customer text. Both sides go through
// the same normalisation, so "Office Chairs" meets "Office Chair" and "grey" meets "gray".

const SPELLING: Readonly<Record<string, string>> = { grey: 'gray', colour: 'color' };

/** Plural to singular, good enough for product nouns ("chairs", "watches", "batteries", "glasses"). */
export function singular(word: string): string {
  if (/^\d/.test(word)) return word;
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(?:ss|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Lower-case words as written (a decimal like "1.5" stays one word), one for each of `words`. */
export function wordsAsWritten(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+(?:\.\d+)?/g) ?? [];
}

/** Lower-case words (a decimal like "1.5" stays one word), respelled and singular. */
export function words(text: string): string[] {
  return wordsAsWritten(text).map((w) => singular(SPELLING[w] ?? w));
}

/** Every index at which `needle` occurs as a contiguous run in `hay`. */
export function runsOf(hay: readonly string[], needle: readonly string[]): number[] {
  const at: number[] = [];
  if (needle.length === 0) return at;
  for (let i = 0; i + needle.length <= hay.length; i += 1) {
    if (needle.every((w, j) => hay[i + j] === w)) at.push(i);
  }
  return at;
}
