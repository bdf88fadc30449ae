import { numberWord, WrittenNumber } from './number-words.js';

/** The currencies amounts are read in: each one's symbol, code and names. */
export type Currency = 'USD' | 'EUR' | 'GBP' | 'CHF' | 'CAD' | 'AUD' | 'NZD';

/**
 * US dollars per unit, rounded up well above each currency's highest rate of the last ten years: the limit is in
 * dollars and the rule must never count a claim as smaller than it is, so it errs toward a person.
 */
export const USD_CEILING: Readonly<Record<Currency, number>> = {
  USD: 1,
  EUR: 1.4,
  GBP: 1.6,
  CHF: 1.35,
  CAD: 1,
  AUD: 1,
  NZD: 1,
};

/** A money amount found in free text. */
export interface Amount {
  /** As written, in `currency`. */
  value: number;
  currency: Currency;
  /** At most this many US dollars (`value` at the currency's `USD_CEILING`). */
  usd: number;
  /** Character offsets of the match in the text. */
  start: number;
  end: number;
}

// The text as tokens: a run of digits joined by single separators ("5,000.00", "5 000", "5.000,00", "5 0 0 0"),
// a run of letters, a run of white space, or any other character. Every repetition inside the digit run must
// start with a separator, so no run can be split two ways and matching stays linear (see the ReDoS check).
const TOKEN = /(\d+(?:[ ,.'\u00a0\u202f\u2019]\d+)*)|(\p{L}+)|(\s+)|([^])/gu;

const DIGIT_GROUP = /\d+/g;

interface Token {
  kind: 'number' | 'word' | 'space' | 'other';
  /** The word in lower case, the separator or character as written. */
  text: string;
  /** Numbers only. */
  value: number;
  start: number;
  end: number;
}

const SPACES = new Set([' ', '\u00a0', '\u202f']);

/**
 * The numbers in a digit run. A separator followed by exactly three digits groups thousands ("5,000",
 * "5.000", "5 000", "5'000"; one separator throughout); `.` or `,` followed by one or two digits is the
 * decimal part ("1,200.50", "5.000,00", "1.5"); single digits apart ("5 0 0 0") are one number. Where that
 * reading is ambiguous ("$1.500") the larger one wins: this rule errs toward a person. Anything else splits the
 * run into separate numbers ("450 2" is 450, then 2).
 */
function readDigitRun(run: string, offset: number, out: Token[]): void {
  const groups: Array<{ text: string; start: number }> = [];
  const seps: string[] = [];
  for (const m of run.matchAll(DIGIT_GROUP)) {
    if (groups.length > 0) seps.push(run[m.index - 1]!);
    groups.push({ text: m[0], start: offset + m.index });
  }
  const end = (j: number) => groups[j]!.start + groups[j]!.text.length;
  let i = 0;
  while (i < groups.length) {
    let j = i;
    let digits = groups[i]!.text;
    let fraction = '';
    const next = groups[i + 1]?.text;
    if (digits.length === 1 && SPACES.has(seps[i] ?? '') && next?.length === 1) {
      while (SPACES.has(seps[j] ?? '') && groups[j + 1]?.text.length === 1) digits += groups[++j]!.text;
    } else {
      let thousands: string | undefined;
      if (digits.length <= 3 && digits[0] !== '0' && next?.length === 3) {
        thousands = seps[i];
        while (seps[j] === thousands && groups[j + 1]?.text.length === 3) digits += groups[++j]!.text;
      }
      const decimal = seps[j];
      const after = groups[j + 1]?.text;
      if ((decimal === '.' || decimal === ',') && decimal !== thousands && after && after.length <= 2) {
        fraction = after;
        j++;
      }
    }
    const value = Number(fraction ? `${digits}.${fraction}` : digits);
    out.push({ kind: 'number', text: '', value, start: groups[i]!.start, end: end(j) });
    if (j + 1 < groups.length) {
      const sep = seps[j]!;
      out.push({
        kind: SPACES.has(sep) ? 'space' : 'other',
        text: sep,
        value: 0,
        start: end(j),
        end: end(j) + 1,
      });
    }
    i = j + 1;
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[1] !== undefined) readDigitRun(m[1], start, tokens);
    else if (m[2] !== undefined)
      tokens.push({ kind: 'word', text: m[2].toLowerCase(), value: 0, start, end });
    else if (m[3] !== undefined) tokens.push({ kind: 'space', text: m[3], value: 0, start, end });
    else tokens.push({ kind: 'other', text: m[0], value: 0, start, end });
  }
  return tokens;
}

const SYMBOLS: Readonly<Record<string, Currency>> = { $: 'USD', '€': 'EUR', '£': 'GBP' };
const CODES: Readonly<Record<string, Currency>> = {
  usd: 'USD',
  eur: 'EUR',
  gbp: 'GBP',
  chf: 'CHF',
  cad: 'CAD',
  aud: 'AUD',
  nzd: 'NZD',
};
/** "US$ 20", "C$20", "AU$20". */
const DOLLAR_PREFIXES: Readonly<Record<string, Currency>> = {
  us: 'USD',
  c: 'CAD',
  ca: 'CAD',
  a: 'AUD',
  au: 'AUD',
  nz: 'NZD',
};
const NAMES: Readonly<Record<string, Currency>> = {
  dollar: 'USD',
  dollars: 'USD',
  buck: 'USD',
  bucks: 'USD',
  euro: 'EUR',
  euros: 'EUR',
  pound: 'GBP',
  pounds: 'GBP',
  quid: 'GBP',
  sterling: 'GBP',
  franc: 'CHF',
  francs: 'CHF',
};
/** "500 US dollars", "300 Canadian dollars". */
const NAME_ADJECTIVES: Readonly<Record<string, Currency>> = {
  us: 'USD',
  american: 'USD',
  canadian: 'CAD',
  australian: 'AUD',
  british: 'GBP',
  swiss: 'CHF',
};

/**
 * Words that may follow a bare "5k" or "a grand" when it is money ("refund my 5k now", "a grand for this"):
 * anything else reads as a thing ("4K TV", "5k run", "a grand piano") and is left alone.
 */
const MONEY_FOLLOWERS = new Set(
  (
    'for back in on to from and or but now please of that which worth plus more less already today ' +
    'yesterday me i you we they it is was were cash asap over into so because since after before if then ' +
    'last this each per refund refunded'
  ).split(' '),
);
const CLOSING = new Set(['.', ',', ';', ':', '!', '?', ')', '"', "'", '\u2019', '\u201d']);

/** Most atoms one written number may have ("two hundred and fifty-five thousand three hundred and twelve"). */
const MAX_ATOMS = 16;

interface Quantity {
  value: number;
  /** Index of the token after it. */
  next: number;
  end: number;
  /** The last scale word, when it is what makes a bare number money ("5k", "two grand"). */
  bareScale: 'k' | 'grand' | null;
  /** It began with "a"/"an" ("a grand"). */
  article: boolean;
}

/** Index of the next token after `i`, stepping over one short run of spaces (no line break). */
function skipSpace(tokens: Token[], i: number): number {
  const t = tokens[i];
  return t?.kind === 'space' && t.text.length <= 3 && !t.text.includes('\n') ? i + 1 : i;
}

/** A number written in digits and/or words starting at token `i`, if there is one. */
function readQuantity(tokens: Token[], i: number): Quantity | null {
  const written = new WrittenNumber();
  let next = i;
  let end = 0;
  let article = false;
  let lastWord = '';
  for (let atoms = 0, k = i; atoms < MAX_ATOMS && k < tokens.length; atoms++) {
    const t = tokens[k]!;
    let took = false;
    if (t.kind === 'number') {
      took = written.addDigits(t.value);
    } else if (t.kind === 'word') {
      const word = numberWord(t.text);
      if (word) took = written.add(word);
      else if ((t.text === 'a' || t.text === 'an') && !written.started) {
        const after = tokens[skipSpace(tokens, k + 1)];
        const following = after?.kind === 'word' ? numberWord(after.text) : null;
        took = (following?.kind === 'hundred' || following?.kind === 'scale') && written.addArticle();
        article = took;
      } else if (t.text === 'and' && written.joinable) {
        // "two hundred and fifty": only when a number word follows.
        const after = tokens[skipSpace(tokens, k + 1)];
        if (after?.kind === 'word' && numberWord(after.text)) {
          k = skipSpace(tokens, k + 1);
          continue;
        }
      }
    }
    if (!took) break;
    if (t.kind === 'word') lastWord = t.text;
    else lastWord = '';
    next = k + 1;
    end = t.end;
    // Atoms are joined by a space or a hyphen ("twenty-five"), or touch ("5k", "1.5m").
    k = skipSpace(tokens, k + 1);
    if (tokens[k]?.kind === 'other' && tokens[k]!.text === '-') k++;
  }
  if (!written.started || next === i) return null;
  const bareScale = lastWord === 'k' || lastWord === 'grand' ? lastWord : null;
  return { value: written.value, next, end, bareScale, article };
}

interface Marker {
  currency: Currency;
  /** Index of the token after it. */
  next: number;
  start: number;
  end: number;
}

/** A currency written before an amount: "$", "US$", "€", "EUR". */
function prefixAt(tokens: Token[], i: number): Marker | null {
  const t = tokens[i]!;
  if (t.kind === 'word' && DOLLAR_PREFIXES[t.text] && tokens[i + 1]?.text === '$') {
    return { currency: DOLLAR_PREFIXES[t.text]!, next: i + 2, start: t.start, end: tokens[i + 1]!.end };
  }
  const currency = t.kind === 'other' ? SYMBOLS[t.text] : t.kind === 'word' ? CODES[t.text] : undefined;
  return currency ? { currency, next: i + 1, start: t.start, end: t.end } : null;
}

/** A currency written after an amount: "€", "EUR", "dollars", "US dollars", "bucks". */
function suffixAt(tokens: Token[], i: number): Marker | null {
  const t = tokens[i];
  if (!t) return null;
  if (t.kind === 'other' && SYMBOLS[t.text]) {
    // "20 $5": a symbol before a number is that number's.
    if (tokens[skipSpace(tokens, i + 1)]?.kind === 'number') return null;
    return { currency: SYMBOLS[t.text]!, next: i + 1, start: t.start, end: t.end };
  }
  if (t.kind !== 'word') return null;
  const named = CODES[t.text] ?? NAMES[t.text];
  if (named) return { currency: named, next: i + 1, start: t.start, end: t.end };
  const adjective = NAME_ADJECTIVES[t.text];
  const noun = tokens[skipSpace(tokens, i + 1)];
  if (adjective && noun?.kind === 'word' && NAMES[noun.text]) {
    return { currency: adjective, next: skipSpace(tokens, i + 1) + 1, start: t.start, end: noun.end };
  }
  return null;
}

/** Whether what follows a bare "5k" or "a grand" lets it be money (the end, punctuation, a small word). */
function moneyFollows(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  if (!t || (t.kind === 'space' && t.text.includes('\n'))) return true;
  const after = tokens[skipSpace(tokens, i)];
  if (!after) return true;
  if (after.kind === 'other') return CLOSING.has(after.text);
  return after.kind === 'word' && MONEY_FOLLOWERS.has(after.text);
}

function amount(value: number, currency: Currency, start: number, end: number): Amount {
  return { value, currency, usd: value * USD_CEILING[currency], start, end };
}

/** The amount starting at token `i`, and the index of the token after it. */
function amountAt(tokens: Token[], i: number): { amount: Amount; next: number } | null {
  const prefix = prefixAt(tokens, i);
  if (prefix) {
    const quantity = readQuantity(tokens, skipSpace(tokens, prefix.next));
    if (!quantity) return null;
    // "$450 dollars": the repeated currency belongs to the same amount.
    const after = tokens[skipSpace(tokens, quantity.next)];
    const repeated = after?.kind === 'word' ? suffixAt(tokens, skipSpace(tokens, quantity.next)) : null;
    const next = repeated ? repeated.next : quantity.next;
    const end = repeated ? repeated.end : quantity.end;
    return { amount: amount(quantity.value, prefix.currency, prefix.start, end), next };
  }
  const quantity = readQuantity(tokens, i);
  if (!quantity) return null;
  const start = tokens[i]!.start;
  // "5 dollars", "5-dollar fee".
  let after = skipSpace(tokens, quantity.next);
  if (tokens[after]?.text === '-') after++;
  const suffix = suffixAt(tokens, after);
  if (suffix)
    return { amount: amount(quantity.value, suffix.currency, start, suffix.end), next: suffix.next };
  // "two grand" is money as it stands; "5k" and "a grand" only when no noun follows ("4K TV", "a grand piano").
  const bare =
    quantity.bareScale === 'grand' && !quantity.article
      ? true
      : quantity.bareScale !== null && moneyFollows(tokens, quantity.next);
  return bare ? { amount: amount(quantity.value, 'USD', start, quantity.end), next: quantity.next } : null;
}

/**
 * Every amount written with a currency ("$450", "EUR 5000", "5 000 €", "USD5000", "£5,000.00", "5.000,00 EUR",
 * "$ 5 0 0 0", "five thousand dollars", "two hundred and fifty bucks") or as money slang ("5k", "1.5k", "a
 * grand", "two grand"). Bare numbers (order ids, phone numbers, years, quantities, "5000 mAh") are not amounts.
 * Linear in the text: one pass of tokens, and a bounded look-ahead from each.
 */
export function parseAmounts(text: string): Amount[] {
  const tokens = tokenize(text);
  const found: Amount[] = [];
  for (let i = 0; i < tokens.length;) {
    const hit = amountAt(tokens, i);
    if (hit) {
      found.push(hit.amount);
      i = Math.max(hit.next, i + 1);
    } else i++;
  }
  return found;
}

// Words that make an amount a claim on money rather than, say, a product's price.
const MONEY_CONTEXT =
  /\b(refunds?|refunded|refunding|reimburse\w*|charged?|charges|charging|overcharged?|double[- ]charged|compensat\w*|money back|credit(?:ed)? (?:me|back|my)|chargebacks?|billed|paid|pay (?:me|back)|owe[sd]?|cost me|damages)\b/i;

/** Every pattern that runs over untrusted text here (the ReDoS check in the tests reads this list). */
export const AMOUNT_PATTERNS: readonly RegExp[] = [TOKEN, DIGIT_GROUP, MONEY_CONTEXT];

const ASKING = new Set(['want', 'wants', 'need', 'needs', 'get', 'give', 'send', 'return']);

/**
 * "I want my $5000 back", "give me back five thousand dollars": a verb of asking followed later in the sentence by
 * "back". Done on words rather than with a pattern, so hostile text cannot make it slow.
 */
function asksForItBack(sentence: string): boolean {
  const words = sentence.toLowerCase().split(/[^a-z]+/);
  const asked = words.findIndex((w) => ASKING.has(w));
  return asked >= 0 && words.indexOf('back', asked + 1) > asked;
}

/** Sentence spans: a full stop between digits ("1,200.50") does not end a sentence. */
function sentences(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const isEnd = c === '!' || c === '?' || c === '\n' || (c === '.' && !/\d/.test(text[i + 1] ?? ''));
    if (isEnd) {
      spans.push({ start, end: i + 1 });
      start = i + 1;
    }
  }
  if (start < text.length) spans.push({ start, end: text.length });
  return spans;
}

/**
 * Amounts that sit in a refund, charge or compensation context: the same sentence or the one before it
 * mentions money owed ("I was charged twice. It was $450."). Each sentence is tested once, so a long text
 * dense with amounts stays linear.
 */
export function moneyClaims(text: string): Amount[] {
  const spans = sentences(text);
  const owed = spans.map((s) => {
    const sentence = text.slice(s.start, s.end);
    return MONEY_CONTEXT.test(sentence) || asksForItBack(sentence);
  });
  let i = 0;
  return parseAmounts(text).filter((amount) => {
    while (i < spans.length - 1 && amount.start >= spans[i]!.end) i++;
    return owed[i] === true || (i > 0 && owed[i - 1] === true);
  });
}
