import type { ProductFacts, ProductVariantFacts } from '@parley/contracts';
import { matchingVariants, namedOptions, runsOf, words, wordsAsWritten } from '@parley/catalog';
import type { Similarity } from '@parley/word-vectors';

export const MAX_PRODUCTS = 10;
export const MAX_VARIANTS = 50;

/** Intents whose answers use catalogue facts: questions about products and swaps to another variant. */
export const PRODUCT_INTENTS: ReadonlySet<string> = new Set([
  'product_question',
  'exchange_request',
  'modify_order',
]);

export interface CatalogueProduct {
  id: string;
  name: string;
  variants: ProductVariantFacts[];
}

interface Entry {
  product: CatalogueProduct;
  nameWords: string[];
  /** The name without spaces or hyphens ("tshirt", "ereader", "wristwatch"), as customers often write it. */
  compact: string;
  /**
   * The word that says what kind of thing it is: the name's last word that is not a generic head, as the
   * catalogue writes it and made singular ("headphones", "headphone"), for matching by meaning.
   */
  heads: string[];
}

/** The catalogue held in memory, its names split into words once. */
export class Catalogue {
  readonly entries: readonly Entry[];

  /**
   * `similar` (word vectors' cosine), when given, lets a product be named in other words ("bike" for the
   * Bicycle) where the message names none in the catalogue's.
   */
  constructor(
    products: readonly CatalogueProduct[],
    readonly similar?: Similarity,
  ) {
    this.entries = products.map((product) => {
      const nameWords = words(product.name);
      const at = nameWords.findLastIndex((w) => !GENERIC_HEADS.has(w) && w.length >= 3);
      const heads = at < 0 ? [] : [...new Set([nameWords[at]!, wordsAsWritten(product.name)[at]!])];
      return { product, nameWords, compact: nameWords.join(''), heads };
    });
  }

  get size(): number {
    return this.entries.length;
  }
}

interface Hit {
  entry: Entry;
  at: number;
  length: number;
}

/**
 * Last words of a name that say only what kind of thing it is ("Dumbbell Set", "Makeup Kit"), and read as
 * everyday words too ("set my address"): never taken alone for the product.
 */
const GENERIC_HEADS = new Set(['set', 'kit', 'machine', 'maker', 'cleaner']);

/**
 * Where the text names the product, as a run of words; undefined when it does not. Customers shorten names
 * to their last words ("the keyboard" for the Mechanical Keyboard, "my security camera"): the longest such
 * tail found counts, shorter than the whole name, so a product named in full outranks one named by its
 * tail at the same place, and a tail several products share ("camera") names each of them.
 */
function find(text: readonly string[], entry: Entry): Hit | undefined {
  const name = entry.nameWords;
  const exact = runsOf(text, name)[0];
  if (exact !== undefined) return { entry, at: exact, length: name.length };
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === entry.compact) return { entry, at: i, length: 1 };
    if (text[i]! + (text[i + 1] ?? '') === entry.compact) return { entry, at: i, length: 2 };
  }
  for (let length = name.length - 1; length >= 1; length -= 1) {
    const tail = name.slice(-length);
    if (length === 1 && (GENERIC_HEADS.has(tail[0]!) || tail[0]!.length < 3)) continue;
    const at = runsOf(text, tail)[0];
    // Scored a word shorter than it is, so a full or compact name of another product at the same place wins.
    if (at !== undefined) return { entry, at, length: length - 0.5 };
  }
  return undefined;
}

/** How close in meaning a word must be to a product's head word to name it ("bike" 0.90 to "bicycle"). */
export const NAMED_LIKE = 0.75;

/**
 * Products the text names in words of its own: each word of the text against each product's head words
 * (`Entry.heads`), a product named where the closest word is at least `NAMED_LIKE` alike ("bike" for the
 * Bicycle, "headset" for the Headphones; "barbecue" at 0.72 is not enough for the Grill). Only when no product
 * is named in the catalogue's words, and never without word vectors.
 */
function namedInOtherWords(said: readonly string[], catalogue: Catalogue): Hit[] {
  const { similar } = catalogue;
  if (!similar) return [];
  const hits: Hit[] = [];
  for (const entry of catalogue.entries) {
    const at = said.findIndex(
      (w) => /^[a-z]{3,}$/.test(w) && entry.heads.some((h) => similar(w, h) >= NAMED_LIKE),
    );
    if (at >= 0) hits.push({ entry, at, length: 0 });
  }
  return hits;
}

const inside = (a: Hit, b: Hit) =>
  a !== b && a.length < b.length && a.at >= b.at && a.at + a.length <= b.at + b.length;

/**
 * Catalogue products the text names (case and plural insensitive), in order of mention. Each keeps the
 * variants with the options the text names when at least one has them all, otherwise all its variants
 * (so the answer can say which options exist). A name inside a longer matched name does not count.
 */
export function matchProducts(text: string, catalogue: Catalogue): ProductFacts[] {
  const said = words(text);
  const named = catalogue.entries.map((e) => find(said, e)).filter((h): h is Hit => h !== undefined);
  const hits = named.length > 0 ? named : namedInOtherWords(said, catalogue);
  return hits
    .filter((h) => !hits.some((other) => inside(h, other)))
    .sort((a, b) => a.at - b.at)
    .slice(0, MAX_PRODUCTS)
    .map(({ entry: { product } }) => {
      const narrowed = matchingVariants(product.variants, namedOptions(said, product.variants));
      const variants = narrowed.length > 0 ? narrowed : product.variants;
      return { productId: product.id, name: product.name, variants: variants.slice(0, MAX_VARIANTS) };
    });
}
