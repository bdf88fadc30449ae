import type { Fact } from '@parley/contracts';
import type { StatedProduct } from './product-facts.js';
import { statedProducts } from './product-facts.js';
import { OPTION_VOCABULARY, runsOf, words } from '@parley/catalog';

const PRICE = /\$\s?(\d[\d,]*(?:\.\d{1,2})?)/g;
const STOCK_CLAIM = /\b(out of stock|sold out|unavailable|not available|in stock|available)\b/gi;

const unique = <T>(xs: readonly T[]) => [...new Set(xs)];

/** The product's option values the sentence states; a value inside a longer stated one does not count. */
function claimedValues(said: readonly string[], product: StatedProduct): string[] {
  const hits = unique(product.values).flatMap((value) => {
    const run = words(value);
    return runsOf(said, run).map((at) => ({ value, at, length: run.length }));
  });
  const inside = (h: (typeof hits)[number]) =>
    hits.some((o) => o.length > h.length && h.at >= o.at && h.at + h.length <= o.at + o.length);
  return unique(hits.filter((h) => !inside(h)).map((h) => h.value));
}

/**
 * Catalogue claims in a sentence must match the tool facts: a price or stock claim must name a product from
 * the facts and fit one of its stated variants (every option value stated, the price, in or out of stock);
 * a colour or material the named product does not come in is never grounded. Sentences without such claims
 * pass (the rest of the check decides them).
 */
export function productClaimsHold(sentence: string, facts: readonly Fact[]): boolean {
  const stated = statedProducts(facts);
  const said = words(sentence);
  const prices = [...sentence.matchAll(PRICE)].map((m) => Number(m[1]!.replace(/,/g, '')));
  const stock = [...sentence.matchAll(STOCK_CLAIM)].map((m) => !/^(?:out|sold|un|not)/i.test(m[1]!));
  const named = stated.filter((p) => p.name !== undefined && runsOf(said, words(p.name)).length > 0);
  const claims = prices.length > 0 || stock.length > 0;
  if (claims && named.length === 0) return false;
  const candidates = named.length > 0 ? named : stated;
  if (candidates.length === 0) return true;
  const known = new Set(candidates.flatMap((p) => [...p.values, p.name ?? ''].flatMap(words)));
  if (said.some((w) => OPTION_VOCABULARY.has(w) && !known.has(w))) return false;
  if (!claims) return true;
  return candidates.some((p) => {
    const claimed = claimedValues(said, p);
    return p.variants.some(
      (v) =>
        claimed.every((c) => v.values.includes(c)) &&
        prices.every((x) => v.price === x) &&
        stock.every((s) => v.available === s),
    );
  });
}
