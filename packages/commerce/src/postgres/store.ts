import type { Database } from '@parley/db';
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import { canonicalJson, sha256Hex } from '../canonical.js';
import { crmReader } from './crm.js';
import type { Decision, OrderState, PolicyOptions } from '../policy.js';
import {
  decideCancel,
  decideExchange,
  decideItems,
  decideOrderAddress,
  decidePayment,
  decideReturn,
} from '../policy.js';
import type { WriteResult } from '../refusals.js';
import { accept, refuse } from '../refusals.js';
import type {
  CancelOrderRequest,
  OrderAddressRequest,
  OrderItemsRequest,
  OrderPaymentRequest,
  ReturnItemsRequest,
  StateSource,
  Store,
  UserAddressRequest,
  WriteMeta,
} from '../store.js';
import type { Customer, Order, PaymentMethod, Product, ProductType } from '../types.js';
import {
  CUSTOMER_COLUMNS,
  ORDER_COLUMNS,
  orderUpdate,
  toCustomer,
  toOrder,
  toPaymentMethods,
  toProduct,
} from './rows.js';

type Trx = Transaction<Database>;

export interface PostgresStoreOptions {
  policy?: PolicyOptions;
}

/**
 * The demo store over the CRM tables. Each write runs in one transaction that first claims its action id in
 * `store_actions` (a concurrent duplicate waits on that row and then reads its outcome), then locks the
 * customer row and the order row (`for update`, always in that order, so two writes cannot deadlock), decides
 * by the policy and applies the change.
 */
export class PostgresStore implements Store, StateSource {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: PostgresStoreOptions = {},
  ) {}

  async findCustomerByEmail(email: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('customers')
      .select('id')
      .where(sql<string>`lower(email)`, '=', email.toLowerCase())
      .executeTakeFirst();
    return row?.id ?? null;
  }

  async findCustomerByNameZip(query: {
    firstName: string;
    lastName: string;
    zip: string;
  }): Promise<string | null> {
    return crmReader(this.db).customerIdByNameZip(query);
  }

  async getCustomer(customerId: string): Promise<Customer | null> {
    // The customer with their order ids in one statement: the planner reads an account on every write turn.
    const row = await this.db
      .selectFrom('customers')
      .select(CUSTOMER_COLUMNS)
      .select((eb) =>
        eb.fn
          .coalesce(
            eb
              .selectFrom('orders')
              .select(sql<string[]>`array_agg(orders.id order by orders.id)`.as('ids'))
              .whereRef('orders.customer_id', '=', 'customers.id'),
            sql<string[]>`'{}'::text[]`,
          )
          .as('order_ids'),
      )
      .where('id', '=', customerId)
      .executeTakeFirst();
    if (!row) return null;
    const { order_ids, ...customer } = row;
    return toCustomer(customer, order_ids);
  }

  async getOrder(orderId: string): Promise<Order | null> {
    const row = await this.db
      .selectFrom('orders')
      .select(ORDER_COLUMNS)
      .where('id', '=', orderId)
      .executeTakeFirst();
    return row ? toOrder(row) : null;
  }

  async getProduct(productId: string): Promise<Product | null> {
    const row = await this.db
      .selectFrom('products')
      .selectAll()
      .where('id', '=', productId)
      .executeTakeFirst();
    return row ? toProduct(row) : null;
  }

  async getOrders(orderIds: readonly string[]): Promise<Order[]> {
    if (orderIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('orders')
      .select(ORDER_COLUMNS)
      .where('id', 'in', [...orderIds])
      .execute();
    return inOrderAsked(orderIds, rows.map(toOrder));
  }

  async getProducts(productIds: readonly string[]): Promise<Product[]> {
    if (productIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('products')
      .selectAll()
      .where('id', 'in', [...productIds])
      .execute();
    return inOrderAsked(productIds, rows.map(toProduct));
  }

  async listProductTypes(): Promise<ProductType[]> {
    const rows = await this.db
      .selectFrom('products')
      .select(['id', 'name'])
      .orderBy('name')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ name: r.name, productId: r.id }));
  }

  async snapshot(
    scope: { customerIds?: string[] } = {},
  ): Promise<{ customers: Customer[]; orders: Order[] }> {
    const ids = scope.customerIds;
    if (ids && ids.length === 0) return { customers: [], orders: [] };
    let customers = this.db.selectFrom('customers').select(CUSTOMER_COLUMNS).orderBy('id');
    let orders = this.db.selectFrom('orders').select(ORDER_COLUMNS).orderBy('id');
    if (ids) {
      customers = customers.where('id', 'in', ids);
      orders = orders.where('customer_id', 'in', ids);
    }
    const [customerRows, orderRows] = await Promise.all([customers.execute(), orders.execute()]);
    const byCustomer = new Map<string, string[]>();
    for (const o of orderRows)
      byCustomer.set(o.customer_id, [...(byCustomer.get(o.customer_id) ?? []), o.id]);
    return {
      customers: customerRows.map((c) => toCustomer(c, byCustomer.get(c.id) ?? [])),
      orders: orderRows.map(toOrder),
    };
  }

  cancelPendingOrder(meta: WriteMeta, request: CancelOrderRequest): Promise<WriteResult<Order>> {
    return this.orderWrite('cancelPendingOrder', meta, request, async (state) =>
      decideCancel(state, request),
    );
  }

  modifyPendingOrderAddress(meta: WriteMeta, request: OrderAddressRequest): Promise<WriteResult<Order>> {
    return this.orderWrite('modifyPendingOrderAddress', meta, request, async (state) =>
      decideOrderAddress(state, request),
    );
  }

  modifyPendingOrderItems(meta: WriteMeta, request: OrderItemsRequest): Promise<WriteResult<Order>> {
    return this.orderWrite('modifyPendingOrderItems', meta, request, async (state, trx) =>
      decideItems(state, request, await this.productsOf(trx, state.order), this.options.policy),
    );
  }

  modifyPendingOrderPayment(meta: WriteMeta, request: OrderPaymentRequest): Promise<WriteResult<Order>> {
    return this.orderWrite('modifyPendingOrderPayment', meta, request, async (state) =>
      decidePayment(state, request),
    );
  }

  returnDeliveredOrderItems(meta: WriteMeta, request: ReturnItemsRequest): Promise<WriteResult<Order>> {
    return this.orderWrite('returnDeliveredOrderItems', meta, request, async (state) =>
      decideReturn(state, request),
    );
  }

  exchangeDeliveredOrderItems(meta: WriteMeta, request: OrderItemsRequest): Promise<WriteResult<Order>> {
    return this.orderWrite('exchangeDeliveredOrderItems', meta, request, async (state, trx) =>
      decideExchange(state, request, await this.productsOf(trx, state.order), this.options.policy),
    );
  }

  modifyUserAddress(meta: WriteMeta, request: UserAddressRequest): Promise<WriteResult<Customer>> {
    return this.ledgered('modifyUserAddress', meta, request, async (trx) => {
      if (request.customerId !== meta.customerId) {
        return refuse(
          'other_customer',
          `User ${request.customerId} is not the authenticated customer: only their own address can be changed.`,
        );
      }
      const row = await trx
        .selectFrom('customers')
        .select(CUSTOMER_COLUMNS)
        .where('id', '=', meta.customerId)
        .forUpdate()
        .executeTakeFirst();
      if (!row) return refuse('customer_not_found', `Customer ${meta.customerId} does not exist.`);
      await trx
        .updateTable('customers')
        .set({ address: JSON.stringify(request.address) })
        .where('id', '=', row.id)
        .execute();
      return accept(toCustomer({ ...row, address: request.address }, await this.orderIdsOf(trx, row.id)));
    });
  }

  private async orderIdsOf(db: Kysely<Database>, customerId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('orders')
      .select('id')
      .where('customer_id', '=', customerId)
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  }

  private async productsOf(trx: Trx, order: Order): Promise<Map<string, Product>> {
    const ids = [...new Set(order.items.map((i) => i.productId))];
    const rows = await trx.selectFrom('products').selectAll().where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, toProduct(r)]));
  }

  /** Locks the customer then the order, decides, and writes what the decision changed. */
  private orderWrite(
    action: string,
    meta: WriteMeta,
    request: { orderId: string },
    decide: (state: OrderState, trx: Trx) => Promise<Decision>,
  ): Promise<WriteResult<Order>> {
    return this.ledgered(action, meta, request, async (trx) => {
      const customer = await trx
        .selectFrom('customers')
        .select(['id', 'payment_methods'])
        .where('id', '=', meta.customerId)
        .forUpdate()
        .executeTakeFirst();
      if (!customer) return refuse('customer_not_found', `Customer ${meta.customerId} does not exist.`);
      const row = await trx
        .selectFrom('orders')
        .select(ORDER_COLUMNS)
        .where('id', '=', request.orderId)
        .forUpdate()
        .executeTakeFirst();
      if (!row) return refuse('order_not_found', `Order ${request.orderId} does not exist.`);
      const paymentMethods = toPaymentMethods(customer);
      const decision = await decide(
        { customerId: meta.customerId, order: toOrder(row), paymentMethods },
        trx,
      );
      if (!decision.ok) return decision;
      const { order } = decision.change;
      await trx.updateTable('orders').set(orderUpdate(order)).where('id', '=', order.id).execute();
      if (changed(paymentMethods, decision.change.paymentMethods)) {
        await trx
          .updateTable('customers')
          .set({ payment_methods: JSON.stringify(decision.change.paymentMethods) })
          .where('id', '=', customer.id)
          .execute();
      }
      return accept(order);
    });
  }

  /**
   * Runs a write at most once per action id. The claim is the first statement of the transaction: a second
   * call with the same id blocks on the uncommitted row until the first commits, then finds it and returns
   * the stored outcome; if the first rolled back, the second claims the id and runs.
   */
  private ledgered<T>(
    action: string,
    meta: WriteMeta,
    request: unknown,
    work: (trx: Trx) => Promise<WriteResult<T>>,
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
    const requestHash = sha256Hex(canonicalJson({ action, customerId: meta.customerId, request }));
    return this.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .insertInto('store_actions')
        .values({
          action_id: meta.actionId,
          action,
          customer_id: meta.customerId,
          request_hash: requestHash,
          outcome: null,
        })
        .onConflict((oc) => oc.column('action_id').doNothing())
        .returning('action_id')
        .executeTakeFirst();
      if (!claimed) {
        const prior = await trx
          .selectFrom('store_actions')
          .select(['request_hash', 'outcome'])
          .where('action_id', '=', meta.actionId)
          .executeTakeFirstOrThrow();
        if (prior.request_hash !== requestHash) {
          return refuse(
            'action_id_reused',
            `Action id ${meta.actionId} was already used for a different request: use a new id for a new action.`,
          );
        }
        return prior.outcome as WriteResult<T>;
      }
      const outcome = await work(trx);
      await trx
        .updateTable('store_actions')
        .set({ outcome: JSON.stringify(outcome) })
        .where('action_id', '=', meta.actionId)
        .execute();
      return outcome;
    });
  }
}

function changed(before: PaymentMethod[], after: PaymentMethod[]): boolean {
  return canonicalJson(before) !== canonicalJson(after);
}

/** Records found by id, in the order the ids were asked for (each once; ids not found left out). */
function inOrderAsked<T extends { id: string }>(ids: readonly string[], found: readonly T[]): T[] {
  const byId = new Map(found.map((r) => [r.id, r]));
  return [...new Set(ids)].flatMap((id) => {
    const r = byId.get(id);
    return r ? [r] : [];
  });
}
