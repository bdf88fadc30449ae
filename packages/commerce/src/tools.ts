import { z } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';
import type { Refusal } from './refusals.js';
import { accept, refuse } from './refusals.js';
import type { Store, WriteMeta } from './store.js';
import type { Address } from './types.js';
import { CANCEL_REASONS, customerSchema, orderSchema, productSchema, productTypeSchema } from './types.js';

// The store's tools as a model calls them: tau-bench's names and argument names, so the benchmark's tasks and
// trajectories apply as they are. Each entry validates its input with zod before anything runs and returns a
// refusal (never an exception) for input a model got wrong.

export interface HelpCentreArticle {
  id: string;
  title: string;
  url?: string;
  /** The passage that matched, as shown to the model. */
  text: string;
}

export interface ToolContext {
  /** The customer this conversation authenticated (from a find_user_id_* result), or null before that. */
  customerId: string | null;
  /** Idempotency key of this call; write tools need one (derive it from the conversation and the call). */
  actionId?: string;
  /** The implementation of search_help_centre, which this package does not own. */
  searchHelpCentre?: (query: string) => Promise<HelpCentreArticle[]>;
}

export type ToolOutcome<O> = { ok: true; result: O } | { ok: false; refusal: Refusal };

export interface Tool<I = unknown, O = unknown> {
  name: string;
  /** 'write' tools change the store (and need confirmation and an actionId); 'read' tools do not. */
  kind: 'read' | 'write';
  /** Set on transfer_to_human_agents: the caller ends the automated conversation and hands it over. */
  handoff?: true;
  description: string;
  input: z.ZodType<I, z.ZodTypeDef, unknown>;
  output: z.ZodType<O>;
  /** JSON Schema of the input, for a provider's tool definition. */
  inputJsonSchema: Record<string, unknown>;
  /** Validates `input` and runs the tool. */
  run(store: Store, input: unknown, ctx: ToolContext): Promise<ToolOutcome<O>>;
}

interface Definition<N extends string, I, O> {
  name: N;
  kind: 'read' | 'write';
  handoff?: true;
  description: string;
  input: z.ZodType<I, z.ZodTypeDef, unknown>;
  output: z.ZodType<O>;
  handler(store: Store, input: I, ctx: ToolContext): Promise<ToolOutcome<O>>;
}

function jsonSchemaOf(schema: z.ZodTypeAny): Record<string, unknown> {
  const json = zodToJsonSchema(schema, { $refStrategy: 'none' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/** "field: problem; ..." naming every field that failed, as a model needs to correct its call. */
export function describeInputIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(input)'}: ${i.message}`)
    .join('; ');
}

function define<N extends string, I, O>(d: Definition<N, I, O>): Tool<I, O> & { name: N } {
  return {
    name: d.name,
    kind: d.kind,
    ...(d.handoff ? { handoff: d.handoff } : {}),
    description: d.description,
    input: d.input,
    output: d.output,
    inputJsonSchema: jsonSchemaOf(d.input),
    async run(store, input, ctx) {
      const parsed = d.input.safeParse(input ?? {});
      if (!parsed.success)
        return refuse('invalid_input', `Invalid input: ${describeInputIssues(parsed.error)}.`);
      return d.handler(store, parsed.data, ctx);
    },
  };
}

const id = (what: string, example: string) =>
  z.string().trim().min(1, `${what} is required`).describe(`${what}, such as '${example}'.`);
const orderId = z
  .string()
  .trim()
  .min(1, 'order_id is required')
  .describe("The order id, such as '#W0000000'; it starts with '#'.");
const itemIds = (what: string) =>
  z.array(id('An item id', '1008292230')).min(1, 'list at least one item').describe(what);
const paymentMethodId = (what: string) =>
  z.string().trim().min(1, 'payment_method_id is required').describe(what);

const addressFields = {
  address1: z.string().trim().min(1).describe("First address line, such as '123 Main St'."),
  address2: z.string().trim().describe("Second address line, such as 'Apt 1'; empty if none."),
  city: z.string().trim().min(1).describe("City, such as 'San Francisco'."),
  state: z.string().trim().min(1).describe("State, such as 'CA'."),
  country: z.string().trim().min(1).describe("Country, such as 'USA'."),
  zip: z.string().trim().min(1).describe("Zip code, such as '12345'."),
};

function toAddress(a: {
  address1: string;
  address2: string;
  city: string;
  state: string;
  country: string;
  zip: string;
}): Address {
  return {
    line1: a.address1,
    line2: a.address2,
    city: a.city,
    state: a.state,
    zip: a.zip,
    country: a.country,
  };
}

function authenticated(ctx: ToolContext): { ok: false; refusal: Refusal } | null {
  if (ctx.customerId) return null;
  return refuse(
    'not_authenticated',
    'No customer is authenticated yet: find the customer with find_user_id_by_email or find_user_id_by_name_zip first.',
  );
}

function writeMeta(ctx: ToolContext, tool: string): WriteMeta | { ok: false; refusal: Refusal } {
  const missing = authenticated(ctx);
  if (missing) return missing;
  // A missing key is a wiring defect of the caller, not something a model can correct.
  if (!ctx.actionId) throw new Error(`${tool} is a write and needs ctx.actionId`);
  return { actionId: ctx.actionId, customerId: ctx.customerId as string };
}

function isRefusal(v: WriteMeta | { ok: false; refusal: Refusal }): v is { ok: false; refusal: Refusal } {
  return 'ok' in v;
}

const userIdOutput = z.object({ userId: z.string() });

export const findUserIdByEmail = define({
  name: 'find_user_id_by_email',
  kind: 'read',
  description:
    "Find a customer's user id from their email address. This is how a customer is authenticated: do it before anything else, even when the customer gives their user id.",
  input: z
    .object({ email: z.string().trim().min(1).describe("The customer's email, such as 'name@example.com'.") })
    .strict(),
  output: userIdOutput,
  async handler(store, input) {
    const userId = await store.findCustomerByEmail(input.email);
    return userId ? accept({ userId }) : refuse('customer_not_found', 'No customer has that email address.');
  },
});

export const findUserIdByNameZip = define({
  name: 'find_user_id_by_name_zip',
  kind: 'read',
  description:
    "Find a customer's user id from their first name, last name and zip code. Use it when the customer cannot give an email address or no customer has it.",
  input: z
    .object({
      first_name: z.string().trim().min(1).describe("First name, such as 'John'."),
      last_name: z.string().trim().min(1).describe("Last name, such as 'Doe'."),
      zip: z.string().trim().min(1).describe("Zip code of the customer's default address, such as '12345'."),
    })
    .strict(),
  output: userIdOutput,
  async handler(store, input) {
    const userId = await store.findCustomerByNameZip({
      firstName: input.first_name,
      lastName: input.last_name,
      zip: input.zip,
    });
    return userId
      ? accept({ userId })
      : refuse('customer_not_found', 'No customer has that first name, last name and zip code.');
  },
});

export const getUserDetails = define({
  name: 'get_user_details',
  kind: 'read',
  description:
    "Get the authenticated customer's profile: name, email, default address, payment methods (with gift card balances) and order ids.",
  input: z.object({ user_id: id('The user id', 'sara_doe_496') }).strict(),
  output: customerSchema,
  async handler(store, input, ctx) {
    const missing = authenticated(ctx);
    if (missing) return missing;
    if (input.user_id !== ctx.customerId) {
      return refuse(
        'other_customer',
        `User ${input.user_id} is not the authenticated customer: help one customer per conversation.`,
      );
    }
    const customer = await store.getCustomer(input.user_id);
    return customer
      ? accept(customer)
      : refuse('customer_not_found', `User ${input.user_id} does not exist.`);
  },
});

export const getOrderDetails = define({
  name: 'get_order_details',
  kind: 'read',
  description:
    "Get one of the authenticated customer's orders: status, items (with item and product ids, options and prices), fulfillments and tracking, payment history and shipping address.",
  input: z.object({ order_id: orderId }).strict(),
  output: orderSchema,
  async handler(store, input, ctx) {
    const missing = authenticated(ctx);
    if (missing) return missing;
    const order = await store.getOrder(input.order_id);
    if (!order) return refuse('order_not_found', `Order ${input.order_id} does not exist.`);
    if (order.customerId !== ctx.customerId) {
      return refuse(
        'other_customer',
        `Order ${input.order_id} belongs to another customer: help one customer per conversation.`,
      );
    }
    return accept(order);
  },
});

export const getProductDetails = define({
  name: 'get_product_details',
  kind: 'read',
  description:
    'Get a product and all its items (variants): each item id with its options, price and whether it is available. A product id is not an item id.',
  input: z.object({ product_id: id('The product id', '6086499569') }).strict(),
  output: productSchema,
  async handler(store, input) {
    const product = await store.getProduct(input.product_id);
    return product
      ? accept(product)
      : refuse('product_not_found', `Product ${input.product_id} does not exist.`);
  },
});

export const listAllProductTypes = define({
  name: 'list_all_product_types',
  kind: 'read',
  description: 'List every product type the store sells, by name, with its product id.',
  input: z.object({}).strict(),
  output: z.object({ productTypes: z.array(productTypeSchema) }),
  async handler(store) {
    return accept({ productTypes: await store.listProductTypes() });
  },
});

export const cancelPendingOrder = define({
  name: 'cancel_pending_order',
  kind: 'write',
  description:
    "Cancel a pending order. Only for status 'pending'; the reason must be 'no longer needed' or 'ordered by mistake'. The total is refunded to the original payment method: at once for a gift card, in 5 to 7 business days otherwise. Confirm the order and the reason with the customer first.",
  input: z
    .object({
      order_id: orderId,
      reason: z
        .enum(CANCEL_REASONS)
        .describe("Why the customer cancels: 'no longer needed' or 'ordered by mistake'."),
    })
    .strict(),
  output: orderSchema,
  async handler(store, input, ctx) {
    const meta = writeMeta(ctx, 'cancel_pending_order');
    if (isRefusal(meta)) return meta;
    return store.cancelPendingOrder(meta, { orderId: input.order_id, reason: input.reason });
  },
});

export const modifyPendingOrderAddress = define({
  name: 'modify_pending_order_address',
  kind: 'write',
  description:
    "Change the shipping address of a pending order. Only for status 'pending'. Confirm the new address with the customer first.",
  input: z.object({ order_id: orderId, ...addressFields }).strict(),
  output: orderSchema,
  async handler(store, input, ctx) {
    const meta = writeMeta(ctx, 'modify_pending_order_address');
    if (isRefusal(meta)) return meta;
    return store.modifyPendingOrderAddress(meta, { orderId: input.order_id, address: toAddress(input) });
  },
});

export const modifyPendingOrderItems = define({
  name: 'modify_pending_order_items',
  kind: 'write',
  description:
    "Swap items of a pending order for other available options of the same product (never another product). Can be done once per order: afterwards the order is 'pending (item modified)' and can no longer be modified or cancelled, so collect every item to change first. The payment method pays or receives the price difference; a gift card must cover it. Confirm the full list with the customer first.",
  input: z
    .object({
      order_id: orderId,
      item_ids: itemIds('Item ids in the order to change; list an id twice to change two of that item.'),
      new_item_ids: itemIds('The new item id for each entry of item_ids, in the same order.'),
      payment_method_id: paymentMethodId(
        "One of the customer's payment method ids, such as 'gift_card_0000000' or 'credit_card_0000000', to pay or be refunded the price difference.",
      ),
    })
    .strict(),
  output: orderSchema,
  async handler(store, input, ctx) {
    const meta = writeMeta(ctx, 'modify_pending_order_items');
    if (isRefusal(meta)) return meta;
    return store.modifyPendingOrderItems(meta, {
      orderId: input.order_id,
      itemIds: input.item_ids,
      newItemIds: input.new_item_ids,
      paymentMethodId: input.payment_method_id,
    });
  },
});

export const modifyPendingOrderPayment = define({
  name: 'modify_pending_order_payment',
  kind: 'write',
  description:
    "Pay a pending order with another of the customer's payment methods, different from the current one. A gift card must cover the total. The original method is refunded: at once for a gift card, in 5 to 7 business days otherwise. Confirm with the customer first.",
  input: z
    .object({
      order_id: orderId,
      payment_method_id: paymentMethodId(
        "The new payment method id, such as 'gift_card_0000000' or 'credit_card_0000000'.",
      ),
    })
    .strict(),
  output: orderSchema,
  async handler(store, input, ctx) {
    const meta = writeMeta(ctx, 'modify_pending_order_payment');
    if (isRefusal(meta)) return meta;
    return store.modifyPendingOrderPayment(meta, {
      orderId: input.order_id,
      paymentMethodId: input.payment_method_id,
    });
  },
});

export const returnDeliveredOrderItems = define({
  name: 'return_delivered_order_items',
  kind: 'write',
  description:
    "Request a return of items of a delivered order. Only for status 'delivered'; afterwards the order is 'return requested' and the customer gets an email on how to send the items back. The refund goes to the order's original payment method or to one of the customer's gift cards. Confirm the items and the refund method with the customer first.",
  input: z
    .object({
      order_id: orderId,
      item_ids: itemIds('Item ids in the order to return; list an id twice to return two of that item.'),
      payment_method_id: paymentMethodId(
        "Where the refund goes: the order's original payment method id or one of the customer's gift card ids.",
      ),
    })
    .strict(),
  output: orderSchema,
  async handler(store, input, ctx) {
    const meta = writeMeta(ctx, 'return_delivered_order_items');
    if (isRefusal(meta)) return meta;
    return store.returnDeliveredOrderItems(meta, {
      orderId: input.order_id,
      itemIds: input.item_ids,
      paymentMethodId: input.payment_method_id,
    });
  },
});

export const exchangeDeliveredOrderItems = define({
  name: 'exchange_delivered_order_items',
  kind: 'write',
  description:
    "Request an exchange of items of a delivered order for other available options of the same product (never another product). Can be done once per order: afterwards it is 'exchange requested' and the customer gets an email on how to send the items back; no new order is needed. The payment method pays or receives the price difference; a gift card must cover it. Confirm the full list with the customer first.",
  input: z
    .object({
      order_id: orderId,
      item_ids: itemIds('Item ids in the order to exchange; list an id twice to exchange two of that item.'),
      new_item_ids: itemIds('The new item id for each entry of item_ids, in the same order.'),
      payment_method_id: paymentMethodId(
        "One of the customer's payment method ids to pay or be refunded the price difference.",
      ),
    })
    .strict(),
  output: orderSchema,
  async handler(store, input, ctx) {
    const meta = writeMeta(ctx, 'exchange_delivered_order_items');
    if (isRefusal(meta)) return meta;
    return store.exchangeDeliveredOrderItems(meta, {
      orderId: input.order_id,
      itemIds: input.item_ids,
      newItemIds: input.new_item_ids,
      paymentMethodId: input.payment_method_id,
    });
  },
});

export const modifyUserAddress = define({
  name: 'modify_user_address',
  kind: 'write',
  description:
    "Change the authenticated customer's default address (orders already placed keep theirs). Confirm the new address with the customer first.",
  input: z.object({ user_id: id('The user id', 'sara_doe_496'), ...addressFields }).strict(),
  output: customerSchema,
  async handler(store, input, ctx) {
    const meta = writeMeta(ctx, 'modify_user_address');
    if (isRefusal(meta)) return meta;
    return store.modifyUserAddress(meta, { customerId: input.user_id, address: toAddress(input) });
  },
});

export const transferToHumanAgents = define({
  name: 'transfer_to_human_agents',
  kind: 'read',
  handoff: true,
  description:
    "Hand the conversation to a human agent with a summary of the customer's issue. Only when the customer asks for a human, or when the request cannot be handled with the other tools.",
  input: z
    .object({ summary: z.string().trim().min(1).describe("A summary of the customer's issue.") })
    .strict(),
  output: z.object({ transferred: z.literal(true), summary: z.string() }),
  async handler(_store, input) {
    return accept({ transferred: true as const, summary: input.summary });
  },
});

export const searchHelpCentre = define({
  name: 'search_help_centre',
  kind: 'read',
  description:
    "Search the store's help centre for articles about policies and how-tos (shipping, returns, payments, accounts). Answer from what it returns, never from memory.",
  input: z.object({ query: z.string().trim().min(1).describe('What to look for, in a few words.') }).strict(),
  output: z.object({
    articles: z.array(
      z.object({ id: z.string(), title: z.string(), url: z.string().optional(), text: z.string() }),
    ),
  }),
  async handler(_store, input, ctx) {
    if (!ctx.searchHelpCentre) throw new Error('search_help_centre needs ctx.searchHelpCentre');
    return accept({ articles: await ctx.searchHelpCentre(input.query) });
  },
});

/** Every tool, in a stable order. */
export const TOOLS = [
  findUserIdByEmail,
  findUserIdByNameZip,
  getUserDetails,
  getOrderDetails,
  getProductDetails,
  listAllProductTypes,
  cancelPendingOrder,
  modifyPendingOrderAddress,
  modifyPendingOrderItems,
  modifyPendingOrderPayment,
  returnDeliveredOrderItems,
  exchangeDeliveredOrderItems,
  modifyUserAddress,
  transferToHumanAgents,
  searchHelpCentre,
] as const;

export type ToolName = (typeof TOOLS)[number]['name'];

const byName = new Map<string, Tool<unknown, unknown>>(
  TOOLS.map((t) => [t.name, t as Tool<unknown, unknown>]),
);

export function toolByName(name: string): Tool<unknown, unknown> | undefined {
  return byName.get(name);
}

/** The tools as a provider's tool definitions (`{ name, description, inputSchema }`). */
export function toolSpecs(
  tools: ReadonlyArray<Tool<unknown, unknown>> = TOOLS as ReadonlyArray<Tool<unknown, unknown>>,
): Array<{ name: string; description: string; inputSchema: Record<string, unknown> }> {
  return tools.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputJsonSchema }));
}
