import { commonestWordMender } from '@parley/intent-model';
import type { Account } from './types.js';

/** Names of payment methods a customer may misspell that general English holds as rare or not at all. */
const PAYMENT_WORDS = ['paypal', 'mastercard', 'amex'];

/**
 * The planner's spelling mender (`commonestWordMender` of `@parley/intent-model`): a word no dictionary holds is
 * read as the commonest word one edit away ("my gidt card", "the camea"). With an account, the words of its
 * orders' items and products (names, options and their values: "HEPA", "Wi-Fi") are its own words: never
 * changed, and what a misspelling of one is read as.
 */
export function plannerMender(
  commonRank: (word: string) => number | undefined,
  account?: Account,
): (text: string) => string {
  return commonestWordMender(commonRank, [...PAYMENT_WORDS, ...(account ? orderWords(account) : [])]);
}

/** The words of an account's items and of its orders' products, lower case. */
export function orderWords(account: Account): Set<string> {
  const words = new Set<string>();
  const add = (text: string) => {
    for (const w of text.toLowerCase().match(/\p{L}+/gu) ?? []) words.add(w);
  };
  const options = (o: Record<string, string>) => {
    for (const [key, value] of Object.entries(o)) add(`${key} ${value}`);
  };
  for (const order of account.orders)
    for (const item of order.items) {
      add(item.name);
      options(item.options);
    }
  for (const product of account.products.values()) {
    add(product.name);
    for (const v of product.variants) options(v.options);
  }
  return words;
}
