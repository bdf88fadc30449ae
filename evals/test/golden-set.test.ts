// Consistency of the golden set (evals/golden): every case agrees with the help centre, the taxonomy and the
// store data it was written from, and the two halves are disjoint and cover what the README promises. The
// train split (cases for models that learn, never reported) follows the same rules, shares no ticket and no
// customer with the halves, and has its own minimums. So does the calibration split (answerable questions
// that only choose and check the answer threshold), which shares nothing with the other three, and the fresh
// split (answerable questions and own-order status in customers' words, only reported), which shares nothing
// with the other four. The bank (questions written only to be answered questions) shares nothing with any split.
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  loadCustomers,
  loadHelpCentre,
  loadOrders,
  loadProducts,
  loadTaxonomy,
  INTENTS,
} from '@parley/demo-store';
import type { Customer, Order, Product } from '@parley/demo-store';
import { CATEGORIES, STYLES, loadGoldenBank, loadGoldenSplit } from '../src/golden/cases.js';
import type { Category, GoldenCase } from '../src/golden/cases.js';

/** What the README documents: the least each category holds across both halves. */
const CATEGORY_MINIMUM: Record<Category, number> = {
  help_centre: 120,
  store_info: 40,
  product: 15,
  order_status: 80,
  action: 60,
  complaint: 25,
  out_of_scope: 25,
  human: 15,
  other_customers_order: 10,
};
const MIN_CASES = 400;
const MIN_CASES_PER_ARTICLE = 6;
const MIN_CASES_PER_STYLE = 5;
const MIN_ANONYMOUS = 100;

/** What the README documents for the train split on its own. */
const TRAIN_CATEGORY_MINIMUM: Record<Category, number> = {
  help_centre: 150,
  store_info: 50,
  product: 20,
  order_status: 60,
  action: 30,
  complaint: 10,
  out_of_scope: 10,
  human: 8,
  other_customers_order: 6,
};
const TRAIN_MIN_CASES = 400;
const TRAIN_MIN_PER_STATUS = 12;
const TRAIN_MIN_ANONYMOUS = 80;

/** What the README documents for the calibration split. */
const CALIBRATION_MIN_CASES = 140;
const CALIBRATION_MIN_PER_ARTICLE = 3;
/** What the README documents for the fresh split. */
const FRESH_MIN_CASES = 150;
const FRESH_MIN_PER_ARTICLE = 2;
/** What the README documents for the bank. */
const BANK_MIN_CASES = 300;
const BANK_MIN_PER_ARTICLE = 6;
/** Questions an article, the store's info or the catalogue answers: an automatic answer may resolve them. */
const ANSWERABLE: readonly Category[] = ['help_centre', 'store_info', 'product'];

/** The order status a tool needs (policy.md): only pending orders change, only delivered ones go back. */
const TOOL_NEEDS_STATUS: Record<string, Order['status']> = {
  cancel_order: 'pending',
  modify_pending_order_address: 'pending',
  modify_pending_order_items: 'pending',
  modify_pending_order_payment: 'pending',
  return_delivered_order_items: 'delivered',
  exchange_delivered_order_items: 'delivered',
};

/** Markdown emphasis and links removed, case and spacing ignored: how a fact reads in a plain reply. */
const plain = (text: string): string =>
  text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*|`/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/** Two texts that differ only by case, punctuation, spacing or the order id are the same ticket. */
const sameTicket = (text: string): string =>
  text
    .toLowerCase()
    .replace(/#w\d+/g, '#w')
    .replace(/[^a-z0-9#]+/g, ' ')
    .trim();

function values(x: unknown): string[] {
  if (Array.isArray(x)) return x.flatMap(values);
  if (x !== null && typeof x === 'object') return Object.values(x).flatMap(values);
  return [String(x)];
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** Cases of `split` whose ticket text or demo customer is also in `others`, as "id: what". */
function sharedWith(split: readonly GoldenCase[], others: readonly GoldenCase[]): string[] {
  const texts = new Set(others.map((c) => sameTicket(c.text)));
  const senders = new Set(others.flatMap((c) => (c.customer === undefined ? [] : [c.customer])));
  return split.flatMap((c) => [
    ...(texts.has(sameTicket(c.text)) ? [`${c.id}: ticket text`] : []),
    ...(c.customer !== undefined && senders.has(c.customer) ? [`${c.id}: customer`] : []),
  ]);
}

let dev: GoldenCase[];
let test: GoldenCase[];
let all: GoldenCase[];
let train: GoldenCase[];
let calibration: GoldenCase[];
let fresh: GoldenCase[];
let bank: GoldenCase[];
/** Every case of the five splits and the bank: the rules each case follows hold for all of them. */
let every: GoldenCase[];
let articles: Map<string, string>;
let intents: Set<string>;
let customers: Map<string, Customer>;
let orders: Map<string, Order>;
let products: Map<string, Product>;
let catalogue: string;

beforeAll(async () => {
  [dev, test, train, calibration, fresh, bank] = await Promise.all([
    loadGoldenSplit('dev'),
    loadGoldenSplit('test'),
    loadGoldenSplit('train'),
    loadGoldenSplit('calibration'),
    loadGoldenSplit('fresh'),
    loadGoldenBank(),
  ]);
  all = [...dev, ...test];
  every = [...all, ...train, ...calibration, ...fresh, ...bank];
  const [help, taxonomy, customerList, orderList, productList] = await Promise.all([
    loadHelpCentre(),
    loadTaxonomy(),
    loadCustomers(),
    loadOrders(),
    loadProducts(),
  ]);
  articles = new Map(help.map((a) => [a.id, plain(`${a.title}\n${a.markdown}`)]));
  intents = new Set(Object.keys(taxonomy.intents));
  customers = new Map(customerList.map((c) => [c.email, c]));
  orders = new Map(orderList.map((o) => [o.id, o]));
  products = new Map(productList.map((p) => [p.id, p]));
  catalogue = plain(values(productList).join(' '));
});

/** Articles that fewer than `min` of the cases name. */
function thinArticles(cases: readonly GoldenCase[], min: number): string[] {
  const counts = countBy(
    cases.flatMap((c) => c.articles),
    (a) => a,
  );
  return [...articles.keys()].filter((a) => (counts.get(a) ?? 0) < min);
}

/** Cases breaking a rule, as "id: problem"; the assertions expect none. */
function violations(check: (c: GoldenCase) => string | undefined): string[] {
  return every.flatMap((c) => {
    const problem = check(c);
    return problem === undefined ? [] : [`${c.id}: ${problem}`];
  });
}

describe('golden set', () => {
  it('has at least 400 cases with unique ids, split about half and half', () => {
    expect(all.length).toBeGreaterThanOrEqual(MIN_CASES);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    expect(Math.abs(dev.length - test.length)).toBeLessThanOrEqual(Math.ceil(all.length * 0.05));
  });

  it('has no ticket text twice, within a half or across the halves', () => {
    const devTexts = new Set(dev.map((c) => sameTicket(c.text)));
    const testTexts = new Set(test.map((c) => sameTicket(c.text)));
    expect(devTexts.size).toBe(dev.length);
    expect(testTexts.size).toBe(test.length);
    expect(test.filter((c) => devTexts.has(sameTicket(c.text))).map((c) => c.id)).toEqual([]);
  });

  it('names only existing articles, intents of the taxonomy and demo customers', () => {
    expect(violations((c) => c.articles.find((a) => !articles.has(a)))).toEqual([]);
    expect(violations((c) => (intents.has(c.intent) ? undefined : c.intent))).toEqual([]);
    expect(
      violations((c) =>
        c.customer === undefined || customers.has(c.customer) ? undefined : 'unknown customer',
      ),
    ).toEqual([]);
  });

  it("asks about the sender's own orders, except the other-customer cases which never do", () => {
    const problems = violations((c) => {
      if (c.orderId === undefined) return undefined;
      const order = orders.get(c.orderId);
      if (order === undefined) return `unknown order ${c.orderId}`;
      const own = c.customer !== undefined && customers.get(c.customer)?.id === order.customerId;
      if (c.category === 'other_customers_order') return own ? "the sender's own order" : undefined;
      return own ? undefined : "not the sender's order";
    });
    expect(problems).toEqual([]);
    expect(every.filter((c) => c.category === 'other_customers_order' && c.orderId === undefined)).toEqual(
      [],
    );
  });

  it('takes every mustContain fact from one of its articles or its store data', () => {
    const problems = violations((c) => {
      const sources = c.articles.map((a) => articles.get(a) ?? '');
      if (c.customer !== undefined) sources.push(plain(values(customers.get(c.customer)).join(' ')));
      if (c.orderId !== undefined) sources.push(plain(values(orders.get(c.orderId)).join(' ')));
      sources.push(catalogue);
      const missing = c.mustContain.filter((fact) => !sources.some((s) => s.includes(plain(fact))));
      return missing.length > 0 ? `not found: ${missing.join(' | ')}` : undefined;
    });
    expect(problems).toEqual([]);
  });

  it('answers every help-centre article at least 6 times', () => {
    expect(thinArticles(all, MIN_CASES_PER_ARTICLE)).toEqual([]);
  });

  it('covers every intent and every category in both halves, with the documented category counts', () => {
    for (const half of [dev, test]) {
      expect(INTENTS.filter((i) => !half.some((c) => c.intent === i))).toEqual([]);
      expect(CATEGORIES.filter((k) => !half.some((c) => c.category === k))).toEqual([]);
    }
    const counts = countBy(all, (c) => c.category);
    const short = CATEGORIES.filter((k) => (counts.get(k) ?? 0) < CATEGORY_MINIMUM[k]);
    expect(short).toEqual([]);
  });

  it("asks about the sender's own orders in all four statuses, showing the status and the tracking id", () => {
    const own = all.filter((c) => c.category === 'order_status');
    expect(
      every
        .filter((c) => c.category === 'order_status' && (c.customer === undefined || c.orderId === undefined))
        .map((c) => c.id),
    ).toEqual([]);
    const statuses = countBy(own, (c) => orders.get(c.orderId!)!.status);
    for (const status of ['pending', 'processed', 'delivered', 'cancelled'])
      expect({ status, enough: (statuses.get(status) ?? 0) >= 15 }).toEqual({ status, enough: true });
    const problems = violations((c) => {
      if (c.category !== 'order_status') return undefined;
      const order = orders.get(c.orderId!)!;
      const expected = [
        order.status,
        ...(order.status === 'processed' || order.status === 'delivered'
          ? order.fulfillments.flatMap((f) => f.trackingIds)
          : []),
      ];
      const missing = expected.filter((fact) => !c.mustContain.includes(fact));
      return missing.length > 0 && c.accept.includes('auto_sent')
        ? `mustContain lacks ${missing.join(', ')}`
        : undefined;
    });
    expect(problems).toEqual([]);
    // Customers with one order may ask without the id; the others must give it, with or without its "#".
    expect(
      violations((c) =>
        c.category === 'order_status' &&
        !c.text.includes(c.orderId!.slice(1)) &&
        customers.get(c.customer!)!.orderIds.length !== 1
          ? 'no order id in the text of a customer with several orders'
          : undefined,
      ),
    ).toEqual([]);
    expect(own.filter((c) => !c.text.includes(c.orderId!)).length).toBeGreaterThanOrEqual(10);
  });

  it("never accepts an auto-sent write, a person request, an out-of-scope or another customer's order", () => {
    expect(
      violations((c) => {
        const writes = c.action !== undefined && c.action.tool !== 'transfer_to_human_agents';
        if (writes && c.accept.includes('auto_sent')) return 'an action auto-sent';
        if (
          ['out_of_scope', 'other_customers_order', 'human'].includes(c.category) &&
          c.accept.includes('auto_sent')
        )
          return `${c.category} auto-sent`;
        if (c.category === 'human' && c.accept.join() !== 'escalated')
          return 'a person request not only escalated';
        return undefined;
      }),
    ).toEqual([]);
  });

  it("proposes only actions the store policy allows on the sender's own records", () => {
    const problems = violations((c) => {
      const action = c.action;
      if (action === undefined || action.tool === 'transfer_to_human_agents') return undefined;
      const args = action.args ?? {};
      const customer = c.customer === undefined ? undefined : customers.get(c.customer);
      if (customer === undefined) return 'an action without a known customer';
      if (action.tool === 'modify_user_address')
        return args.user_id === customer.id ? undefined : 'user_id is not the sender';
      const order = orders.get(String(args.order_id));
      if (order === undefined || args.order_id !== c.orderId) return 'order_id is not the case orderId';
      if (order.status !== TOOL_NEEDS_STATUS[action.tool]) return `${action.tool} on a ${order.status} order`;
      if (
        args.reason !== undefined &&
        !['no longer needed', 'ordered by mistake'].includes(String(args.reason))
      )
        return 'reason outside the policy';
      const method = args.payment_method_id;
      if (method !== undefined && !customer.paymentMethods.some((m) => m.id === method))
        return "payment method not the sender's";
      const itemIds = (args.item_ids ?? []) as string[];
      if (itemIds.some((id) => !order.items.some((i) => i.itemId === id))) return 'item not in the order';
      const newIds = (args.new_item_ids ?? []) as string[];
      for (const [k, newId] of newIds.entries()) {
        const old = order.items.find((i) => i.itemId === itemIds[k]);
        const variant = products.get(old?.productId ?? '')?.variants.find((v) => v.itemId === newId);
        if (variant === undefined || !variant.available || newId === old?.itemId)
          return `${newId} is not another available variant of the same product`;
      }
      if (
        action.tool === 'modify_pending_order_payment' &&
        method === order.paymentHistory[0]?.paymentMethodId
      )
        return 'payment change to the same method';
      return undefined;
    });
    expect(problems).toEqual([]);
  });

  it('mixes writing styles and anonymous senders', () => {
    const styles = countBy(
      all.flatMap((c) => c.styles),
      (s) => s,
    );
    expect(STYLES.filter((s) => (styles.get(s) ?? 0) < MIN_CASES_PER_STYLE)).toEqual([]);
    expect(all.filter((c) => c.customer === undefined).length).toBeGreaterThanOrEqual(MIN_ANONYMOUS);
  });
});

describe('golden train split', () => {
  it('has its own ids, tickets and customers: nothing shared with the dev and test halves', () => {
    expect(train.length).toBeGreaterThanOrEqual(TRAIN_MIN_CASES);
    expect(new Set(every.map((c) => c.id)).size).toBe(every.length);
    expect(new Set(train.map((c) => sameTicket(c.text))).size).toBe(train.length);
    // Customers of the halves stay out of train, so a model never learns the records of a case it is
    // measured on.
    expect(sharedWith(train, all)).toEqual([]);
  });

  it('covers every intent, category, article and style, with the documented minimums', () => {
    expect(INTENTS.filter((i) => !train.some((c) => c.intent === i))).toEqual([]);
    const categories = countBy(train, (c) => c.category);
    expect(CATEGORIES.filter((k) => (categories.get(k) ?? 0) < TRAIN_CATEGORY_MINIMUM[k])).toEqual([]);
    expect(thinArticles(train, MIN_CASES_PER_ARTICLE)).toEqual([]);
    const styles = countBy(
      train.flatMap((c) => c.styles),
      (s) => s,
    );
    expect(STYLES.filter((s) => (styles.get(s) ?? 0) < MIN_CASES_PER_STYLE)).toEqual([]);
    expect(train.filter((c) => c.customer === undefined).length).toBeGreaterThanOrEqual(TRAIN_MIN_ANONYMOUS);
  });

  it("asks about the sender's own orders in all four statuses, some without the order id", () => {
    const own = train.filter((c) => c.category === 'order_status');
    const statuses = countBy(own, (c) => orders.get(c.orderId!)!.status);
    for (const status of ['pending', 'processed', 'delivered', 'cancelled'])
      expect({ status, enough: (statuses.get(status) ?? 0) >= TRAIN_MIN_PER_STATUS }).toEqual({
        status,
        enough: true,
      });
    expect(own.filter((c) => !c.text.includes(c.orderId!)).length).toBeGreaterThanOrEqual(10);
  });
});

describe('golden calibration split', () => {
  it('has its own ids, tickets and customers: nothing shared with dev, test or train', () => {
    expect(calibration.length).toBeGreaterThanOrEqual(CALIBRATION_MIN_CASES);
    expect(new Set(every.map((c) => c.id)).size).toBe(every.length);
    expect(new Set(calibration.map((c) => sameTicket(c.text))).size).toBe(calibration.length);
    // Wording and records seen elsewhere could have been tuned or trained on: the split measures the gate
    // on wording that was not.
    expect(sharedWith(calibration, [...all, ...train])).toEqual([]);
  });

  it('holds only questions an automatic answer may resolve', () => {
    expect(
      calibration
        .filter((c) => !ANSWERABLE.includes(c.category) || c.accept.join() !== 'auto_sent,suggested')
        .map((c) => c.id),
    ).toEqual([]);
  });

  it('asks about every help-centre article at least 3 times', () => {
    expect(thinArticles(calibration, CALIBRATION_MIN_PER_ARTICLE)).toEqual([]);
  });
});

describe('golden fresh split', () => {
  it('has its own ids, tickets and customers: nothing shared with the other four splits', () => {
    expect(fresh.length).toBeGreaterThanOrEqual(FRESH_MIN_CASES);
    expect(new Set(every.map((c) => c.id)).size).toBe(every.length);
    expect(new Set(fresh.map((c) => sameTicket(c.text))).size).toBe(fresh.length);
    expect(sharedWith(fresh, [...all, ...train, ...calibration])).toEqual([]);
  });

  it('holds only questions an automatic answer may resolve, own-order status among them', () => {
    expect(
      fresh
        .filter(
          (c) =>
            ![...ANSWERABLE, 'order_status'].includes(c.category) ||
            c.accept.join() !== 'auto_sent,suggested',
        )
        .map((c) => c.id),
    ).toEqual([]);
    expect(fresh.filter((c) => c.category === 'order_status').length).toBeGreaterThanOrEqual(20);
  });

  it('asks about every help-centre article at least twice', () => {
    expect(thinArticles(fresh, FRESH_MIN_PER_ARTICLE)).toEqual([]);
  });
});

describe('golden bank', () => {
  it('has its own ids and tickets: nothing shared with any split', () => {
    expect(bank.length).toBeGreaterThanOrEqual(BANK_MIN_CASES);
    expect(new Set(every.map((c) => c.id)).size).toBe(every.length);
    expect(new Set(bank.map((c) => sameTicket(c.text))).size).toBe(bank.length);
    expect(sharedWith(bank, [...all, ...train, ...calibration, ...fresh])).toEqual([]);
  });

  it('holds only answerable questions, from no customer, each with the article that answers it', () => {
    expect(
      bank
        .filter(
          (c) =>
            !ANSWERABLE.includes(c.category) ||
            c.accept.join() !== 'auto_sent,suggested' ||
            c.articles.length === 0 ||
            c.customer !== undefined ||
            c.orderId !== undefined,
        )
        .map((c) => c.id),
    ).toEqual([]);
  });

  it('asks about every help-centre article at least 6 times', () => {
    expect(thinArticles(bank, BANK_MIN_PER_ARTICLE)).toEqual([]);
  });
});
