import { createHash } from 'node:crypto';
import { stemmer } from 'stemmer';

/** Collapses whitespace and unicode forms so cosmetic edits do not change a content hash. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function contentHash(text: string): string {
  return sha256Hex(normaliseText(text));
}

// Short English function words: they carry no topic, and dropping them keeps postings lists short.
// Support questions also wrap their topic in a frame ("how do I", "can I get", "I want to know",
// "something", "stuff"): question words, auxiliaries, light verbs and vague nouns match every article
// alike, so they only add noise to BM25 and pull word-vector expansion towards other generic words.
// Negations stay because they change what a support question asks.
const STOP_WORDS = new Set(
  (
    'a an the and or but if then else of at by for with about into onto to from in on off over under ' +
    'is are was were be been being am do does did doing done have has had having i me my mine myself we us ' +
    'our ours you your yours u ur he him his she her it its they them their this that these those there ' +
    'here so than too very s t d ll m re ve just can will would should could may might must shall also as ' +
    'up out again once only own same such both each few more most other some any all im ive id ill youre ' +
    'dont hi hello hey please pls plz thanks thank thx ok okay yes ' +
    'how what when where why which who whom whose whats hows wheres ' +
    'get gets got getting gotten need needs needed want wants wanted wanna know let like ' +
    'go goes going went make makes made tell help able possible ' +
    'something anything nothing everything someone anyone thing things stuff way ' +
    'really actually already even still'
  ).split(' '),
);

/** Lower-cased word and number tokens, apostrophes folded ("don't" -> "dont"). */
export function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/['’]/g, '')
      .match(/[a-z0-9]+/g) ?? []
  );
}

const stemCache = new Map<string, string>();
const familyCache = new Map<string, string>();

/** A word's Porter stem. */
export function stem(word: string): string {
  return cached(stemCache, word, stemmer);
}

/**
 * A word's Porter stem with the "y" Porter keeps as "i" taken off (`conflated`): one term for "delivery" and
 * "delivered". For telling whether a passage says what a question asks, where a form apart is a word missed;
 * the search index keeps Porter's stems, which ranked the help-centre questions better.
 */
export function familyStem(word: string): string {
  return cached(familyCache, word, (w) => conflated(stem(w)));
}

function cached(cache: Map<string, string>, word: string, compute: (word: string) => string): string {
  let s = cache.get(word);
  if (s === undefined) {
    s = compute(word);
    // Bounded: a long-running process meets ever more distinct words (names, typos); past the bound, stems
    // are computed each time (about a microsecond).
    if (cache.size < 50_000) cache.set(word, s);
  }
  return s;
}

/**
 * Porter leaves the "y" of a word as "i" where the word's other forms lose it: "delivery" (deliveri) and
 * "delivered" (deliv), "verify" (verifi) and "verification" (verif), "easily" (easili) and "easy" (easi). Taking
 * a final "i" or "li" off a stem of five letters or more and stemming what is left brings each family to one
 * term.
 */
function conflated(s: string): string {
  let out = s;
  for (;;) {
    const cut = out.length > 5 && out.endsWith('li') ? 2 : out.length > 4 && out.endsWith('i') ? 1 : 0;
    if (cut === 0) return out;
    const cutOff = out.slice(0, -cut);
    // Stemmed again, what is left would lose an ending Porter had already judged part of the word ("immedi" of
    // "immediately" to "im"): such a stem keeps its letters.
    const next = /(?:ed|ing|s)$/.test(cutOff) ? cutOff : stemmer(cutOff);
    if (next === out) return out;
    out = next;
  }
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Terms for the sparse index: words minus stop words, Porter-stemmed (or by `stemWord`). */
export function analyse(text: string, stemWord: (word: string) => string = stem): string[] {
  const out: string[] = [];
  for (const w of words(text)) if (!STOP_WORDS.has(w)) out.push(stemWord(w));
  return out;
}

/** Content words of a text with their terms, for looking words up in a word-vector table. */
export function analyseWords(
  text: string,
  stemWord: (word: string) => string = stem,
): { word: string; term: string }[] {
  const out: { word: string; term: string }[] = [];
  for (const w of words(text)) if (!STOP_WORDS.has(w)) out.push({ word: w, term: stemWord(w) });
  return out;
}
