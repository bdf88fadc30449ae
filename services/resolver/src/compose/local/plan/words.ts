// Plain-text matching of what customers write against store records: option values ("5-feet" = "5 ft"),
// product names ("my headphones"), and clauses that say a thing does not matter.

const UNITS: Array<[RegExp, string]> = [
  [/(\d+(?:\.\d+)?)\s*(?:feet|foot|ft)\b/g, '$1ft'],
  [/(\d+(?:\.\d+)?)\s*(?:liters?|litres?|l)\b/g, '$1l'],
  [/(\d+(?:\.\d+)?)\s*(?:inches|inch|in)\b/g, '$1inch'],
  [/(\d+(?:\.\d+)?)\s*(?:mp|megapixels?)\b/g, '$1mp'],
  [/(\d+(?:\.\d+)?)\s*(?:gb)\b/g, '$1gb'],
  [/(\d+(?:\.\d+)?)\s*(?:tb)\b/g, '$1tb'],
  [/(\d+(?:\.\d+)?)\s*(?:w)\b/g, '$1w'],
  [/(\d+(?:\.\d+)?)\s*(?:bar)\b/g, '$1bar'],
  [/(\d+(?:\.\d+)?)\s*(?:x)\b/g, '$1x'],
  [/(\d+(?:\.\d+)?)\s*(?:cups?)\b/g, '$1cup'],
  [/(\d+(?:\.\d+)?)\s*(?:ml)\b/g, '$1ml'],
  [/(\d+(?:\.\d+)?)\s*(?:mah)\b/g, '$1mah'],
  [/(\d+(?:\.\d+)?)\s*(?:hours?|hrs?)\b/g, '$1h'],
  [/(\d+(?:\.\d+)?)\s*(?:lbs?|pounds?)\b/g, '$1lb'],
  [/(\d+(?:\.\d+)?)\s*(?:mm)\b/g, '$1mm'],
  [/(\d+(?:\.\d+)?)\s*(?:degrees?)\b/g, '$1deg'],
  [/(\d+(?:\.\d+)?)\s*(?:pieces?|piece)\b/g, '$1piece'],
  [/(\d+)\s*%/g, '$1pct'],
];

/** Lower case, hyphens and punctuation as spaces, numbers joined to their units: "5-feet" and "5 ft" meet. */
export function canon(text: string): string {
  let s = ` ${text.toLowerCase().replace(/[’‘]/g, "'")} `;
  // Quotes around a value ("'1.5L'") are not part of it; an apostrophe inside a word ("don't") is.
  s = s.replace(/(\d)-(?=[a-z])/g, '$1 ').replace(/[^a-z0-9.%'+]+/g, ' ');
  s = s.replace(/(^|\s)'+|'+(?=\s|$)/g, '$1 ');
  s = s.replace(/(\D)\.|\.(\D)/g, '$1 $2');
  for (const [re, to] of UNITS) s = s.replace(re, to);
  s = s.replace(/\bgrey\b/g, 'gray').replace(/\bwi fi\b/g, 'wifi');
  return ` ${s.replace(/\s+/g, ' ').trim()} `;
}

/** The phrase occurs in the text as whole words (both canonical). */
export function hasPhrase(canonText: string, phrase: string): boolean {
  const p = canon(phrase).trim();
  return p.length > 0 && canonText.includes(` ${p} `);
}

/** Where the phrase first occurs as whole words, or -1. */
export function phraseAt(canonText: string, phrase: string): number {
  const p = canon(phrase).trim();
  return p.length === 0 ? -1 : canonText.indexOf(` ${p} `);
}

/** Clauses that say something does not matter ("I don't care about wired or not") name no wish. */
export function withoutIndifference(text: string): string {
  return text.replace(
    /[^.;!?]*\b(?:don'?t|do not|doesn'?t|does not)\s+(?:care|mind|matter)\b[^.;,!?]*/gi,
    ' ',
  );
}

/** "everything else the same", "keep everything else": every option not asked for stays; no item is asked for. */
export const EVERYTHING_ELSE =
  /\b(?:(?:everything|all) else (?:the )?same|(?:everything|all) else (?:as is|unchanged)|keep (?:everything|all) else)\b/gi;

/** Sentences of a text, in order. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?;])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Singular form of a lower-case word, enough to meet product names ("headphones" stays, "bookshelves"). */
export function singular(word: string): string {
  if (word.endsWith('ves')) return `${word.slice(0, -3)}f`;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:ss|us|phones|buds|sneakers|pants|shoes)$/.test(word)) return word;
  if (word.endsWith('es') && /(?:sh|ch|x)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && word.length > 3) return word.slice(0, -1);
  return word;
}

export function tokens(text: string): string[] {
  return canon(text).trim().split(' ').filter(Boolean);
}

export type { Similarity } from '@parley/word-vectors';
