// "my order with the laptop and espresso machine", "the grill and hiking boots order": customers name an order
// by what is in it more often than by its number. Shared by the resolver (which order to describe) and the gate
// (which orders a status answer must be about), so both read the same order from the same words.

/** What this needs of an order: its id and its items' names. */
export interface NamedOrder {
  orderId: string;
  items: ReadonlyArray<{ name: string }>;
}

const wordsOf = (text: string) =>
  text
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** A word and its singular, crudely: "boots" -> "boot", "glasses" -> "glass", "batteries" -> "battery". */
function forms(word: string): string[] {
  if (word.endsWith('ies') && word.length > 4) return [word, `${word.slice(0, -3)}y`];
  if (word.endsWith('es') && /(?:ss|sh|ch|x)es$/.test(word)) return [word, word.slice(0, -2)];
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 3) return [word, word.slice(0, -1)];
  return [word];
}

/**
 * An item is named when its name's last word (the noun: "Toothbrush" of "Electric Toothbrush") is written, in
 * the singular or the plural; which order it picks out is then a matter of the sender's own orders only.
 */
function named(item: { name: string }, written: ReadonlySet<string>): boolean {
  const noun = wordsOf(item.name).at(-1);
  return noun !== undefined && forms(noun).some((f) => written.has(f));
}

/**
 * The one order of `orders` the words name by its items: every item named belongs to it, and no other order
 * holds all of them. Undefined when no item is named, or when the items named fit several orders or none.
 */
export function orderNamedByItems<O extends NamedOrder>(text: string, orders: readonly O[]): O | undefined {
  const written = new Set(wordsOf(text).flatMap(forms));
  const nameds = orders.map((o) => new Set(o.items.filter((i) => named(i, written)).map((i) => i.name)));
  const all = new Set(nameds.flatMap((s) => [...s]));
  if (all.size === 0) return undefined;
  const holding = orders.filter((o, i) => nameds[i]!.size === all.size);
  return holding.length === 1 ? holding[0] : undefined;
}
