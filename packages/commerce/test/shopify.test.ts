import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ShopifyError } from '../src/shopify/client.js';
import { ShopifyStore } from '../src/shopify/store.js';
import { toolByName } from '../src/tools.js';
import type { FakeShopify, Shop } from './shopify-server.js';
import { startFakeShopify } from './shopify-server.js';

const ANN = 'gid://shopify/Customer/101';
const BOB = 'gid://shopify/Customer/102';
const CARD = 'gid://shopify/CustomerPaymentMethod/a1';
const GIFT = 'gid://shopify/GiftCard/7';
const KETTLE = 'gid://shopify/Product/1';
const MUG = 'gid://shopify/Product/2';

function shop(): Shop {
  const addr = (zip: string) => ({
    id: `gid://shopify/MailingAddress/${zip}?model_name=CustomerAddress`,
    address1: '1 Main St',
    address2: '',
    city: 'Austin',
    provinceCode: 'TX',
    zip,
    countryCodeV2: 'US',
  });
  const line = (
    id: string,
    name: string,
    quantity: number,
    variantId: string,
    productId: string,
    price: string,
  ) => ({
    id,
    name,
    quantity,
    variantId,
    productId,
    price,
  });
  const sale = (amount: string) => [{ kind: 'SALE', status: 'SUCCESS', gateway: 'shopify_payments', amount }];
  const order = (name: string, customerId: string, status: string) => ({
    id: `gid://shopify/Order/${name.slice(1)}`,
    name,
    customerId,
    cancelledAt: null,
    displayFulfillmentStatus: status,
    shippingAddress: addr('73301'),
    lineItems: [
      line(
        `gid://shopify/LineItem/${name.slice(1)}1`,
        'Electric Kettle',
        2,
        'gid://shopify/ProductVariant/11',
        KETTLE,
        '45.50',
      ),
    ],
    fulfillments: [] as Shop['orders'][number]['fulfillments'],
    transactions: sale('91.00'),
    returns: [],
  });
  const delivered = order('#1002', ANN, 'FULFILLED');
  delivered.fulfillments = [
    {
      displayStatus: 'DELIVERED',
      tracking: ['1Z999'],
      lines: [
        {
          id: 'gid://shopify/FulfillmentLineItem/21',
          quantity: 2,
          lineItemId: 'gid://shopify/LineItem/10021',
        },
      ],
    },
  ];
  const inTransit = order('#1004', ANN, 'FULFILLED');
  inTransit.fulfillments = [{ displayStatus: 'IN_TRANSIT', tracking: ['1Z998'], lines: [] }];
  return {
    customers: [
      {
        id: ANN,
        firstName: 'Ann',
        lastName: 'Lee',
        email: 'ann.lee@example.com',
        defaultAddress: addr('73301'),
        paymentMethods: [
          { id: CARD, instrument: { __typename: 'CustomerCreditCard', brand: 'visa', lastDigits: '4242' } },
        ],
      },
      {
        id: BOB,
        firstName: 'Bob',
        lastName: 'Ray',
        email: 'bob@example.com',
        defaultAddress: addr('10001'),
        paymentMethods: [],
      },
    ],
    giftCards: [{ id: GIFT, customerId: ANN, balance: '25.00' }],
    orders: [order('#1001', ANN, 'UNFULFILLED'), delivered, order('#1003', BOB, 'UNFULFILLED'), inTransit],
    products: [
      {
        id: KETTLE,
        title: 'Electric Kettle',
        variants: [
          {
            id: 'gid://shopify/ProductVariant/11',
            price: '45.50',
            availableForSale: true,
            options: { color: 'white' },
          },
          {
            id: 'gid://shopify/ProductVariant/12',
            price: '49.00',
            availableForSale: false,
            options: { color: 'black' },
          },
        ],
      },
      { id: MUG, title: 'Mug', variants: [] },
      { id: 'gid://shopify/Product/3', title: 'Backpack', variants: [] },
    ],
  };
}

let fake: FakeShopify;
let store: ShopifyStore;
let slept: number[];

beforeEach(async () => {
  fake = await startFakeShopify(shop());
  slept = [];
  store = new ShopifyStore({
    shopUrl: fake.url,
    accessToken: fake.token,
    sleep: async (ms) => {
      slept.push(ms);
    },
  });
});
afterEach(async () => {
  await fake.close();
});

const mutations = () => fake.requests.filter((r) => /^(Order|Return|CustomerAddress)/.test(r.operation));
const meta = (actionId: string, customerId = ANN) => ({ actionId, customerId });

describe('ShopifyStore reads', () => {
  it('finds customers by email or by name and zip, exactly', async () => {
    expect(await store.findCustomerByEmail('ANN.LEE@example.com')).toBe(ANN);
    expect(await store.findCustomerByEmail('nobody@example.com')).toBeNull();
    expect(await store.findCustomerByNameZip({ firstName: 'ann', lastName: 'LEE', zip: '73301' })).toBe(ANN);
    expect(await store.findCustomerByNameZip({ firstName: 'Ann', lastName: 'Lee', zip: '99999' })).toBeNull();
    expect(fake.requests[0]?.variables).toEqual({ query: 'email:"ANN.LEE@example.com"' });
  });

  it('maps a customer with cards and gift cards, and orders with their status', async () => {
    expect(await store.getCustomer(ANN)).toEqual({
      id: ANN,
      firstName: 'Ann',
      lastName: 'Lee',
      name: 'Ann Lee',
      email: 'ann.lee@example.com',
      address: { line1: '1 Main St', line2: '', city: 'Austin', state: 'TX', zip: '73301', country: 'US' },
      paymentMethods: [
        { id: CARD, kind: 'credit_card', brand: 'visa', lastFour: '4242' },
        { id: GIFT, kind: 'gift_card', balance: 25 },
      ],
      orderIds: ['#1001', '#1002', '#1004'],
    });
    const pending = await store.getOrder('#1001');
    expect(pending).toMatchObject({ id: '#1001', customerId: ANN, status: 'pending' });
    expect(pending?.items).toHaveLength(2);
    expect(pending?.paymentHistory).toEqual([
      { type: 'payment', amount: 91, paymentMethodId: 'shopify_payments' },
    ]);
    expect((await store.getOrder('#1002'))?.status).toBe('delivered');
    expect((await store.getOrder('#1004'))?.status).toBe('processed');
    expect((await store.getOrder('gid://shopify/Order/1002'))?.fulfillments).toEqual([
      {
        trackingIds: ['1Z999'],
        itemIds: ['gid://shopify/ProductVariant/11', 'gid://shopify/ProductVariant/11'],
      },
    ]);
    expect(await store.getOrder('#9999')).toBeNull();
    // Several at once: those found, in the order asked, each once.
    const many = await store.getOrders(['#1004', '#9999', '#1001', '#1004']);
    expect(many.map((o) => o.id)).toEqual(['#1004', '#1001']);
  });

  it('reads a product and lists product types across pages, sorted by name', async () => {
    expect(await store.getProduct(KETTLE)).toEqual({
      id: KETTLE,
      name: 'Electric Kettle',
      variants: [
        {
          itemId: 'gid://shopify/ProductVariant/11',
          options: { color: 'white' },
          available: true,
          price: 45.5,
        },
        {
          itemId: 'gid://shopify/ProductVariant/12',
          options: { color: 'black' },
          available: false,
          price: 49,
        },
      ],
    });
    expect(await store.listProductTypes()).toEqual([
      { name: 'Backpack', productId: 'gid://shopify/Product/3' },
      { name: 'Electric Kettle', productId: KETTLE },
      { name: 'Mug', productId: MUG },
    ]);
    expect(fake.requests.filter((r) => r.operation === 'ListProducts')).toHaveLength(2);
  });
});

describe('ShopifyStore writes', () => {
  it('cancels a pending order once per action id, also when the calls are concurrent', async () => {
    const request = { orderId: '#1001', reason: 'no longer needed' };
    const [a, b] = await Promise.all([
      store.cancelPendingOrder(meta('cancel-1'), request),
      store.cancelPendingOrder(meta('cancel-1'), request),
    ]);
    expect(a).toMatchObject({ ok: true, result: { status: 'cancelled', cancelReason: 'no longer needed' } });
    expect(b).toEqual(a);
    expect(await store.cancelPendingOrder(meta('cancel-1'), request)).toEqual(a);
    expect(mutations()).toEqual([
      {
        operation: 'OrderCancel',
        variables: { orderId: 'gid://shopify/Order/1001', staffNote: 'Customer: no longer needed' },
      },
    ]);
    expect((await store.getOrder('#1001'))?.status).toBe('cancelled');
    // The same id for another request is refused without a call.
    expect(
      await store.cancelPendingOrder(meta('cancel-1'), { orderId: '#1004', reason: 'no longer needed' }),
    ).toMatchObject({
      ok: false,
      refusal: { rule: 'action_id_reused' },
    });
    expect(mutations()).toHaveLength(1);
  });

  it('checks the policy on what Shopify reports before sending anything', async () => {
    const refused = async (p: Promise<{ ok: boolean; refusal?: { rule: string } }>, rule: string) =>
      expect(await p).toMatchObject({ ok: false, refusal: { rule } });
    await refused(
      store.cancelPendingOrder(meta('c1'), { orderId: '#1004', reason: 'no longer needed' }),
      'order_not_pending',
    );
    await refused(
      store.cancelPendingOrder(meta('c2'), { orderId: '#1003', reason: 'no longer needed' }),
      'other_customer',
    );
    await refused(
      store.cancelPendingOrder(meta('c3'), { orderId: '#1001', reason: 'too slow' }),
      'invalid_cancel_reason',
    );
    await refused(
      store.cancelPendingOrder(meta('c4'), { orderId: '#1404', reason: 'no longer needed' }),
      'order_not_found',
    );
    await refused(
      store.returnDeliveredOrderItems(meta('r1'), {
        orderId: '#1001',
        itemIds: ['gid://shopify/ProductVariant/11'],
        paymentMethodId: 'shopify_payments',
      }),
      'order_not_delivered',
    );
    await refused(
      store.modifyUserAddress(meta('u1'), {
        customerId: BOB,
        address: { line1: 'x', line2: '', city: 'y', state: 'NY', zip: '1', country: 'US' },
      }),
      'other_customer',
    );
    expect(mutations()).toEqual([]);
  });

  it('changes the shipping address of a pending order and reports what Shopify refuses', async () => {
    const address = {
      line1: '9 Oak Ave',
      line2: 'Unit 3',
      city: 'Denver',
      state: 'CO',
      zip: '80202',
      country: 'USA',
    };
    const done = await store.modifyPendingOrderAddress(meta('addr-1'), { orderId: '#1001', address });
    expect(done).toMatchObject({ ok: true, result: { address: { ...address, country: 'US' } } });
    expect(mutations()[0]?.variables).toEqual({
      input: {
        id: 'gid://shopify/Order/1001',
        shippingAddress: {
          address1: '9 Oak Ave',
          address2: 'Unit 3',
          city: 'Denver',
          provinceCode: 'CO',
          zip: '80202',
          countryCode: 'US',
        },
      },
    });
    const bad = await store.modifyPendingOrderAddress(meta('addr-2'), {
      orderId: '#1001',
      address: { ...address, country: 'Narnia' },
    });
    expect(bad).toEqual({
      ok: false,
      refusal: { rule: 'backend_rejected', message: expect.stringContaining('Country is invalid') },
    });
  });

  it('opens a return of delivered units to the original payment method', async () => {
    const unit = 'gid://shopify/ProductVariant/11';
    const done = await store.returnDeliveredOrderItems(meta('ret-1'), {
      orderId: '#1002',
      itemIds: [unit, unit],
      paymentMethodId: 'shopify_payments',
    });
    expect(done).toMatchObject({
      ok: true,
      result: {
        status: 'return requested',
        returnRequest: { itemIds: [unit, unit], paymentMethodId: 'shopify_payments' },
      },
    });
    expect(mutations()).toEqual([
      {
        operation: 'ReturnCreate',
        variables: {
          returnInput: {
            orderId: 'gid://shopify/Order/1002',
            returnLineItems: [
              {
                fulfillmentLineItemId: 'gid://shopify/FulfillmentLineItem/21',
                quantity: 2,
                returnReason: 'UNKNOWN',
              },
            ],
          },
        },
      },
    ]);
    expect((await store.getOrder('#1002'))?.status).toBe('return requested');
  });

  it('refuses refund routes and changes Shopify cannot express, saying so', async () => {
    const unit = 'gid://shopify/ProductVariant/11';
    expect(
      await store.returnDeliveredOrderItems(meta('ret-gift'), {
        orderId: '#1002',
        itemIds: [unit],
        paymentMethodId: GIFT,
      }),
    ).toMatchObject({
      ok: false,
      refusal: { rule: 'unsupported_by_backend' },
    });
    expect(
      await store.returnDeliveredOrderItems(meta('ret-card'), {
        orderId: '#1002',
        itemIds: [unit],
        paymentMethodId: CARD,
      }),
    ).toMatchObject({
      ok: false,
      refusal: { rule: 'refund_method_not_allowed' },
    });
    const swap = {
      orderId: '#1001',
      itemIds: [unit],
      newItemIds: ['gid://shopify/ProductVariant/12'],
      paymentMethodId: CARD,
    };
    for (const outcome of [
      await store.modifyPendingOrderItems(meta('i'), swap),
      await store.modifyPendingOrderPayment(meta('p'), { orderId: '#1001', paymentMethodId: CARD }),
      await store.exchangeDeliveredOrderItems(meta('x'), { ...swap, orderId: '#1002' }),
    ]) {
      expect(outcome).toEqual({
        ok: false,
        refusal: { rule: 'unsupported_by_backend', message: expect.stringMatching(/Shopify.*human agent/) },
      });
    }
    expect(mutations()).toEqual([]);
  });

  it("updates the customer's default address", async () => {
    const address = {
      line1: '5 Pine Rd',
      line2: '',
      city: 'Boise',
      state: 'ID',
      zip: '83702',
      country: 'US',
    };
    expect(await store.modifyUserAddress(meta('home-1'), { customerId: ANN, address })).toMatchObject({
      ok: true,
      result: { id: ANN, address },
    });
    expect(mutations().map((m) => m.operation)).toEqual(['CustomerAddressUpdate']);
    expect((await store.getCustomer(ANN))?.address).toEqual(address);
  });

  it('runs through the tool catalogue like any store', async () => {
    const outcome = await toolByName('cancel_pending_order')!.run(
      store,
      { order_id: '#1001', reason: 'ordered by mistake' },
      {
        customerId: ANN,
        actionId: 'tool-cancel',
      },
    );
    expect(outcome).toMatchObject({ ok: true, result: { id: '#1001', status: 'cancelled' } });
  });
});

describe('Shopify rate limits and errors', () => {
  it('waits out a 429 for its Retry-After and tries again', async () => {
    fake.rateLimitNext(2, '2.0');
    expect((await store.getOrder('#1001'))?.status).toBe('pending');
    expect(slept).toEqual([2000, 2000]);
    expect(fake.requests.map((r) => r.operation)).toEqual([
      'GetOrderByName',
      'GetOrderByName',
      'GetOrderByName',
    ]);
  });

  it('waits for the bucket to refill after a THROTTLED answer, and before a request that would be throttled', async () => {
    fake.throttleNext(1);
    expect(await store.findCustomerByEmail('ann.lee@example.com')).toBe(ANN);
    // 50 points asked, none available, 100 restored per second: half a second.
    expect(slept).toEqual([500]);
    fake.setAvailable(4);
    await store.findCustomerByEmail('ann.lee@example.com');
    await store.findCustomerByEmail('ann.lee@example.com');
    // The last answer left 4 points; the next request waits for the 6 it is missing.
    expect(slept).toEqual([500, 60]);
  });

  it('gives up after the attempts allowed, without sending a mutation twice', async () => {
    fake.rateLimitNext(10, '1');
    await expect(
      store.cancelPendingOrder(meta('limited'), { orderId: '#1001', reason: 'no longer needed' }),
    ).rejects.toThrow(ShopifyError);
    expect(fake.requests).toHaveLength(5);
    fake.rateLimitNext(0, '1');
    // The failed call is forgotten, so the same action id can be retried.
    expect(
      (await store.cancelPendingOrder(meta('limited'), { orderId: '#1001', reason: 'no longer needed' })).ok,
    ).toBe(true);
    expect(mutations().filter((m) => m.operation === 'OrderCancel')).toHaveLength(1);
  });

  it('fails clearly on a wrong access token, without echoing it', async () => {
    const wrong = new ShopifyStore({
      shopUrl: fake.url,
      accessToken: 'shpat_wrong',
      sleep: async () => undefined,
    });
    const error = await wrong.getOrder('#1001').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ShopifyError);
    expect((error as ShopifyError).status).toBe(401);
    expect((error as Error).message).not.toContain('shpat_wrong');
  });
});
