import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { REFUSAL_RULES } from '../src/refusals.js';
import type { Tool } from '../src/tools.js';
import { TOOLS, toolByName, toolSpecs } from '../src/tools.js';
import type { SeededStore } from './harness.js';
import { seededStore } from './harness.js';
import type { Catalogue } from './pick.js';
import { loadCatalogue, pick } from './pick.js';

let s: SeededStore;
let c: Catalogue;
let calls = 0;

beforeAll(async () => {
  s = await seededStore('tools');
  c = await loadCatalogue();
});
afterAll(async () => {
  await s.t.drop();
});

async function ok(tool: string, input: unknown, customerId: string | null, extra = {}): Promise<unknown> {
  const t = toolByName(tool) as Tool;
  const outcome = await t.run(s.store, input, {
    customerId,
    actionId: `tools-${tool}-${(calls += 1)}`,
    ...extra,
  });
  if (!outcome.ok) throw new Error(`${tool} refused: ${outcome.refusal.message}`);
  // Every result is what the tool's output schema promises.
  expect(t.output.safeParse(outcome.result).success).toBe(true);
  return outcome.result;
}

describe('PostgresStore: many records in one read', () => {
  it('reads the orders and products asked for, in the order asked, each once, leaving out unknown ids', async () => {
    const one = await s.store.getOrder('#W2378156');
    const two = await s.store.getOrder('#W4776164');
    const orders = await s.store.getOrders(['#W4776164', '#W0000000', '#W2378156', '#W4776164']);
    expect(orders).toEqual([two, one]);
    expect(await s.store.getOrders([])).toEqual([]);
    const ids = [...new Set(one!.items.map((i) => i.productId))];
    const products = await s.store.getProducts([...ids].reverse().concat('0000000000'));
    expect(products.map((p) => p.id)).toEqual([...ids].reverse());
    expect(products[0]).toEqual(await s.store.getProduct(ids.at(-1)!));
  });
});

describe('PostgresStore: a customer in one read', () => {
  it('reads a customer with their order ids in order, none for a customer without orders, nothing for no one', async () => {
    const ids = await s.t.db
      .selectFrom('orders')
      .select('id')
      .where('customer_id', '=', 'raj_moore_7909')
      .orderBy('id')
      .execute();
    const raj = await s.store.getCustomer('raj_moore_7909');
    expect(raj).toMatchObject({ id: 'raj_moore_7909', name: 'Raj Moore' });
    expect(raj!.orderIds).toEqual(ids.map((r) => r.id));
    expect(raj!.orderIds.length).toBeGreaterThan(1);
    await s.t.db
      .insertInto('customers')
      .values({
        id: 'no_orders_1',
        first_name: 'No',
        last_name: 'Orders',
        email: 'no.orders@example.com',
        phone: null,
        address: JSON.stringify({
          line1: '1 Elm St',
          line2: '',
          city: 'Austin',
          state: 'TX',
          zip: '78701',
          country: 'USA',
        }),
        payment_methods: JSON.stringify([]),
      })
      .execute();
    expect((await s.store.getCustomer('no_orders_1'))?.orderIds).toEqual([]);
    expect(await s.store.getCustomer('nobody_here')).toBeNull();
  });
});

describe('the tool catalogue', () => {
  it("has tau-bench's tools plus search_help_centre, with kinds", () => {
    expect(TOOLS.map((t) => [t.name, t.kind])).toEqual([
      ['find_user_id_by_email', 'read'],
      ['find_user_id_by_name_zip', 'read'],
      ['get_user_details', 'read'],
      ['get_order_details', 'read'],
      ['get_product_details', 'read'],
      ['list_all_product_types', 'read'],
      ['cancel_pending_order', 'write'],
      ['modify_pending_order_address', 'write'],
      ['modify_pending_order_items', 'write'],
      ['modify_pending_order_payment', 'write'],
      ['return_delivered_order_items', 'write'],
      ['exchange_delivered_order_items', 'write'],
      ['modify_user_address', 'write'],
      ['transfer_to_human_agents', 'read'],
      ['search_help_centre', 'read'],
    ]);
    expect(toolByName('transfer_to_human_agents')?.handoff).toBe(true);
  });

  it('gives each tool a JSON Schema of its input for provider tool definitions', () => {
    const specs = toolSpecs();
    expect(specs).toHaveLength(15);
    const items = specs.find((t) => t.name === 'modify_pending_order_items')!.inputSchema;
    expect(items).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['order_id', 'item_ids', 'new_item_ids', 'payment_method_id'],
      properties: { item_ids: { type: 'array', items: { type: 'string' }, minItems: 1 } },
    });
    expect(items).not.toHaveProperty('$schema');
    const cancel = specs.find((t) => t.name === 'cancel_pending_order')!.inputSchema;
    expect(cancel).toMatchObject({
      properties: { reason: { enum: ['no longer needed', 'ordered by mistake'] } },
    });
    expect(specs.find((t) => t.name === 'list_all_product_types')!.inputSchema).toMatchObject({
      type: 'object',
      properties: {},
    });
    for (const spec of specs) expect(spec.description.length).toBeGreaterThan(40);
  });

  it('finds a customer by email (any case) or by name and zip, and reads only their data', async () => {
    const customer = [...c.customers.values()][0]!;
    expect(await ok('find_user_id_by_email', { email: customer.email.toUpperCase() }, null)).toEqual({
      userId: customer.id,
    });
    expect(
      await ok(
        'find_user_id_by_name_zip',
        {
          first_name: customer.firstName.toLowerCase(),
          last_name: customer.lastName,
          zip: customer.address.zip,
        },
        null,
      ),
    ).toEqual({ userId: customer.id });
    const details = (await ok('get_user_details', { user_id: customer.id }, customer.id)) as {
      orderIds: string[];
    };
    expect(details).toMatchObject({
      id: customer.id,
      email: customer.email,
      paymentMethods: customer.paymentMethods,
    });
    expect(details.orderIds).toEqual([...customer.orderIds].sort());
    const order = pick(c, 'any order of a customer', (o) => o.customerId === customer.id);
    expect(await ok('get_order_details', { order_id: order.id }, customer.id)).toMatchObject({
      id: order.id,
      status: order.status,
      items: order.items,
    });
  });

  it('lists product types by name and reads a product with its variants', async () => {
    const { productTypes } = (await ok('list_all_product_types', {}, null)) as {
      productTypes: Array<{ name: string; productId: string }>;
    };
    expect(productTypes).toHaveLength(50);
    expect(productTypes.map((p) => p.name)).toEqual([...productTypes.map((p) => p.name)].sort());
    const product = [...c.products.values()][0]!;
    expect(await ok('get_product_details', { product_id: product.id }, null)).toEqual(product);
  });

  it('transfers to a human and searches the help centre through the caller', async () => {
    expect(await ok('transfer_to_human_agents', { summary: 'wants a refund to a new card' }, null)).toEqual({
      transferred: true,
      summary: 'wants a refund to a new card',
    });
    const queries: string[] = [];
    const found = await ok('search_help_centre', { query: 'return window' }, null, {
      searchHelpCentre: async (query: string) => {
        queries.push(query);
        return [{ id: 'returns', title: 'Returns', text: 'Return delivered items.' }];
      },
    });
    expect(queries).toEqual(['return window']);
    expect(found).toEqual({
      articles: [{ id: 'returns', title: 'Returns', text: 'Return delivered items.' }],
    });
    await expect(
      toolByName('search_help_centre')!.run(s.store, { query: 'x' }, { customerId: null }),
    ).rejects.toThrow(/ctx.searchHelpCentre/);
  });

  it('changes the default address of the authenticated customer', async () => {
    const customer = [...c.customers.values()][1]!;
    const address = {
      address1: '1 Elm St',
      address2: 'Apt 2',
      city: 'Austin',
      state: 'TX',
      country: 'USA',
      zip: '73301',
    };
    const updated = await ok('modify_user_address', { user_id: customer.id, ...address }, customer.id);
    expect(updated).toMatchObject({
      id: customer.id,
      address: {
        line1: '1 Elm St',
        line2: 'Apt 2',
        city: 'Austin',
        state: 'TX',
        zip: '73301',
        country: 'USA',
      },
    });
    expect((await s.store.getCustomer(customer.id))?.address.line1).toBe('1 Elm St');
    await s.restore(customer.id);
  });

  it('needs an action id for a write: a wiring defect, not a model mistake', async () => {
    const order = pick(c, 'pending order', (o) => o.status === 'pending');
    await expect(
      toolByName('cancel_pending_order')!.run(
        s.store,
        { order_id: order.id, reason: 'no longer needed' },
        {
          customerId: order.customerId,
        },
      ),
    ).rejects.toThrow(/actionId/);
    expect((await s.store.getOrder(order.id))?.status).toBe('pending');
  });

  it('lists every refusal rule once', () => {
    expect(new Set(REFUSAL_RULES).size).toBe(REFUSAL_RULES.length);
  });
});
