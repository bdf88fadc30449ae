import { canonicalJson, sha256Hex } from '../canonical.js';
import type { Decision } from '../policy.js';
import { isCancelReason, itemsInOrder, mustBeDelivered, mustBePending, ownership } from '../policy.js';
import type { Refusal, WriteResult } from '../refusals.js';
import { accept, refuse } from '../refusals.js';
import type {
  CancelOrderRequest,
  OrderAddressRequest,
  OrderItemsRequest,
  OrderPaymentRequest,
  ReturnItemsRequest,
  Store,
  UserAddressRequest,
  WriteMeta,
} from '../store.js';
import type { Customer, Order, Product, ProductType } from '../types.js';
import { ORDER_STATUS } from '../types.js';
import type { ShopifyClientConfig } from './client.js';
import { ShopifyClient } from './client.js';
import type { ShopifyCustomer, ShopifyGiftCard, ShopifyOrder, ShopifyProduct } from './mapping.js';
import {
  numericId,
  returnLines,
  searchValue,
  toCustomer,
  toMailingAddressInput,
  toOrder,
  toProduct,
} from './mapping.js';
import * as q from './queries.js';

export interface ShopifyStoreOptions extends ShopifyClientConfig {
  /** How many action ids the process remembers (oldest forgotten first). */
  rememberActions?: number;
}

interface UserError {
  field?: string[] | null;
  message: string;
}

type Refused = { ok: false; refusal: { rule: 'unsupported_by_backend'; message: string } };

function unsupported(what: string): Refused {
  return refuse(
    'unsupported_by_backend',
    `This store runs on Shopify, which cannot ${what} through its Admin API in one step: hand the request to a human agent.`,
  ) as Refused;
}

function rejected(errors: UserError[]): { ok: false; refusal: Refusal } {
  return refuse(
    'backend_rejected',
    `Shopify refused the change: ${errors.map((e) => e.message).join('; ')}.`,
  );
}

function refusalOf(d: Decision | null): { ok: false; refusal: Refusal } | null {
  return d && !d.ok ? d : null;
}

/**
 * The store over Shopify's Admin GraphQL API. The policy checks run on what Shopify reports before a mutation
 * is sent; what Shopify cannot express (swapping variants or the payment of an open order, exchanges with a
 * chosen payment method, refunds to a gift card) is refused with `unsupported_by_backend`.
 *
 * Idempotency holds within the process: a write is sent at most once per action id while the id is
 * remembered, and concurrent calls with one id share one request. Across processes nothing is remembered;
 * the state checks (an order no longer pending, a return already open) keep most duplicates from applying,
 * but a second process retrying an address change sends it again (harmless: it writes the same address).
 */
export class ShopifyStore implements Store {
  private readonly client: ShopifyClient;
  private readonly actions = new Map<string, { hash: string; outcome: Promise<WriteResult<unknown>> }>();
  private readonly remember: number;

  constructor(options: ShopifyStoreOptions) {
    this.client = new ShopifyClient(options);
    this.remember = options.rememberActions ?? 10_000;
  }

  async findCustomerByEmail(email: string): Promise<string | null> {
    const data = await this.client.request<{
      customers: { nodes: Array<{ id: string; email: string | null }> };
    }>(q.FIND_CUSTOMER_BY_EMAIL, { query: `email:${searchValue(email)}` });
    const match = data.customers.nodes.find((c) => c.email?.toLowerCase() === email.toLowerCase());
    return match?.id ?? null;
  }

  async findCustomerByNameZip(query: {
    firstName: string;
    lastName: string;
    zip: string;
  }): Promise<string | null> {
    const data = await this.client.request<{
      customers: {
        nodes: Array<{
          id: string;
          firstName: string | null;
          lastName: string | null;
          defaultAddress: { zip: string | null } | null;
        }>;
      };
    }>(q.FIND_CUSTOMERS_BY_NAME, {
      query: `first_name:${searchValue(query.firstName)} last_name:${searchValue(query.lastName)}`,
    });
    // Shopify's search is fuzzy: keep exact (case-insensitive) names and the exact zip.
    const match = data.customers.nodes.find(
      (c) =>
        c.firstName?.toLowerCase() === query.firstName.toLowerCase() &&
        c.lastName?.toLowerCase() === query.lastName.toLowerCase() &&
        c.defaultAddress?.zip === query.zip,
    );
    return match?.id ?? null;
  }

  async getCustomer(customerId: string): Promise<Customer | null> {
    const raw = await this.rawCustomer(customerId);
    return raw ? toCustomer(raw.customer, raw.giftCards) : null;
  }

  async getOrder(orderId: string): Promise<Order | null> {
    const raw = await this.rawOrder(orderId);
    return raw ? toOrder(raw) : null;
  }

  async getProduct(productId: string): Promise<Product | null> {
    if (!productId.startsWith('gid://')) return null;
    const data = await this.client.request<{ product: ShopifyProduct | null }>(q.GET_PRODUCT, {
      id: productId,
    });
    return data.product ? toProduct(data.product) : null;
  }

  // The Admin API reads one order or product a request here: as many requests as ids, at once.
  async getOrders(orderIds: readonly string[]): Promise<Order[]> {
    const found = await Promise.all([...new Set(orderIds)].map((id) => this.getOrder(id)));
    return found.filter((o): o is Order => o !== null);
  }

  async getProducts(productIds: readonly string[]): Promise<Product[]> {
    const found = await Promise.all([...new Set(productIds)].map((id) => this.getProduct(id)));
    return found.filter((p): p is Product => p !== null);
  }

  async listProductTypes(): Promise<ProductType[]> {
    const types: ProductType[] = [];
    let after: string | null = null;
    for (;;) {
      const data: {
        products: {
          nodes: Array<{ id: string; title: string }>;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      } = await this.client.request(q.LIST_PRODUCTS, { after });
      types.push(...data.products.nodes.map((p) => ({ name: p.title, productId: p.id })));
      if (!data.products.pageInfo.hasNextPage) break;
      after = data.products.pageInfo.endCursor;
    }
    return types.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  cancelPendingOrder(meta: WriteMeta, request: CancelOrderRequest): Promise<WriteResult<Order>> {
    return this.once('cancelPendingOrder', meta, request, async () => {
      const loaded = await this.orderFor(meta, request.orderId, (order) => mustBePending(order, 'cancelled'));
      if (!loaded.ok) return loaded;
      if (!isCancelReason(request.reason)) {
        return refuse(
          'invalid_cancel_reason',
          `The cancellation reason must be 'no longer needed' or 'ordered by mistake'.`,
        );
      }
      const data = await this.client.request<{
        orderCancel: { orderCancelUserErrors: UserError[] };
      }>(q.ORDER_CANCEL, { orderId: loaded.raw.id, staffNote: `Customer: ${request.reason}` });
      if (data.orderCancel.orderCancelUserErrors.length > 0)
        return rejected(data.orderCancel.orderCancelUserErrors);
      // Shopify cancels (and refunds the original payment methods) in a background job.
      return accept({ ...loaded.order, status: ORDER_STATUS.cancelled, cancelReason: request.reason });
    });
  }

  modifyPendingOrderAddress(meta: WriteMeta, request: OrderAddressRequest): Promise<WriteResult<Order>> {
    return this.once('modifyPendingOrderAddress', meta, request, async () => {
      const loaded = await this.orderFor(meta, request.orderId, (order) => mustBePending(order, 'modified'));
      if (!loaded.ok) return loaded;
      const data = await this.client.request<{
        orderUpdate: { order: ShopifyOrder | null; userErrors: UserError[] };
      }>(q.ORDER_UPDATE, {
        input: { id: loaded.raw.id, shippingAddress: toMailingAddressInput(request.address) },
      });
      if (data.orderUpdate.userErrors.length > 0 || !data.orderUpdate.order)
        return rejected(data.orderUpdate.userErrors);
      return accept(toOrder(data.orderUpdate.order));
    });
  }

  async modifyPendingOrderItems(_meta: WriteMeta, _request: OrderItemsRequest): Promise<WriteResult<Order>> {
    return unsupported('swap the items of an open order for other variants');
  }

  async modifyPendingOrderPayment(
    _meta: WriteMeta,
    _request: OrderPaymentRequest,
  ): Promise<WriteResult<Order>> {
    return unsupported('change the payment method of an order already placed');
  }

  returnDeliveredOrderItems(meta: WriteMeta, request: ReturnItemsRequest): Promise<WriteResult<Order>> {
    return this.once('returnDeliveredOrderItems', meta, request, async () => {
      const loaded = await this.orderFor(meta, request.orderId, (order) =>
        mustBeDelivered(order, 'returned'),
      );
      if (!loaded.ok) return loaded;
      const { order, raw } = loaded;
      const customer = await this.getCustomer(meta.customerId);
      const original = order.paymentHistory[0]?.paymentMethodId;
      if (request.paymentMethodId !== original) {
        const method = customer?.paymentMethods.find((m) => m.id === request.paymentMethodId);
        if (method?.kind === 'gift_card') return unsupported('send the refund of a return to a gift card');
        return refuse(
          'refund_method_not_allowed',
          `On this store a return is refunded to the order's original payment method${original ? ` (${original})` : ''}, not to ${request.paymentMethodId}.`,
        );
      }
      const missing = refusalOf(itemsInOrder(order, request.itemIds));
      if (missing) return missing;
      const lines = returnLines(raw, request.itemIds);
      if (!lines.ok)
        return refuse(
          'item_not_in_order',
          `Item ${lines.itemId} of order ${order.id} was not delivered, so it cannot be returned.`,
        );
      const data = await this.client.request<{ returnCreate: { userErrors: UserError[] } }>(q.RETURN_CREATE, {
        returnInput: {
          orderId: raw.id,
          returnLineItems: lines.lines.map((l) => ({ ...l, returnReason: 'UNKNOWN' })),
        },
      });
      if (data.returnCreate.userErrors.length > 0) return rejected(data.returnCreate.userErrors);
      return accept({
        ...order,
        status: ORDER_STATUS.returnRequested,
        returnRequest: { itemIds: [...request.itemIds].sort(), paymentMethodId: request.paymentMethodId },
      });
    });
  }

  async exchangeDeliveredOrderItems(
    _meta: WriteMeta,
    _request: OrderItemsRequest,
  ): Promise<WriteResult<Order>> {
    return unsupported('exchange items with the price difference settled on a payment method of your choice');
  }

  modifyUserAddress(meta: WriteMeta, request: UserAddressRequest): Promise<WriteResult<Customer>> {
    return this.once('modifyUserAddress', meta, request, async () => {
      if (request.customerId !== meta.customerId) {
        return refuse(
          'other_customer',
          `User ${request.customerId} is not the authenticated customer: only their own address can be changed.`,
        );
      }
      const raw = await this.rawCustomer(meta.customerId);
      if (!raw) return refuse('customer_not_found', `Customer ${meta.customerId} does not exist.`);
      const address = toMailingAddressInput(request.address);
      const addressId = raw.customer.defaultAddress?.id;
      const errors = addressId
        ? (
            await this.client.request<{ customerAddressUpdate: { userErrors: UserError[] } }>(
              q.CUSTOMER_ADDRESS_UPDATE,
              {
                customerId: meta.customerId,
                addressId,
                address,
              },
            )
          ).customerAddressUpdate.userErrors
        : (
            await this.client.request<{ customerAddressCreate: { userErrors: UserError[] } }>(
              q.CUSTOMER_ADDRESS_CREATE,
              {
                customerId: meta.customerId,
                address,
              },
            )
          ).customerAddressCreate.userErrors;
      if (errors.length > 0) return rejected(errors);
      return accept({ ...toCustomer(raw.customer, raw.giftCards), address: { ...request.address } });
    });
  }

  private async rawCustomer(
    customerId: string,
  ): Promise<{ customer: ShopifyCustomer; giftCards: ShopifyGiftCard[] } | null> {
    if (!customerId.startsWith('gid://')) return null;
    const data = await this.client.request<{
      customer: ShopifyCustomer | null;
      giftCards: { nodes: ShopifyGiftCard[] };
    }>(q.GET_CUSTOMER, { id: customerId, giftCardQuery: `customer_id:${numericId(customerId)}` });
    return data.customer ? { customer: data.customer, giftCards: data.giftCards.nodes } : null;
  }

  private async rawOrder(orderId: string): Promise<ShopifyOrder | null> {
    if (orderId.startsWith('gid://')) {
      return (await this.client.request<{ order: ShopifyOrder | null }>(q.GET_ORDER_BY_ID, { id: orderId }))
        .order;
    }
    const data = await this.client.request<{ orders: { nodes: ShopifyOrder[] } }>(q.GET_ORDER_BY_NAME, {
      query: `name:${searchValue(orderId)}`,
    });
    return data.orders.nodes.find((o) => o.name === orderId) ?? null;
  }

  /** The order as Shopify has it now, if it exists, is the customer's and passes `check`. */
  private async orderFor(
    meta: WriteMeta,
    orderId: string,
    check: (order: Order) => Decision | null,
  ): Promise<{ ok: true; order: Order; raw: ShopifyOrder } | { ok: false; refusal: Refusal }> {
    const raw = await this.rawOrder(orderId);
    if (!raw) return refuse('order_not_found', `Order ${orderId} does not exist.`);
    const order = toOrder(raw);
    const blocked = refusalOf(ownership({ customerId: meta.customerId, order }) ?? check(order));
    if (blocked) return blocked;
    return { ok: true, order, raw };
  }

  private once<T>(
    action: string,
    meta: WriteMeta,
    request: unknown,
    work: () => Promise<WriteResult<T>>,
  ): Promise<WriteResult<T>> {
    if (!meta.actionId) throw new Error('a store write needs an actionId');
    if (!meta.customerId) {
      return Promise.resolve(
        refuse(
          'not_authenticated',
          'No customer is authenticated: find the customer by email or name and zip first.',
        ),
      );
    }
    const hash = sha256Hex(canonicalJson({ action, customerId: meta.customerId, request }));
    const known = this.actions.get(meta.actionId);
    if (known) {
      if (known.hash !== hash) {
        return Promise.resolve(
          refuse(
            'action_id_reused',
            `Action id ${meta.actionId} was already used for a different request: use a new id for a new action.`,
          ),
        );
      }
      return known.outcome as Promise<WriteResult<T>>;
    }
    // A call that failed before an outcome is forgotten, so the caller may retry it; the state checks then
    // see whatever part of it Shopify applied.
    const outcome = work().catch((err: unknown) => {
      this.actions.delete(meta.actionId);
      throw err;
    });
    this.actions.set(meta.actionId, { hash, outcome });
    if (this.actions.size > this.remember) {
      const oldest = this.actions.keys().next().value;
      if (oldest !== undefined) this.actions.delete(oldest);
    }
    return outcome;
  }
}
