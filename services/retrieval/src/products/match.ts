import type { ProductFacts, ProductVariantFacts } from '@parley/contracts';
import { matchingVariants, namedOptions, runsOf, words } from '@parley/catalog';

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
}

/** The catalogue held in memory, its names split into words once. */
export class Catalogue {
  readonly entries: readonly Entry[];

  constructor(products: readonly CatalogueProduct[]) {
    this.entries = products.map((product) => {
      const nameWords = words(product.name);
      return { product, nameWords, compact: nameWords.join('') };
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

const inside = (a: Hit, b: Hit) =>
  a !== b && a.length < b.length && a.at >= b.at && a.at + a.length <= b.at + b.length;

/**
 * Catalogue products the text names (case and plural insensitive), in order of mention. Each keeps the
 * variants with the options the text names when at least one has them all, otherwise all its variants
 * (so the answer can say which options exist). A name inside a longer matched name does not count.
 */
export function matchProducts(text: string, catalogue: Catalogue): ProductFacts[] {
  const said = words(text);
  const hits = catalogue.entries.map((e) => find(said, e)).filter((h): h is Hit => h !== undefined);
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
