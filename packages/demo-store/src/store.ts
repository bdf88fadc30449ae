import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { readJsonFile, describeIssues, packagePath } from './files.js';

/** The seed data ships inside the package so the demo needs no download. */
export const DEFAULT_DATA_DIR = packagePath('data');

// Raw shapes, exactly as the tau-bench retail files store them. `.strict()` so a renamed or
// unexpected field fails loudly instead of being dropped on the floor.
const rawAddress = z
  .object({
    address1: z.string().min(1),
    address2: z.string(),
    city: z.string().min(1),
    state: z.string().min(1),
    zip: z.string().min(1),
    country: z.string().min(1),
  })
  .strict();

const rawPaymentMethod = z.discriminatedUnion('source', [
  z
    .object({
      source: z.literal('credit_card'),
      id: z.string().min(1),
      brand: z.string().min(1),
      last_four: z.string().regex(/^\d{4}$/),
    })
    .strict(),
  z.object({ source: z.literal('paypal'), id: z.string().min(1) }).strict(),
  z
    .object({ source: z.literal('gift_card'), id: z.string().min(1), balance: z.number().nonnegative() })
    .strict(),
]);

const rawUser = z
  .object({
    name: z.object({ first_name: z.string().min(1), last_name: z.string().min(1) }).strict(),
    address: rawAddress,
    email: z.string().email(),
    payment_methods: z.record(z.string(), rawPaymentMethod),
    orders: z.array(z.string().regex(/^#W\d+$/)),
  })
  .strict();

const options = z.record(z.string(), z.string());

const rawOrder = z
  .object({
    order_id: z.string().regex(/^#W\d+$/),
    user_id: z.string().min(1),
    address: rawAddress,
    items: z
      .array(
        z
          .object({
            name: z.string().min(1),
            product_id: z.string().min(1),
            item_id: z.string().min(1),
            price: z.number().nonnegative(),
            options,
          })
          .strict(),
      )
      .min(1),
    fulfillments: z.array(
      z.object({ tracking_id: z.array(z.string().min(1)), item_ids: z.array(z.string().min(1)) }).strict(),
    ),
    status: z.enum(['pending', 'processed', 'delivered', 'cancelled']),
    payment_history: z.array(
      z
        .object({
          transaction_type: z.enum(['payment', 'refund']),
          amount: z.number().nonnegative(),
          payment_method_id: z.string().min(1),
        })
        .strict(),
    ),
  })
  .strict();

const rawProduct = z
  .object({
    name: z.string().min(1),
    product_id: z.string().min(1),
    variants: z.record(
      z.string(),
      z
        .object({
          item_id: z.string().min(1),
          options,
          available: z.boolean(),
          price: z.number().nonnegative(),
        })
        .strict(),
    ),
  })
  .strict();

export interface Address {
  line1: string;
  line2: string;
  city: string;
  state: string;
  zip: string;
  country: string;
}

export type PaymentMethod =
  | { id: string; kind: 'credit_card'; brand: string; lastFour: string }
  | { id: string; kind: 'paypal' }
  | { id: string; kind: 'gift_card'; balance: number };

export interface Customer {
  id: string;
  firstName: string;
  lastName: string;
  /** "First Last", the form a support agent greets with. */
  name: string;
  email: string;
  address: Address;
  paymentMethods: PaymentMethod[];
  orderIds: string[];
}

export type OrderStatus = z.infer<typeof rawOrder>['status'];

export interface OrderItem {
  name: string;
  productId: string;
  itemId: string;
  price: number;
  options: Record<string, string>;
}

export interface Fulfillment {
  trackingIds: string[];
  itemIds: string[];
}

export interface PaymentTransaction {
  type: 'payment' | 'refund';
  amount: number;
  paymentMethodId: string;
}

export interface Order {
  id: string;
  customerId: string;
  status: OrderStatus;
  items: OrderItem[];
  fulfillments: Fulfillment[];
  paymentHistory: PaymentTransaction[];
  address: Address;
}

export interface ProductVariant {
  itemId: string;
  options: Record<string, string>;
  available: boolean;
  price: number;
}

export interface Product {
  id: string;
  name: string;
  variants: ProductVariant[];
}

export interface LoadOptions {
  /** Directory holding users.json, orders.json and products.json; defaults to the shipped seed data. */
  dataDir?: string;
}

function toAddress(a: z.infer<typeof rawAddress>): Address {
  return {
    line1: a.address1,
    line2: a.address2,
    city: a.city,
    state: a.state,
    zip: a.zip,
    country: a.country,
  };
}

function toPaymentMethod(pm: z.infer<typeof rawPaymentMethod>): PaymentMethod {
  switch (pm.source) {
    case 'credit_card':
      return { id: pm.id, kind: 'credit_card', brand: pm.brand, lastFour: pm.last_four };
    case 'paypal':
      return { id: pm.id, kind: 'paypal' };
    case 'gift_card':
      return { id: pm.id, kind: 'gift_card', balance: pm.balance };
  }
}

/**
 * Validates every record of a keyed JSON object and converts it. The first bad record stops the
 * load with an error naming the file, the record key and the failing fields (never the values,
 * which hold customer data).
 */
async function loadKeyed<Raw, Out>(
  file: string,
  schema: z.ZodType<Raw>,
  convert: (key: string, raw: Raw, fail: (problem: string) => never) => Out,
): Promise<Out[]> {
  const json = await readJsonFile(file);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error(`${file}: expected an object keyed by record id`);
  }
  return Object.entries(json).map(([key, value]) => {
    const fail = (problem: string): never => {
      throw new Error(`${file}: record "${key}": ${problem}`);
    };
    const parsed = schema.safeParse(value);
    if (!parsed.success) return fail(describeIssues(parsed.error));
    return convert(key, parsed.data, fail);
  });
}

function dataFile(opts: LoadOptions | undefined, name: string): string {
  return `${opts?.dataDir ?? DEFAULT_DATA_DIR}/${name}`;
}

export async function loadCustomers(opts?: LoadOptions): Promise<Customer[]> {
  return loadKeyed(dataFile(opts, 'users.json'), rawUser, (key, u, fail) => {
    const paymentMethods = Object.entries(u.payment_methods).map(([pmKey, pm]) => {
      if (pm.id !== pmKey) fail(`payment method key "${pmKey}" does not match its id "${pm.id}"`);
      return toPaymentMethod(pm);
    });
    return {
      id: key,
      firstName: u.name.first_name,
      lastName: u.name.last_name,
      name: `${u.name.first_name} ${u.name.last_name}`,
      email: u.email,
      address: toAddress(u.address),
      paymentMethods,
      orderIds: u.orders,
    };
  });
}

export async function loadOrders(opts?: LoadOptions): Promise<Order[]> {
  return loadKeyed(dataFile(opts, 'orders.json'), rawOrder, (key, o, fail) => {
    if (o.order_id !== key) fail(`key does not match order_id "${o.order_id}"`);
    return {
      id: o.order_id,
      customerId: o.user_id,
      status: o.status,
      items: o.items.map((i) => ({
        name: i.name,
        productId: i.product_id,
        itemId: i.item_id,
        price: i.price,
        options: i.options,
      })),
      fulfillments: o.fulfillments.map((f) => ({ trackingIds: f.tracking_id, itemIds: f.item_ids })),
      paymentHistory: o.payment_history.map((t) => ({
        type: t.transaction_type,
        amount: t.amount,
        paymentMethodId: t.payment_method_id,
      })),
      address: toAddress(o.address),
    };
  });
}

export async function loadProducts(opts?: LoadOptions): Promise<Product[]> {
  return loadKeyed(dataFile(opts, 'products.json'), rawProduct, (key, p, fail) => {
    if (p.product_id !== key) fail(`key does not match product_id "${p.product_id}"`);
    const variants = Object.entries(p.variants).map(([itemKey, v]) => {
      if (v.item_id !== itemKey) fail(`variant key "${itemKey}" does not match its item_id "${v.item_id}"`);
      return { itemId: v.item_id, options: v.options, available: v.available, price: v.price };
    });
    return { id: p.product_id, name: p.name, variants };
  });
}

/** The store's support policy (cancel, modify, return, exchange rules) as shipped with the data. */
export async function loadPolicy(opts?: LoadOptions): Promise<string> {
  return readFile(dataFile(opts, 'policy.md'), 'utf8');
}
