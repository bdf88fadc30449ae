import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local stand-in for Shopify's Admin GraphQL endpoint: POST /admin/api/<version>/graphql.json with
// X-Shopify-Access-Token, JSON answers with `data`, `userErrors` and the cost extension, 429 with Retry-After
// and THROTTLED errors on demand. It answers the operations the Shopify store sends, by operation name, from
// a small shop held in memory.

const VERSION_PATH = /^\/admin\/api\/\d{4}-\d{2}\/graphql\.json$/;

interface Address {
  id?: string;
  address1: string | null;
  address2: string | null;
  city: string | null;
  provinceCode: string | null;
  zip: string | null;
  countryCodeV2: string | null;
}

export interface ShopCustomer {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  defaultAddress: Address | null;
  paymentMethods: Array<{
    id: string;
    instrument: { __typename: string; brand?: string; lastDigits?: string };
  }>;
}

export interface ShopOrder {
  id: string;
  name: string;
  customerId: string;
  cancelledAt: string | null;
  displayFulfillmentStatus: string;
  shippingAddress: Address;
  lineItems: Array<{
    id: string;
    name: string;
    quantity: number;
    variantId: string;
    productId: string;
    price: string;
  }>;
  fulfillments: Array<{
    displayStatus: string;
    tracking: string[];
    lines: Array<{ id: string; quantity: number; lineItemId: string }>;
  }>;
  transactions: Array<{ kind: string; status: string; gateway: string; amount: string }>;
  returns: Array<{ status: string; lines: unknown }>;
}

export interface ShopProduct {
  id: string;
  title: string;
  variants: Array<{ id: string; price: string; availableForSale: boolean; options: Record<string, string> }>;
}

export interface Shop {
  customers: ShopCustomer[];
  giftCards: Array<{ id: string; customerId: string; balance: string }>;
  orders: ShopOrder[];
  products: ShopProduct[];
}

export interface FakeShopify {
  url: string;
  token: string;
  shop: Shop;
  /** Every request that reached the server: operation name and variables (rate-limited ones included). */
  requests: Array<{ operation: string; variables: Record<string, unknown> }>;
  /** The next `count` requests get HTTP 429 with this Retry-After. */
  rateLimitNext(count: number, retryAfter: string): void;
  /** The next `count` requests get a THROTTLED error with an empty bucket. */
  throttleNext(count: number): void;
  /** Points the cost extension reports as available from now on. */
  setAvailable(points: number): void;
  close(): Promise<void>;
}

const RESTORE_RATE = 100;
const MAXIMUM = 2000;

function address(a: Address | null): Address | null {
  return a && { ...a };
}

function customerNode(c: ShopCustomer, shop: Shop) {
  return {
    id: c.id,
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email,
    defaultAddress: address(c.defaultAddress),
    paymentMethods: { nodes: c.paymentMethods },
    orders: { nodes: shop.orders.filter((o) => o.customerId === c.id).map((o) => ({ name: o.name })) },
  };
}

function orderNode(o: ShopOrder, shop: Shop) {
  const variantOptions = (variantId: string) =>
    Object.entries(
      shop.products.flatMap((p) => p.variants).find((v) => v.id === variantId)?.options ?? {},
    ).map(([name, value]) => ({ name, value }));
  return {
    id: o.id,
    name: o.name,
    cancelledAt: o.cancelledAt,
    displayFulfillmentStatus: o.displayFulfillmentStatus,
    customer: { id: o.customerId },
    shippingAddress: address(o.shippingAddress),
    lineItems: {
      nodes: o.lineItems.map((l) => ({
        id: l.id,
        name: l.name,
        quantity: l.quantity,
        variant: { id: l.variantId, selectedOptions: variantOptions(l.variantId) },
        product: { id: l.productId },
        originalUnitPriceSet: { shopMoney: { amount: l.price } },
      })),
    },
    fulfillments: o.fulfillments.map((f) => ({
      displayStatus: f.displayStatus,
      trackingInfo: f.tracking.map((number) => ({ number })),
      fulfillmentLineItems: {
        nodes: f.lines.map((l) => ({ id: l.id, quantity: l.quantity, lineItem: { id: l.lineItemId } })),
      },
    })),
    transactions: o.transactions.map((t) => ({
      kind: t.kind,
      status: t.status,
      gateway: t.gateway,
      amountSet: { shopMoney: { amount: t.amount } },
    })),
    returns: { nodes: o.returns.map((r) => ({ status: r.status })) },
  };
}

/** The value of `field:"..."` in a Shopify search string. */
function searchField(query: unknown, field: string): string | undefined {
  const match = new RegExp(`${field}:"((?:[^"\\\\]|\\\\.)*)"`).exec(String(query));
  return match?.[1]?.replace(/\\(.)/g, '$1');
}

function fromInput(a: Record<string, string>): Address {
  return {
    address1: a.address1 ?? null,
    address2: a.address2 ?? null,
    city: a.city ?? null,
    provinceCode: a.provinceCode ?? null,
    zip: a.zip ?? null,
    countryCodeV2: a.countryCode ?? null,
  };
}

function badCountry(a: Record<string, string>): Array<{ field: string[]; message: string }> {
  return /^[A-Z]{2}$/.test(a.countryCode ?? '')
    ? []
    : [{ field: ['address', 'countryCode'], message: 'Country is invalid' }];
}

function answer(shop: Shop, operation: string, v: Record<string, unknown>): unknown {
  switch (operation) {
    case 'FindCustomerByEmail': {
      const email = searchField(v.query, 'email')?.toLowerCase();
      return {
        customers: {
          nodes: shop.customers
            .filter((c) => c.email.toLowerCase() === email)
            .map((c) => ({ id: c.id, email: c.email })),
        },
      };
    }
    case 'FindCustomersByName': {
      const first = searchField(v.query, 'first_name')?.toLowerCase();
      const last = searchField(v.query, 'last_name')?.toLowerCase();
      const nodes = shop.customers
        .filter((c) => c.firstName.toLowerCase() === first && c.lastName.toLowerCase() === last)
        .map((c) => ({
          id: c.id,
          firstName: c.firstName,
          lastName: c.lastName,
          defaultAddress: c.defaultAddress && { zip: c.defaultAddress.zip },
        }));
      return { customers: { nodes } };
    }
    case 'GetCustomer': {
      const customer = shop.customers.find((c) => c.id === v.id);
      const owner = String(v.giftCardQuery).replace('customer_id:', '');
      return {
        customer: customer ? customerNode(customer, shop) : null,
        giftCards: {
          nodes: shop.giftCards
            .filter((g) => g.customerId.endsWith(`/${owner}`))
            .map((g) => ({ id: g.id, balance: { amount: g.balance } })),
        },
      };
    }
    case 'GetOrderByName': {
      const name = searchField(v.query, 'name');
      return { orders: { nodes: shop.orders.filter((o) => o.name === name).map((o) => orderNode(o, shop)) } };
    }
    case 'GetOrderById': {
      const order = shop.orders.find((o) => o.id === v.id);
      return { order: order ? orderNode(order, shop) : null };
    }
    case 'GetProduct': {
      const p = shop.products.find((x) => x.id === v.id);
      return {
        product: p && {
          id: p.id,
          title: p.title,
          variants: {
            nodes: p.variants.map((x) => ({
              id: x.id,
              price: x.price,
              availableForSale: x.availableForSale,
              selectedOptions: Object.entries(x.options).map(([name, value]) => ({ name, value })),
            })),
          },
        },
      };
    }
    case 'ListProducts': {
      // Two per page, so the client's pagination is exercised.
      const start = v.after ? Number(v.after) : 0;
      const sorted = [...shop.products].sort((a, b) => a.title.localeCompare(b.title));
      const page = sorted.slice(start, start + 2);
      const next = start + 2 < sorted.length;
      return {
        products: {
          nodes: page.map((p) => ({ id: p.id, title: p.title })),
          pageInfo: { hasNextPage: next, endCursor: next ? String(start + 2) : null },
        },
      };
    }
    case 'OrderCancel': {
      const order = shop.orders.find((o) => o.id === v.orderId);
      if (!order)
        return {
          orderCancel: {
            job: null,
            orderCancelUserErrors: [
              { field: ['orderId'], message: 'Order does not exist', code: 'NOT_FOUND' },
            ],
          },
        };
      if (order.cancelledAt) {
        return {
          orderCancel: {
            job: null,
            orderCancelUserErrors: [
              { field: ['orderId'], message: 'Order has already been cancelled', code: 'INVALID' },
            ],
          },
        };
      }
      order.cancelledAt = '2026-01-01T00:00:00Z';
      for (const t of order.transactions.filter((x) => x.kind === 'SALE'))
        order.transactions.push({ ...t, kind: 'REFUND' });
      return { orderCancel: { job: { id: 'gid://shopify/Job/1', done: false }, orderCancelUserErrors: [] } };
    }
    case 'OrderUpdate': {
      const input = v.input as { id: string; shippingAddress: Record<string, string> };
      const order = shop.orders.find((o) => o.id === input.id);
      const errors = badCountry(input.shippingAddress);
      if (!order || errors.length > 0) return { orderUpdate: { order: null, userErrors: errors } };
      order.shippingAddress = fromInput(input.shippingAddress);
      return { orderUpdate: { order: orderNode(order, shop), userErrors: [] } };
    }
    case 'ReturnCreate': {
      const input = v.returnInput as {
        orderId: string;
        returnLineItems: Array<{ fulfillmentLineItemId: string; quantity: number }>;
      };
      const order = shop.orders.find((o) => o.id === input.orderId);
      if (!order)
        return {
          returnCreate: {
            return: null,
            userErrors: [{ field: ['orderId'], message: 'Order does not exist' }],
          },
        };
      order.returns.push({ status: 'OPEN', lines: input.returnLineItems });
      return { returnCreate: { return: { id: 'gid://shopify/Return/1', status: 'OPEN' }, userErrors: [] } };
    }
    case 'CustomerAddressUpdate':
    case 'CustomerAddressCreate': {
      const customer = shop.customers.find((c) => c.id === v.customerId);
      const input = v.address as Record<string, string>;
      const errors = badCountry(input);
      const key = operation === 'CustomerAddressUpdate' ? 'customerAddressUpdate' : 'customerAddressCreate';
      if (!customer || errors.length > 0) return { [key]: { address: null, userErrors: errors } };
      const id =
        (v.addressId as string | undefined) ?? 'gid://shopify/MailingAddress/99?model_name=CustomerAddress';
      customer.defaultAddress = { id, ...fromInput(input) };
      return { [key]: { address: { id }, userErrors: [] } };
    }
    default:
      throw new Error(`the test server does not know operation ${operation}`);
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export async function startFakeShopify(shop: Shop, token = 'shpat_test_token'): Promise<FakeShopify> {
  const requests: FakeShopify['requests'] = [];
  let rateLimited: { count: number; retryAfter: string } = { count: 0, retryAfter: '1.0' };
  let throttled = 0;
  let available = MAXIMUM;

  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST' || !VERSION_PATH.test(req.url ?? ''))
        return send(res, 404, { errors: 'Not Found' });
      if (req.headers['x-shopify-access-token'] !== token) {
        return send(res, 401, {
          errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
        });
      }
      const body = JSON.parse(await readBody(req)) as { query: string; variables?: Record<string, unknown> };
      const operation = /^\s*(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? '(anonymous)';
      const variables = body.variables ?? {};
      requests.push({ operation, variables });
      if (rateLimited.count > 0) {
        rateLimited.count -= 1;
        return send(
          res,
          429,
          {
            errors:
              'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.',
          },
          { 'Retry-After': rateLimited.retryAfter },
        );
      }
      if (throttled > 0) {
        throttled -= 1;
        return send(res, 200, {
          errors: [
            {
              message: 'Throttled',
              extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
            },
          ],
          extensions: {
            cost: {
              requestedQueryCost: 50,
              actualQueryCost: null,
              throttleStatus: { maximumAvailable: MAXIMUM, currentlyAvailable: 0, restoreRate: RESTORE_RATE },
            },
          },
        });
      }
      const data = answer(shop, operation, variables);
      send(res, 200, {
        data,
        extensions: {
          cost: {
            requestedQueryCost: 10,
            actualQueryCost: 5,
            throttleStatus: {
              maximumAvailable: MAXIMUM,
              currentlyAvailable: available,
              restoreRate: RESTORE_RATE,
            },
          },
        },
      });
    })().catch((err: unknown) => send(res, 500, { errors: [{ message: (err as Error).message }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    shop,
    requests,
    rateLimitNext(count, retryAfter) {
      rateLimited = { count, retryAfter };
    },
    throttleNext(count) {
      throttled = count;
    },
    setAvailable(points) {
      available = points;
    },
    close: () =>
      new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
