import type { OrderItem, Product, ProductVariant } from '@parley/commerce';
import { canon, phraseAt, withoutIndifference } from './words.js';

const BARE_VALUES = new Set(['no', 'yes', 'none']);

export type VariantChoice =
  | { kind: 'found'; variant: ProductVariant }
  | { kind: 'ask'; options: Array<{ name: string; values: string[] }> };

/** Each option's values across the product's variants. */
function optionValues(product: Product): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const v of product.variants)
    for (const [k, val] of Object.entries(v.options)) {
      const list = values.get(k) ?? [];
      if (!list.includes(val)) list.push(val);
      values.set(k, list);
    }
  return values;
}

/**
 * The text with the names of options that hold their own values blanked out (positions kept): "bagged/bagless
 * bagged" says the item is bagged, not that the customer wants it bagless.
 */
function withoutValueNames(c: string, options: ReadonlyMap<string, string[]>): string {
  const values = [...options.values()].flat().map((v) => ` ${canon(v).trim()} `);
  let out = c;
  for (const key of options.keys()) {
    const name = ` ${canon(key).trim()} `;
    if (!values.some((v) => name.includes(v))) continue;
    out = out.replaceAll(name, ` ${'_'.repeat(name.length - 2)} `);
  }
  return out;
}

/**
 * Where a value was last written on its own, or -1: not inside a longer value of the same option written there
 * ("Wi-Fi" in "Wi-Fi + Cellular" is not a wish for Wi-Fi alone).
 */
function lastOnItsOwn(c: string, value: string, values: readonly string[]): number {
  const needle = ` ${canon(value).trim()} `;
  const longer = values.map((v) => ` ${canon(v).trim()} `).filter((v) => v !== needle && v.includes(needle));
  for (let at = c.lastIndexOf(needle); at >= 0; at = at > 0 ? c.lastIndexOf(needle, at - 1) : -1) {
    const inside = longer.some((l) => {
      const offset = l.indexOf(needle);
      return c.startsWith(l, at - offset);
    });
    if (!inside) return at;
  }
  return -1;
}

/** A value of an option the customer wrote, and where in the message (its last occurrence). */
interface Wish {
  key: string;
  value: string;
  at: number;
}

/**
 * The options the customer wants changed on this item in one message, latest written first: for each option,
 * the value written last that the item does not already have. Ordered by where they were written, never by how
 * the store happens to list the options (Postgres returns an object's keys shortest first).
 */
function wishesIn(passage: string, item: OrderItem, product: Product): Wish[] {
  const options = optionValues(product);
  const c = withoutValueNames(canon(withoutIndifference(passage)), options);
  const wishes: Wish[] = [];
  for (const [key, values] of options) {
    let best: Wish | undefined;
    for (const value of values) {
      if (value === item.options[key]) continue;
      if (BARE_VALUES.has(value.toLowerCase()) && phraseAt(c, key) < 0) continue;
      const at = lastOnItsOwn(c, value, values);
      if (at >= 0 && (!best || at > best.at)) best = { key, value, at };
    }
    if (best) wishes.push(best);
  }
  return wishes.sort((a, b) => b.at - a.at || (a.key < b.key ? -1 : 1));
}

/** The options the customer wants changed on this item in one message: option → the value written last. */
export function wantedOptions(passage: string, item: OrderItem, product: Product): Map<string, string> {
  return new Map(wishesIn(passage, item, product).map((w) => [w.key, w.value]));
}

const fitting = (product: Product, item: OrderItem, wanted: ReadonlyMap<string, string>) =>
  product.variants.filter(
    (v) => v.available && v.itemId !== item.itemId && [...wanted].every(([k, val]) => v.options[k] === val),
  );

/**
 * What the customer wants across their messages (oldest first): the latest wish first (the latest message, and
 * within a message the value written last), then each earlier one for options not yet decided, as long as some
 * variant still has them all ("a 1L black one... actually the 1.5L glass one": 1.5L glass, black dropped when
 * no 1.5L glass kettle is black). The read-back names every option of the variant, so a dropped wish is seen.
 */
export function wantedAcross(
  passages: readonly string[],
  item: OrderItem,
  product: Product,
): Map<string, string> {
  const wanted = new Map<string, string>();
  for (const passage of [...passages].reverse()) {
    for (const { key, value } of wishesIn(passage, item, product)) {
      if (wanted.has(key)) continue;
      const next = new Map(wanted).set(key, value);
      if (fitting(product, item, next).length > 0 || wanted.size === 0) wanted.set(key, value);
    }
  }
  return wanted;
}

/**
 * The variant an item is to become: available, of the same product, not the item itself, with every option the
 * customer asked for; the cheapest when they said so, else the one keeping most of the item's other options.
 * Otherwise the options still to choose, with the values available.
 */
export function chooseVariant(passages: readonly string[], item: OrderItem, product: Product): VariantChoice {
  const wanted = wantedAcross(passages, item, product);
  const fits = fitting(product, item, wanted);
  if (wanted.size === 0 || fits.length === 0) return { kind: 'ask', options: choices(product, item, fits) };
  const cheapest = passages.some((p) =>
    /\b(?:cheap|cheaper|cheapest|lowest price|less expensive|lower price)\b/i.test(p),
  );
  let best: ProductVariant[];
  if (cheapest) {
    const low = Math.min(...fits.map((v) => v.price));
    best = fits.filter((v) => v.price === low);
  } else {
    const kept = (v: ProductVariant) =>
      Object.entries(item.options).filter(([k, val]) => !wanted.has(k) && v.options[k] === val).length;
    const most = Math.max(...fits.map(kept));
    best = fits.filter((v) => kept(v) === most);
  }
  if (best.length !== 1) return { kind: 'ask', options: choices(product, item, best) };
  // An option the customer did not ask to change would change too: theirs to choose, not ours to guess (unless
  // they left the choice to price).
  const unasked = Object.keys(item.options).filter(
    (k) => !cheapest && !wanted.has(k) && best[0]!.options[k] !== item.options[k],
  );
  if (unasked.length > 0) return { kind: 'ask', options: choices(product, item, fits, unasked) };
  return { kind: 'found', variant: best[0]! };
}

/**
 * The options on which the candidates differ (all the product's options when there are none, or the options
 * given), with the values in stock.
 */
function choices(
  product: Product,
  item: OrderItem,
  candidates: readonly ProductVariant[],
  only?: readonly string[],
) {
  const pool = candidates.length > 0 ? candidates : product.variants.filter((v) => v.available);
  const out: Array<{ name: string; values: string[] }> = [];
  for (const key of Object.keys(item.options)) {
    const values = [...new Set(pool.map((v) => v.options[key]).filter((v): v is string => !!v))];
    if (only ? only.includes(key) : values.length > 1 || candidates.length === 0)
      out.push({ name: key, values });
  }
  return out;
}
