import type { Order, OrderItem, Product } from '@parley/commerce';
import { itemScore, namedItems } from './items.js';
import type { Similarity } from './words.js';

/**
 * "Swap the jigsaw puzzle for a second notebook", "exchange the boots for the backpack": what the item is to
 * become, after the verb's object. Clause-bounded so "change the kettle to black. Also the lamp" stays apart.
 */
const SWAP_TO =
  /\b(?:swap|exchange|change|switch|replace|trade)\b(?<from>[^.?!\n]{0,80}?)\b(?:for|to|with|into)\s+(?<to>[^.?!\n,;]{1,60})/gi;

/** A product as an order item with no options chosen, so `itemScore` can tell whether words name it. */
const asItem = (p: Product, like: OrderItem): OrderItem => ({
  ...like,
  name: p.name,
  productId: p.id,
  options: {},
});

/**
 * The customer asks for an item to become another product ("swap the puzzle for a notebook"): a change or an
 * exchange stays within one product (another size, colour or option), so the answer is the rule, not options
 * of the item or a read-back. Only products the words name clearly count, and only when none of the items
 * being changed is of that product ("swap the red kettle for the black kettle" stays an option change).
 */
export function asksForOtherProduct(
  messages: readonly string[],
  order: Order,
  products: ReadonlyMap<string, Product>,
  similar?: Similarity,
): boolean {
  const first = order.items[0];
  if (!first) return false;
  for (const message of messages) {
    for (const m of message.matchAll(SWAP_TO)) {
      const { from = '', to = '' } = m.groups ?? {};
      const changed = namedItems(from, order.items, similar);
      const fromIds = new Set(
        (changed.length > 0 ? changed : order.items.length === 1 ? [0] : []).map(
          (i) => order.items[i]!.productId,
        ),
      );
      if (fromIds.size === 0) continue;
      const wished = [...products.values()].filter((p) => itemScore(to, asItem(p, first), similar) >= 2);
      if (wished.length > 0 && wished.every((p) => !fromIds.has(p.id))) return true;
    }
  }
  return false;
}
