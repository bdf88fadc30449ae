import type { ProductVariantFacts } from '@parley/contracts';
import { runsOf, words } from './words.js';

/**
 * Values too common in ordinary sentences to count on their own ("is it available in small?", "no idea",
 * sizes like "M" or "10"): they count only next to their option's name ("size M", "high brightness").
 */
const WEAK = new Set([
  'yes',
  'no',
  'high',
  'low',
  'medium',
  'small',
  'large',
  'full',
  'half',
  'basic',
  'standard',
  'light',
  'dark',
  'plain',
  'fixed',
  'manual',
  'custom',
  'fresh',
]);

function isWeak(value: string): boolean {
  const compact = value.toLowerCase().replace(/[^a-z0-9]/g, '');
  return compact.length <= 2 || /^\d+$/.test(compact) || WEAK.has(value.toLowerCase());
}

/** The option name within two words before the value or right after it ("size: M", "adjustable armrests"). */
function besideKey(text: readonly string[], at: number, length: number, key: readonly string[]): boolean {
  return runsOf(text, key).some(
    (k) => (k + key.length <= at && at - (k + key.length) <= 1) || k === at + length,
  );
}

function named(text: readonly string[], key: string, value: string): boolean {
  const keyWords = words(key);
  // "none" is what the catalogue writes; customers write "no armrests" or "without a backlight".
  if (value.toLowerCase() === 'none') {
    return runsOf(text, ['no', ...keyWords]).length > 0 || runsOf(text, ['without', ...keyWords]).length > 0;
  }
  const valueWords = words(value);
  const at = runsOf(text, valueWords);
  if (!isWeak(value)) return at.length > 0;
  return at.some((i) => besideKey(text, i, valueWords.length, keyWords));
}

/** For each option, the values of these variants that the text names (options with none are left out). */
export function namedOptions(
  text: readonly string[],
  variants: readonly ProductVariantFacts[],
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const v of variants) {
    for (const [key, value] of Object.entries(v.options)) {
      if (out.get(key)?.has(value) || !named(text, key, value)) continue;
      out.set(key, (out.get(key) ?? new Set<string>()).add(value));
    }
  }
  return out;
}

/** Variants with, for every named option, one of the values named for it. */
export function matchingVariants<V extends ProductVariantFacts>(
  variants: readonly V[],
  wanted: ReadonlyMap<string, ReadonlySet<string>>,
): V[] {
  return variants.filter((v) =>
    [...wanted].every(([key, values]) => v.options[key] !== undefined && values.has(v.options[key])),
  );
}
