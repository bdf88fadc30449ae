import type { Order, PaymentMethod } from '@parley/commerce';
import type { Fact } from '@parley/contracts';
import { methodWords } from '../../hosted/proposal.js';
import type { Line } from '../products.js';
import type { TurnPlan } from './turn.js';
import type { WriteKind } from './types.js';
import {
  ALL_ITEMS_REMINDER,
  ASK_NEW_ITEMS,
  ASK_NEW_PAYMENT,
  ASK_ORDER,
  ASK_PAYMENT_METHOD,
  ASK_REFUND_METHOD,
  ASKS,
  IDENTITY_UNMATCHED,
  LEADS,
  READ_BACK,
} from './wording.js';

// The planner's reply in paragraphs of lines: the order's own facts (listed as facts), and fixed sentences that
// ask, read back or refuse. The read-back is written from the store's preview of the write, not composed.

const fixed = (text: string): Line => ({ kind: 'fixed', text });

function list(parts: readonly string[], last = 'and'): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} ${last} ${parts.at(-1)}`;
}

function orderFacts(order: Order): Fact[] {
  const ref = order.id;
  return [
    { source: 'order', ref, field: 'orderId', value: ref },
    { source: 'order', ref, field: 'status', value: order.status },
    { source: 'order', ref, field: 'items', value: list(order.items.map((i) => i.name)) },
  ];
}

function describe(order: Order): Line[] {
  const facts = orderFacts(order);
  return [
    { kind: 'fact', text: `Your order ${order.id} is currently ${order.status}.`, facts },
    { kind: 'fact', text: `It contains ${list(order.items.map((i) => i.name))}.`, facts },
  ];
}

function choices(orders: readonly Order[]): Line[] {
  if (orders.length === 0) return [];
  const text = `I can see these orders on your account: ${orders
    .slice(0, 8)
    .map((o) => `${o.id} (${o.status}: ${list(o.items.map((i) => i.name))})`)
    .join('; ')}.`;
  return [{ kind: 'fact', text, facts: orders.slice(0, 8).flatMap(orderFacts) }];
}

function methodsLine(methods: readonly PaymentMethod[]): Line {
  return fixed(
    `The payment methods on your account are ${list(
      methods.map(
        (m) =>
          `${methodWords(m.id, methods)}${m.kind === 'gift_card' ? ` (balance $${m.balance.toFixed(2)})` : ''}`,
      ),
      'or',
    )}.`,
  );
}

const REFUSED: Record<string, (order?: Order) => string> = {
  order_not_pending: (o) =>
    `Only pending orders can be cancelled or changed, and ${o?.id ?? 'this order'} is ${o?.status ?? 'not pending'}.`,
  order_not_delivered: (o) =>
    `Only delivered orders can be returned or exchanged, and ${o?.id ?? 'this order'} is ${o?.status ?? 'not delivered'}.`,
  same_payment_method: (o) =>
    `${o?.id ?? 'This order'} is already paid with that payment method; a new payment method must be a different one.`,
  same_product_only: () =>
    'An item can only be changed or exchanged for another option of the same product, such as another size or colour, not for a different product.',
  cancel_whole_order: (o) =>
    `A cancellation applies to the whole of ${o?.id ?? 'the order'}, not to single items.`,
  items_already_modified: (o) =>
    `The items of ${o?.id ?? 'this order'} were already changed once, so it can no longer be cancelled or changed.`,
};

/** The reply's paragraphs, and what it asks the customer for (for `draft.clarifies`). */
export function planReply(turn: TurnPlan): { paragraphs: Line[][]; clarifies: string[] } {
  const { plan, account, requested } = turn;
  const lead = fixed(
    LEADS[plan.kind !== 'ask' || !('write' in plan) || !plan.write ? requested : plan.write],
  );
  const methods = account?.customer.paymentMethods ?? [];
  const order = 'order' in plan ? plan.order : undefined;
  const about = order ? describe(order) : [];
  switch (plan.kind) {
    case 'propose': {
      const reminder =
        plan.write === 'order_items' || plan.write === 'exchange' ? [fixed(ALL_ITEMS_REMINDER)] : [];
      return {
        paragraphs: [
          [lead, ...about],
          [fixed(`${READ_BACK} ${turn.preview!.summary}`), ...reminder],
        ],
        clarifies: [],
      };
    }
    case 'refuse': {
      const rule =
        REFUSED[plan.rule]?.(order) ?? turn.refusal ?? 'The store policy does not allow this change.';
      return { paragraphs: [about, [fixed(rule)]], clarifies: [] };
    }
    case 'ask': {
      const asking = askLines(
        plan,
        methods,
        plan.missing === 'identity' ? undefined : (plan as { write?: WriteKind }).write,
      );
      return { paragraphs: [[lead, ...about], asking], clarifies: [plan.missing] };
    }
  }
}

function askLines(
  plan: Extract<TurnPlan['plan'], { kind: 'ask' }>,
  methods: readonly PaymentMethod[],
  write?: WriteKind,
): Line[] {
  switch (plan.missing) {
    case 'order':
      return [...choices('orders' in plan ? (plan.orders ?? []) : []), fixed(ASK_ORDER)];
    case 'payment': {
      if (write === 'return')
        return [
          fixed(`${ASK_REFUND_METHOD} It can go to the original payment method or to a gift card.`),
          methodsLine(methods),
        ];
      return [fixed(write === 'order_payment' ? ASK_NEW_PAYMENT : ASK_PAYMENT_METHOD), methodsLine(methods)];
    }
    case 'new_items': {
      const options = 'options' in plan ? (plan.options ?? []) : [];
      return [
        fixed(ASK_NEW_ITEMS),
        ...options.map((o) => fixed(`${o.item}, ${o.name}: ${list(o.values, 'or')}.`)),
      ];
    }
    case 'identity':
      return [
        ...('unmatched' in plan && plan.unmatched ? [fixed(IDENTITY_UNMATCHED)] : []),
        fixed(ASKS.identity),
      ];
    default:
      return [fixed(ASKS[plan.missing])];
  }
}
