/** A money amount found in free text, in US dollars. */
export interface Amount {
  value: number;
  /** Character offsets of the match in the text. */
  start: number;
  end: number;
}

const NUMBER = String.raw`(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?(?:\s?(k|thousand)\b)?`;
// "$450", "US$ 1,200", "USD 1,200.50", "$1.2k"
const PREFIXED = new RegExp(String.raw`(?:\bUS\s?\$|\$|\bUSD\s?)\s?${NUMBER}`, 'gi');
// "450 dollars", "1,200.50 USD", "300 bucks"
const SUFFIXED = new RegExp(String.raw`\b${NUMBER}\s?(?:dollars?|bucks|usd)\b`, 'gi');

function toValue(whole: string, cents: string | undefined, scale: string | undefined): number {
  const base = Number(whole.replace(/,/g, '')) + (cents ? Number(`0.${cents}`) : 0);
  return scale ? base * 1000 : base;
}

/** Every dollar amount written with a currency marker; bare numbers (order ids, quantities) are not amounts. */
export function parseAmounts(text: string): Amount[] {
  const found: Amount[] = [];
  for (const pattern of [PREFIXED, SUFFIXED]) {
    for (const m of text.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((a) => start < a.end && end > a.start)) continue;
      found.push({ value: toValue(m[1]!, m[2], m[3]), start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

// Words that make an amount a claim on money rather than, say, a product's price.
const MONEY_CONTEXT =
  /\b(refunds?|refunded|refunding|reimburse\w*|charged?|charges|charging|overcharged?|double[- ]charged|compensat\w*|money back|credit(?:ed)? (?:me|back|my)|chargebacks?|billed|paid|pay (?:me|back)|owe[sd]?|cost me|damages)\b/i;

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
 * mentions money owed ("I was charged twice. It was $450.").
 */
export function moneyClaims(text: string): Amount[] {
  const spans = sentences(text);
  return parseAmounts(text).filter((amount) => {
    const i = spans.findIndex((s) => amount.start >= s.start && amount.start < s.end);
    const from = spans[Math.max(0, i - 1)]?.start ?? 0;
    const to = spans[i]?.end ?? text.length;
    return MONEY_CONTEXT.test(text.slice(from, to));
  });
}
