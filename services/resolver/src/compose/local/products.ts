import type { Fact, ProductFacts, ProductVariantFacts, ToolCall } from '@parley/contracts';
import { nameFact, optionFact, optionValues, price, stock, variantFacts } from '../product-facts.js';
import { matchingVariants, namedOptions, OPTION_VOCABULARY, words } from '@parley/catalog';
import { ASK_OPTIONS } from './boilerplate.js';

/** A handful: enough to answer, short enough to read. */
export const MAX_PRODUCTS_SHOWN = 3;
export const MAX_VARIANTS_LISTED = 5;

export type Line = { kind: 'fact'; text: string; facts: Fact[] } | { kind: 'fixed'; text: string };

/**
 * What to say about one product: `match` lists the variants with the options named, `all` lists variants
 * when no option was named, `none` says which options exist when no variant has those named (or the
 * customer named a colour or material the product does not come in).
 */
export interface ProductAnswer {
  product: ProductFacts;
  kind: 'match' | 'all' | 'none';
  named: Map<string, Set<string>>;
  listed: ProductVariantFacts[];
  more: boolean;
}

const byStockThenPrice = (a: ProductVariantFacts, b: ProductVariantFacts) =>
  Number(b.available) - Number(a.available) || a.price - b.price || a.itemId.localeCompare(b.itemId);

/** A colour or material the customer wrote that is neither an option value nor part of the product's name. */
function asksForUnknown(said: readonly string[], product: ProductFacts): boolean {
  const known = new Set(
    [product.name, ...product.variants.flatMap((v) => Object.values(v.options))].flatMap(words),
  );
  return said.some((w) => OPTION_VOCABULARY.has(w) && !known.has(w));
}

export function answerFor(question: string, product: ProductFacts, onlyProduct: boolean): ProductAnswer {
  const said = words(question);
  const named = namedOptions(said, product.variants);
  const matching = matchingVariants(product.variants, named);
  const unknown = onlyProduct && asksForUnknown(said, product);
  const kind = unknown || matching.length === 0 ? 'none' : named.size > 0 ? 'match' : 'all';
  const pool = kind === 'none' ? [] : [...matching].sort(byStockThenPrice);
  return {
    product,
    kind,
    named,
    listed: pool.slice(0, MAX_VARIANTS_LISTED),
    more: pool.length > MAX_VARIANTS_LISTED,
  };
}

function joinAnd(parts: readonly string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}

/** "black color"; the catalogue's "none" reads "no armrest". */
const phrase = (key: string, values: readonly string[]) =>
  values.length === 1 && values[0] === 'none' ? `no ${key}` : `${values.join(' or ')} ${key}`;

/** "leather material, black color, adjustable armrest" */
const optionPhrase = (options: Record<string, string>) =>
  Object.entries(options)
    .map(([key, value]) => phrase(key, [value]))
    .join(', ');

const namedPhrase = (named: ReadonlyMap<string, ReadonlySet<string>>) =>
  joinAnd([...named].map(([key, values]) => phrase(key, [...values])));

function variantLine(product: ProductFacts, v: ProductVariantFacts): Line {
  return {
    kind: 'fact',
    text: `- ${product.name}, ${optionPhrase(v.options)}: ${stock(v.available)}, ${price(v.price)}.`,
    facts: [nameFact(product), ...variantFacts(product, v)],
  };
}

function optionLines(product: ProductFacts): Line[] {
  return [...optionValues(product.variants)].map(([key, values]) => ({
    kind: 'fact',
    text: `- ${key}: ${values.join(', ')}.`,
    facts: [optionFact(product, key, values)],
  }));
}

/** The lines of the answer about one product, each fact line with the facts it states. */
export function productLines(a: ProductAnswer): Line[] {
  const { product, listed } = a;
  const name = nameFact(product);
  const fact = (text: string): Line => ({ kind: 'fact', text, facts: [name] });
  const lines: Line[] = [];
  if (a.kind === 'none') {
    lines.push(fact(`The ${product.name} does not come with exactly the options you asked for.`));
    lines.push(fact(`The ${product.name} comes in these options:`));
    return [...lines, ...optionLines(product)];
  }
  if (a.kind === 'match') {
    const one = listed.length === 1 && !a.more;
    lines.push(
      fact(
        `Here ${one ? 'is the' : 'are the'} ${product.name} ${one ? 'variant' : 'variants'} with ${namedPhrase(a.named)}:`,
      ),
    );
  } else if (a.more) {
    lines.push(fact(`The ${product.name} comes in these options:`), ...optionLines(product));
    lines.push(fact(`Some of the ${product.name} variants:`));
  } else {
    lines.push(fact(`Here are the ${product.name} variants:`));
  }
  lines.push(...listed.map((v) => variantLine(product, v)));
  if (a.more) lines.push({ kind: 'fixed', text: ASK_OPTIONS });
  return lines;
}

/** The lookup as a tool call: what was looked up (product names and the options named). */
export function lookupCall(answers: readonly ProductAnswer[]): ToolCall {
  const query = answers
    .map((a) => (a.named.size > 0 ? `${a.product.name} (${namedPhrase(a.named)})` : a.product.name))
    .join('; ');
  return { name: 'lookup_product', input: { query }, status: 'ok' };
}
