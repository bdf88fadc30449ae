import type { WriteResult } from './refusals.js';
import type { Address, Customer, Order, Product, ProductType } from './types.js';

/**
 * Who is asking and under which idempotency key. `customerId` is the customer the caller authenticated for
 * this conversation: every write refuses to touch anything of another customer's.
 */
export interface WriteMeta {
  /** Idempotency key: the same id again returns the first outcome and changes nothing. */
  actionId: string;
  customerId: string;
}

export interface CancelOrderRequest {
  orderId: string;
  /** 'no longer needed' or 'ordered by mistake'; anything else is refused. */
  reason: string;
}

export interface OrderAddressRequest {
  orderId: string;
  address: Address;
}

export interface OrderItemsRequest {
  orderId: string;
  /** Items of the order, by item id; an id listed twice means two of that item. */
  itemIds: string[];
  /** One new item per entry of `itemIds`, in the same order. */
  newItemIds: string[];
  /** Pays or receives the price difference. */
  paymentMethodId: string;
}

export interface OrderPaymentRequest {
  orderId: string;
  paymentMethodId: string;
}

export interface ReturnItemsRequest {
  orderId: string;
  itemIds: string[];
  /** Receives the refund: the order's original payment method or one of the customer's gift cards. */
  paymentMethodId: string;
}

export interface UserAddressRequest {
  /** Must be the authenticated customer. */
  customerId: string;
  address: Address;
}

/** Reads and writes of one store. Writes enforce the store's policy whatever the caller asks. */
export interface Store {
  findCustomerByEmail(email: string): Promise<string | null>;
  findCustomerByNameZip(query: { firstName: string; lastName: string; zip: string }): Promise<string | null>;
  getCustomer(customerId: string): Promise<Customer | null>;
  getOrder(orderId: string): Promise<Order | null>;
  getProduct(productId: string): Promise<Product | null>;
  /** The orders of these ids that exist, in the order asked: one read where the store allows, not one each. */
  getOrders(orderIds: readonly string[]): Promise<Order[]>;
  /** The products of these ids that exist, in the order asked: one read where the store allows. */
  getProducts(productIds: readonly string[]): Promise<Product[]>;
  /** Every product type, sorted by name. */
  listProductTypes(): Promise<ProductType[]>;

  cancelPendingOrder(meta: WriteMeta, request: CancelOrderRequest): Promise<WriteResult<Order>>;
  modifyPendingOrderAddress(meta: WriteMeta, request: OrderAddressRequest): Promise<WriteResult<Order>>;
  modifyPendingOrderItems(meta: WriteMeta, request: OrderItemsRequest): Promise<WriteResult<Order>>;
  modifyPendingOrderPayment(meta: WriteMeta, request: OrderPaymentRequest): Promise<WriteResult<Order>>;
  returnDeliveredOrderItems(meta: WriteMeta, request: ReturnItemsRequest): Promise<WriteResult<Order>>;
  exchangeDeliveredOrderItems(meta: WriteMeta, request: OrderItemsRequest): Promise<WriteResult<Order>>;
  modifyUserAddress(meta: WriteMeta, request: UserAddressRequest): Promise<WriteResult<Customer>>;
}

/** A store that can list its customers and orders, for `stateDigest`. */
export interface StateSource {
  snapshot(scope?: { customerIds?: string[] }): Promise<{ customers: Customer[]; orders: Order[] }>;
}
