import type { Customer, Order, Product } from '@parley/commerce';

/** What the planner knows of the sender: their store record, their orders and the products in those orders. */
export interface Account {
  customer: Customer;
  orders: Order[];
  products: ReadonlyMap<string, Product>;
}

/** The store writes a customer can ask for, by what they change. */
export type WriteKind =
  'cancel' | 'order_address' | 'order_items' | 'order_payment' | 'return' | 'exchange' | 'user_address';

/** The store tool each write runs (`@parley/commerce` names). */
export const TOOL_OF: Record<WriteKind, string> = {
  cancel: 'cancel_pending_order',
  order_address: 'modify_pending_order_address',
  order_items: 'modify_pending_order_items',
  order_payment: 'modify_pending_order_payment',
  return: 'return_delivered_order_items',
  exchange: 'exchange_delivered_order_items',
  user_address: 'modify_user_address',
};

/** What a write still needs from the customer. */
export type Missing =
  'identity' | 'order' | 'reason' | 'items' | 'new_items' | 'payment' | 'address' | 'write';

/** What the planner makes of the conversation. */
export type Plan =
  | { kind: 'propose'; write: WriteKind; tool: string; input: Record<string, unknown>; order?: Order }
  | {
      kind: 'ask';
      write?: WriteKind;
      missing: Missing;
      order?: Order;
      /** Orders to choose from (missing `order`), or the options a new variant can take (`new_items`). */
      orders?: Order[];
      options?: Array<{ item: string; name: string; values: string[] }>;
    }
  | { kind: 'refuse'; write: WriteKind; rule: string; order?: Order };
