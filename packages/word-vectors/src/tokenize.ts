// The GloVe vocabulary (Wikipedia + Gigaword, lower-cased) holds plain words and numbers; contractions were
// split as "do n't", and wink dropped the clitic tokens, so negation is spelled out to keep its meaning.
const CONTRACTIONS: Array<[RegExp, string]> = [
  [/\bwon't\b/g, 'will not'],
  [/\bcan't\b/g, 'can not'],
  [/\bshan't\b/g, 'shall not'],
  [/n't\b/g, ' not'],
  [/'re\b/g, ' are'],
  [/'ve\b/g, ' have'],
  [/'ll\b/g, ' will'],
  [/'m\b/g, ' am'],
  [/'d\b/g, ' would'],
  [/'s\b/g, ''],
];

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-case word tokens: letters and digits, contractions expanded, punctuation and hyphens split off. */
export function tokenize(text: string): string[] {
  let s = text.toLowerCase().replace(/[\u2018\u2019\u02bc`]/g, "'");
  for (const [pattern, replacement] of CONTRACTIONS) s = s.replace(pattern, replacement);
  return s.match(WORD) ?? [];
}
