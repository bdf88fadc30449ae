import type { OrderItem } from '@parley/commerce';
import type { Similarity } from './words.js';
import { canon, EVERYTHING_ELSE, hasPhrase, sentences, singular, tokens } from './words.js';

/** A word of a product name counts as written when the customer wrote it, a word it contains, or a near synonym. */
const SYNONYM = 0.72;

/** Options that are ordinary words too ("no", "none"): they count only beside their option's name. */
const BARE_VALUES = new Set(['no', 'yes', 'none']);

function wordMatch(word: string, written: ReadonlySet<string>, similar?: Similarity): number {
  if (written.has(word)) return 1;
  for (const w of written) {
    if (w.length >= 5 && word.length > w.length && word.endsWith(w)) return 1; // "watch" in "wristwatch"
  }
  if (!similar) return 0;
  let best = 0;
  for (const w of written) if (w.length >= 3) best = Math.max(best, similar(word, w));
  return best >= SYNONYM ? 0.8 : 0;
}

/** An option list the item is changed to: "to (deck material bamboo, length 28 inch)", "for (color red)". */
const WISHED_OPTIONS = /\b(?:to|for|into|with)\s*\([^()]*\)/gi;

/**
 * How clearly a text names an item of the order: the last word of the product name (the noun: "Kettle" of
 * "Electric Kettle") counts 2, each other word 1, near synonyms a little less; each of the item's own option
 * values written adds half, to tell two items of one product apart. Below 2 the item is not named.
 */
export function itemScore(text: string, item: OrderItem, similar?: Similarity): number {
  const written = new Set(tokens(text).map(singular));
  const words = tokens(item.name).map(singular);
  if (words.length === 0) return 0;
  const head = words.at(-1)!;
  let score = 2 * wordMatch(head, written, similar);
  for (const w of words.slice(0, -1)) score += wordMatch(w, written, similar);
  // The whole name in one word ("tshirt", "t shirt").
  if (score < 2 && written.has(words.join(''))) score = 2;
  if (score < 2) return score;
  // Options listed as what the item is to become ("to (length 28 inch)") describe the wish, not the item.
  const c = canon(text.replace(WISHED_OPTIONS, ' '));
  for (const [key, value] of Object.entries(item.options)) {
    if (BARE_VALUES.has(value.toLowerCase()) && !hasPhrase(c, key)) continue;
    if (hasPhrase(c, value)) score += 0.5;
  }
  return score;
}

/**
 * Every item of the order, as the customer asked for all of them ("all the items", "everything"), or a message
 * that is only "both" or "all" (an answer to "which items?"). "Everything else the same" keeps options, it asks
 * for no item.
 */
export function asksForAll(text: string): boolean {
  return (
    /\b(?:all (?:of )?(?:the |my )?(?:items|of them|things|products)|all items|everything|whole order|entire order|both items|both of them|all of it)\b/i.test(
      text.replace(EVERYTHING_ELSE, ' '),
    ) || /^\s*(?:both|all|the lot|the whole lot)[\s,.!]*(?:please|pls|thanks|thank you)?[\s.!]*$/im.test(text)
  );
}

/** Items that one noun names alike: two of one product, or products sharing the noun ("Tea Kettle", "Electric Kettle"). */
const nounOf = (item: OrderItem) => tokens(item.name).map(singular).at(-1) ?? item.productId;

/**
 * The order's items the customer named: those scoring 2 or more, and of items the same noun names only the
 * better described (the "blue one in size L", the "electric kettle" beside a tea kettle).
 */
export function namedItems(text: string, items: readonly OrderItem[], similar?: Similarity): number[] {
  const scores = items.map((item) => itemScore(text, item, similar));
  const best = new Map<string, number>();
  items.forEach((item, i) => {
    if (scores[i]! >= 2) best.set(nounOf(item), Math.max(best.get(nounOf(item)) ?? 0, scores[i]!));
  });
  return items.flatMap((item, i) => (scores[i]! >= 2 && scores[i]! >= best.get(nounOf(item))! ? [i] : []));
}

/**
 * Of an item the order holds several of (the same item id twice), one, unless the customer asks for more than
 * one ("both", "two", the noun in the plural): "exchange the water bottle" is one water bottle.
 */
export function oneOfEach(text: string, indexes: readonly number[], items: readonly OrderItem[]): number[] {
  const seen = new Set<string>();
  const words = new Set(tokens(text));
  return indexes.filter((i) => {
    const item = items[i]!;
    if (!seen.has(item.itemId)) {
      seen.add(item.itemId);
      return true;
    }
    const noun = tokens(item.name).at(-1) ?? '';
    const plural = singular(noun) === noun && (words.has(`${noun}s`) || words.has(`${noun}es`));
    return plural || /\b(?:both|two|three|each of|all)\b/i.test(text);
  });
}

/**
 * A sentence naming several items, cut into clauses so each option value stays with its own item. A list in
 * brackets is not cut: "Office Chair (material fabric, armrest fixed) to (material leather)" is one clause.
 */
function clauses(sentence: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  const cut = /,|;|\s+(?:and|but|also|while|whereas)\s+|[()]/gi;
  for (const m of sentence.matchAll(cut)) {
    if (m[0] === '(') depth += 1;
    else if (m[0] === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      out.push(sentence.slice(start, m.index));
      start = m.index + m[0].length;
    }
  }
  out.push(sentence.slice(start));
  return out.filter((c) => c.trim().length > 0);
}

/**
 * What a message says about one item: its sentences (or, in a sentence naming several items, its clauses)
 * naming that item and those following them that name no other. Of items sharing a noun a part names only the
 * best described ("Electric Kettle (capacity 1.5L)" is not about the tea kettle; "Office Chair (armrest none)"
 * not about the one with fixed armrests); a part describing two alike is about both. A message naming no item
 * of the order at all (a short answer, "brown please") is about whatever was asked, so about every item.
 */
export function itemPassage(
  text: string,
  index: number,
  items: readonly OrderItem[],
  similar?: Similarity,
): string {
  const itemsIn = (s: string) => new Set(namedItems(s, items, similar));
  const mentions = (s: string) => items.filter((other) => itemScore(s, other, similar) >= 2).length;
  const parts = sentences(text).flatMap((s) => (mentions(s) > 1 ? clauses(s) : [s]));
  const owners = parts.map(itemsIn);
  if (owners.every((o) => o.size === 0)) return text;
  const out: string[] = [];
  let current = false;
  parts.forEach((part, i) => {
    const own = owners[i]!;
    if (own.size > 0) current = own.has(index);
    if (current) out.push(part);
  });
  return out.join(' ');
}
