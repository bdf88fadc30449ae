// How catalogue facts are written into `draft.facts` and read back by the grounding check: one module owns
// the format so the two cannot drift.
import type { Fact, ProductFacts, ProductVariantFacts } from '@parley/contracts';

export const IN_STOCK = 'in stock';
export const OUT_OF_STOCK = 'out of stock';

export const price = (amount: number) => `$${amount.toFixed(2)}`;
export const stock = (available: boolean) => (available ? IN_STOCK : OUT_OF_STOCK);
/** "material: leather, color: black" (option order as the catalogue has it). */
export const optionList = (options: Record<string, string>) =>
  Object.entries(options)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');

const VARIANT_FIELD = /^variants\.(.+)\.(options|available|price)$/;
const OPTION_FIELD = /^options\.(.+)$/;

const tool = (ref: string, field: string, value: string): Fact => ({ source: 'tool', ref, field, value });

export function nameFact(product: ProductFacts): Fact {
  return tool(product.productId, 'name', product.name);
}

/** A variant's options, availability and price, each a fact of the product. */
export function variantFacts(product: ProductFacts, v: ProductVariantFacts): Fact[] {
  const field = (f: string) => `variants.${v.itemId}.${f}`;
  return [
    tool(product.productId, field('options'), optionList(v.options)),
    tool(product.productId, field('available'), stock(v.available)),
    tool(product.productId, field('price'), price(v.price)),
  ];
}

/** The values one option takes across these variants, in catalogue order, each once. */
export function optionValues(variants: readonly ProductVariantFacts[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const v of variants) {
    for (const [key, value] of Object.entries(v.options)) {
      const seen = out.get(key) ?? [];
      if (!seen.includes(value)) out.set(key, [...seen, value]);
    }
  }
  return out;
}

export function optionFact(product: ProductFacts, key: string, values: readonly string[]): Fact {
  return tool(product.productId, `options.${key}`, values.join(', '));
}

export interface StatedVariant {
  values: string[];
  available?: boolean;
  price?: number;
}

/** What the tool facts state about one product, read back from `draft.facts`. */
export interface StatedProduct {
  productId: string;
  name?: string;
  variants: StatedVariant[];
  /** Every option value stated for the product, by a variant or an option list. */
  values: string[];
}

/** Groups tool facts by product; facts of other sources are ignored. */
export function statedProducts(facts: readonly Fact[]): StatedProduct[] {
  type Building = StatedProduct & { byItem: Map<string, StatedVariant> };
  const products = new Map<string, Building>();
  for (const f of facts) {
    if (f.source !== 'tool') continue;
    const fresh: Building = { productId: f.ref, variants: [], values: [], byItem: new Map() };
    const p = products.get(f.ref) ?? fresh;
    products.set(f.ref, p);
    const variant = VARIANT_FIELD.exec(f.field);
    const option = OPTION_FIELD.exec(f.field);
    if (f.field === 'name') p.name = f.value;
    else if (option) p.values.push(...f.value.split(', '));
    else if (variant) {
      const v = p.byItem.get(variant[1]!) ?? { values: [] };
      p.byItem.set(variant[1]!, v);
      if (variant[2] === 'options') {
        v.values = f.value.split(', ').map((pair) => pair.slice(pair.indexOf(': ') + 2));
        p.values.push(...v.values);
      } else if (variant[2] === 'available') v.available = f.value === IN_STOCK;
      else v.price = Number(f.value.replace(/^\$/, ''));
    }
  }
  return [...products.values()].map(({ byItem, ...p }) => ({ ...p, variants: [...byItem.values()] }));
}
