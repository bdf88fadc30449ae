import type { Order } from '@parley/commerce';
import { orderIdsIn, pickedByPosition } from '@parley/wording';
import { namedItems } from './items.js';
import type { Requested } from './request.js';
import { statusesFor, statusRule } from './request.js';
import type { Similarity } from './words.js';

export type OrderChoice =
  | { kind: 'order'; order: Order }
  | { kind: 'ask'; orders: Order[]; unowned: string[] }
  | { kind: 'refuse'; order: Order; rule: string };

const bare = (id: string) => id.replace(/^#/, '').toUpperCase();

/** "the order number ends in 66": the digits an order id ends with. */
function endingDigits(text: string): string | undefined {
  return /\bends? (?:in|with) (\d{2,6})\b/i.exec(text)?.[1];
}

/**
 * The order a write is about: the one the customer named (in their latest message first), else the only one of
 * theirs that is in a status the write needs and holds the items they named, else a choice to offer. A named or
 * only fitting order in the wrong status is refused with the store's rule, never swapped for another.
 */
export function chooseOrder(
  messages: readonly string[],
  orders: readonly Order[],
  write: Requested,
  similar?: Similarity,
  offered?: readonly string[],
  earlier?: readonly string[],
): OrderChoice {
  const text = messages.join('\n');
  const own = new Map(orders.map((o) => [bare(o.id), o]));
  const latest = messages.at(-1) ?? '';
  const picked = offered && orderIdsIn(latest).length === 0 ? pickedByPosition(latest, offered) : undefined;
  // The order picked from the list just offered, then the latest message's, then earlier ones newest first;
  // within a message, in the order written.
  const named = [...(picked ? [picked] : []), ...[...messages].reverse().flatMap((m) => orderIdsIn(m))].map(
    bare,
  );
  const unowned = [...new Set(named.filter((id) => !own.has(id)))].map((id) => `#${id}`);
  const hit = named.map((id) => own.get(id)).find((o) => o !== undefined);
  const statuses = statusesFor(write);
  if (hit) return statuses.includes(hit.status) ? { kind: 'order', order: hit } : refuse(hit, write);
  if (unowned.length > 0) return { kind: 'ask', orders: [], unowned };

  const ending = endingDigits(text);
  const pool = ending ? orders.filter((o) => o.id.endsWith(ending)) : orders;
  const withItems = pool.filter((o) => namedItems(text, o.items, similar).length > 0);
  // Nothing in the request says which: the order the conversation spoke of last is the one meant, as if named.
  const before =
    ending || withItems.length > 0 ? undefined : earlier?.map((id) => own.get(bare(id))).find(Boolean);
  if (before)
    return statuses.includes(before.status) ? { kind: 'order', order: before } : refuse(before, write);
  // Items named narrow the choice only when some order holds them.
  const candidates = withItems.length > 0 ? withItems : pool;
  const fitting = candidates.filter((o) => statuses.includes(o.status));
  if (fitting.length === 1) return { kind: 'order', order: fitting[0]! };
  if (fitting.length === 0 && candidates.length === 1 && (withItems.length > 0 || ending))
    return refuse(candidates[0]!, write);
  return { kind: 'ask', orders: fitting.length > 0 ? fitting : [], unowned: [] };
}

function refuse(order: Order, write: Requested): OrderChoice {
  return { kind: 'refuse', order, rule: statusRule(write, order.status) };
}
