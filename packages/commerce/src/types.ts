import { z } from 'zod';

// The store's records as every back end returns them. The shapes are those the demo store keeps in Postgres
// (`@parley/demo-store` normalises tau-bench's files into them), plus what a request leaves on an order.

export const addressSchema = z.object({
  line1: z.string(),
  line2: z.string(),
  city: z.string(),
  state: z.string(),
  zip: z.string(),
  country: z.string(),
});
export type Address = z.infer<typeof addressSchema>;

export const paymentMethodSchema = z.discriminatedUnion('kind', [
  z.object({ id: z.string(), kind: z.literal('credit_card'), brand: z.string(), lastFour: z.string() }),
  z.object({ id: z.string(), kind: z.literal('paypal') }),
  z.object({ id: z.string(), kind: z.literal('gift_card'), balance: z.number() }),
]);
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

export const customerSchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  name: z.string(),
  email: z.string(),
  address: addressSchema,
  paymentMethods: z.array(paymentMethodSchema),
  orderIds: z.array(z.string()),
});
export type Customer = z.infer<typeof customerSchema>;

/** The statuses the store's writes leave an order in, besides the four an order starts in. */
export const ORDER_STATUS = {
  pending: 'pending',
  processed: 'processed',
  delivered: 'delivered',
  cancelled: 'cancelled',
  /** tau-bench's exact string (the policy text spells it 'pending (items modifed)'). */
  itemsModified: 'pending (item modified)',
  returnRequested: 'return requested',
  exchangeRequested: 'exchange requested',
} as const;

export const orderItemSchema = z.object({
  name: z.string(),
  productId: z.string(),
  itemId: z.string(),
  price: z.number(),
  options: z.record(z.string(), z.string()),
});
export type OrderItem = z.infer<typeof orderItemSchema>;

export const paymentTransactionSchema = z.object({
  type: z.enum(['payment', 'refund']),
  amount: z.number(),
  paymentMethodId: z.string(),
});
export type PaymentTransaction = z.infer<typeof paymentTransactionSchema>;

export const CANCEL_REASONS = ['no longer needed', 'ordered by mistake'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export const returnRequestSchema = z.object({
  /** Sorted, duplicates kept (an order may hold the same item twice). */
  itemIds: z.array(z.string()),
  paymentMethodId: z.string(),
});
export type ReturnRequest = z.infer<typeof returnRequestSchema>;

export const exchangeRequestSchema = z.object({
  itemIds: z.array(z.string()),
  newItemIds: z.array(z.string()),
  paymentMethodId: z.string(),
  /** New items' price minus the old ones'; positive means the customer pays the difference. */
  priceDifference: z.number(),
});
export type ExchangeRequest = z.infer<typeof exchangeRequestSchema>;

export const orderSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  status: z.string(),
  items: z.array(orderItemSchema),
  fulfillments: z.array(z.object({ trackingIds: z.array(z.string()), itemIds: z.array(z.string()) })),
  paymentHistory: z.array(paymentTransactionSchema),
  address: addressSchema,
  // Set by a cancellation, a return or an exchange request; absent before.
  cancelReason: z.enum(CANCEL_REASONS).optional(),
  returnRequest: returnRequestSchema.optional(),
  exchangeRequest: exchangeRequestSchema.optional(),
});
export type Order = z.infer<typeof orderSchema>;

export const productSchema = z.object({
  id: z.string(),
  name: z.string(),
  variants: z.array(
    z.object({
      itemId: z.string(),
      options: z.record(z.string(), z.string()),
      available: z.boolean(),
      price: z.number(),
    }),
  ),
});
export type Product = z.infer<typeof productSchema>;
export type ProductVariant = Product['variants'][number];

export const productTypeSchema = z.object({ name: z.string(), productId: z.string() });
export type ProductType = z.infer<typeof productTypeSchema>;
