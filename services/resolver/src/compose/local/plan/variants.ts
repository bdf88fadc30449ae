import type { OrderItem, Product, ProductVariant } from '@parley/commerce';
import { canon, EVERYTHING_ELSE, phraseAt, withoutIndifference } from './words.js';

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

/**
 * Sizes written as words: "a medium" is size M. Not where the word says what is wrong ("too small", "a bit
 * large"): that is the size the customer does not want.
 */
const SIZE_WORDS: Readonly<Record<string, readonly string[]>> = {
  s: ['small'],
  m: ['medium'],
  l: ['large'],
  xl: ['extra large', 'x large'],
  xxl: ['extra extra large', 'xx large'],
};
const WHAT_IS_WRONG = / (?:too|bit|very|so|really|rather|quite) (?:small|medium|large|extra large|x large) /g;

/**
 * Where a value was last written, on its own or, for a size, as a word ("medium" for M) that no other option's
 * name comes before ("ventilation medium" is the ventilation).
 */
function writtenAt(c: string, key: string, value: string, options: ReadonlyMap<string, string[]>): number {
  const own = lastOnItsOwn(c, value, options.get(key) ?? []);
  if (canon(key).trim() !== 'size') return own;
  const words = SIZE_WORDS[canon(value).trim()] ?? [];
  const names = [...options.keys()].map((k) => canon(k).trim());
  const blank = (m: string) => ` ${'_'.repeat(m.length - 2)} `;
  let told = c.replace(WHAT_IS_WRONG, blank);
  for (const name of names)
    for (const w of words) told = told.replaceAll(` ${name} ${w} `, blank(` ${name} ${w} `));
  return Math.max(own, ...words.map((w) => told.lastIndexOf(` ${w} `)));
}

/**
 * A value of an option other than the size that is also a size word, on a product sized in letters: a helmet's
 * "medium" ventilation. "Can I swap it for a medium one?" asks for the size; the ventilation is named with it.
 */
function sizeWordOfAnother(key: string, value: string, options: ReadonlyMap<string, string[]>): boolean {
  if (canon(key).trim() === 'size') return false;
  const sizes = [...options].find(([k]) => canon(k).trim() === 'size')?.[1] ?? [];
  const words = sizes.flatMap((v) => SIZE_WORDS[canon(v).trim()] ?? []);
  return words.includes(canon(value).trim());
}

/** "medium ventilation", "ventilation: medium": the value written beside its option's name. */
function besideItsName(c: string, key: string, value: string): boolean {
  const k = canon(key).trim();
  const v = canon(value).trim();
  return c.includes(` ${v} ${k} `) || c.includes(` ${k} ${v} `);
}

/**
 * Options the customer says stay as they are: "same size", "same colour", "the same red high one" (colour and
 * ventilation as they are), "size S still". Such a word outweighs a value of the same option written elsewhere:
 * in "swap it for a medium, same red high one" the medium is the size, not the ventilation.
 */
function keptOptions(passage: string, item: OrderItem): string[] {
  const c = canon(passage);
  const escape = (v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return Object.entries(item.options)
    .filter(([key, value]) => {
      const k = canon(key).trim();
      const v = escape(canon(value).trim());
      const names = k === 'color' ? [k, 'colour'] : [k];
      return (
        names.some((n) => c.includes(` same ${n} `)) ||
        new RegExp(` same (?:\\S+ ){0,2}?${v} | ${v} still | still (?:in )?${v} `).test(c)
      );
    })
    .map(([key]) => key);
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
  const kept = keptOptions(passage, item);
  const wishes: Wish[] = [];
  for (const [key, values] of options) {
    if (kept.includes(key)) continue;
    let best: Wish | undefined;
    for (const value of values) {
      if (value === item.options[key]) continue;
      if (BARE_VALUES.has(value.toLowerCase()) && phraseAt(c, key) < 0) continue;
      if (sizeWordOfAnother(key, value, options) && !besideItsName(c, key, value)) continue;
      const at = writtenAt(c, key, value, options);
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
  const rest = passages.some((p) => p.search(EVERYTHING_ELSE) >= 0);
  const kept = new Set(rest ? Object.keys(item.options) : passages.flatMap((p) => keptOptions(p, item)));
  const fits = fitting(
    product,
    item,
    new Map([...Object.entries(item.options).filter(([k]) => kept.has(k) && !wanted.has(k)), ...wanted]),
  );
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
  // they left the choice to price, or one variant in stock has all they asked for and kept: the read-back names
  // every option of it, and they confirm or not).
  const unasked = Object.keys(item.options).filter(
    (k) => !cheapest && !wanted.has(k) && best[0]!.options[k] !== item.options[k],
  );
  if (unasked.length > 0 && !(kept.size > 0 && fits.length === 1))
    return { kind: 'ask', options: choices(product, item, fits, unasked) };
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
