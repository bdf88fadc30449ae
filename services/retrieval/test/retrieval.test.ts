import { localRouting } from '@parley/contracts/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readTimeline } from '@parley/audit';
import type { BusHarness } from '@parley/bus/testing';
import { createBusHarness, waitFor } from '@parley/bus/testing';
import type { EnvelopeBase, EventOf, PayloadOf, Retrieval, Routing } from '@parley/contracts';
import { KnowledgeChanged, makeEvent, TicketRetrieved, TicketRouted } from '@parley/contracts';
import { loadDefaultEmbedder } from '@parley/knowledge';
import type { RunningService } from '@parley/runtime';
import { startService } from '@parley/runtime';
import { sql } from 'kysely';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDENTITY_QUESTION, ORDER_LOOKUP_LEAD } from '@parley/wording';
import { readServiceConfig } from '../src/config.js';
import { buildService } from '../src/service.js';
import { ANOTHERS_ORDER_TERMS, searchedWords } from '../src/search/passages.js';

let h: BusHarness;
let service: RunningService;
const seen: EnvelopeBase[] = [];

const ANN_ORDER = '#W1000001';
const ANN_OLD_ORDER = '#W1000002';
const BOB_ORDER = '#W2000001';

async function seedCrm(): Promise<void> {
  const db = h.db.db;
  const none = JSON.stringify({});
  await db
    .insertInto('customers')
    .values([
      {
        id: 'ann_lee_1',
        first_name: 'Ann',
        last_name: 'Lee',
        email: 'ann@example.com',
        phone: null,
        address: JSON.stringify({ zip: '94016' }),
        payment_methods: JSON.stringify([{ id: 'paypal_1', kind: 'paypal' }]),
      },
      {
        id: 'bob_ray_2',
        first_name: 'Bob',
        last_name: 'Ray',
        email: 'bob@example.com',
        phone: null,
        address: none,
        payment_methods: none,
      },
    ])
    .execute();
  const order = (
    id: string,
    customer: string,
    status: string,
    itemName: string,
    tracking: string,
    price: number,
  ) => ({
    id,
    customer_id: customer,
    status,
    items: JSON.stringify([
      { name: itemName, productId: 'p1', itemId: `${id}-i1`, price, options: { color: 'red' } },
    ]),
    fulfillments: JSON.stringify([{ trackingIds: [tracking], itemIds: [`${id}-i1`] }]),
    // The older order was refunded to PayPal: its facts say so, the other orders' say nothing of refunds.
    payment_history: JSON.stringify(
      id === ANN_OLD_ORDER ? [{ type: 'refund', amount: price, paymentMethodId: 'paypal_1' }] : [],
    ),
    address: none,
  });
  await db
    .insertInto('orders')
    .values([
      order(ANN_ORDER, 'ann_lee_1', 'delivered', 'Espresso Machine', 'TRACK-ANN-1', 249.99),
      order(ANN_OLD_ORDER, 'ann_lee_1', 'processed', 'Desk Lamp', 'TRACK-ANN-2', 30),
      order(BOB_ORDER, 'bob_ray_2', 'pending', 'Secret Gadget', 'TRACK-BOB-1', 999),
    ])
    .execute();
  const chair = (itemId: string, color: string, material: string, available: boolean, price: number) => ({
    itemId,
    options: { color, material },
    available,
    price,
  });
  await db
    .insertInto('products')
    .values({
      id: 'prod_chair',
      name: 'Office Chair',
      variants: JSON.stringify([
        chair('chair-1', 'black', 'leather', true, 503.76),
        chair('chair-2', 'black', 'mesh', false, 420),
        chair('chair-3', 'red', 'leather', true, 466.44),
      ]),
    })
    .execute();
}

let dir: string;

beforeAll(async () => {
  h = await createBusHarness('retrieval');
  await seedCrm();
  h.record('ticket.retrieved.v1', seen);
  // Answered questions of this suite's own, so what they lift is known: a made-up word only they contain.
  dir = await mkdtemp(join(tmpdir(), 'parley-answered-'));
  const answered = join(dir, 'answered.jsonl');
  await writeFile(
    answered,
    '{"id":"q1","text":"what does quoggle delivery cost","articles":["international-shipping"],"sections":[{"articleId":"international-shipping","section":"Alaska and Hawaii"}]}\n',
  );
  const config = readServiceConfig({
    ...h.env(),
    RETRIEVAL_PORT: '0',
    RETRIEVAL_ANSWERED_QUESTIONS_FILE: answered,
  });
  service = await startService(buildService(config, { embedder: await loadDefaultEmbedder() }));
});

afterAll(async () => {
  await service.stop();
  await h.close();
});

const routing: Routing = localRouting({ allowedTools: ['lookup_order'] });

function routed(
  ticketId: string,
  body: string,
  crmId: string | null,
  intent = routing.intent,
): EventOf<typeof TicketRouted> {
  return makeEvent(TicketRouted, {
    ticketId,
    payload: {
      turn: 1,
      ticket: {
        channel: 'api',
        customer: { crmId },
        body,
        history: [],
        receivedAt: new Date().toISOString(),
      },
      routing: { ...routing, intent },
    },
  });
}

async function retrievedFor(
  ticketId: string,
  body: string,
  crmId: string | null,
  intent?: string,
): Promise<PayloadOf<typeof TicketRetrieved>> {
  const bus = await h.bus();
  await bus.publish(routed(ticketId, body, crmId, intent));
  const event = await waitFor(`ticket.retrieved for ${ticketId}`, () =>
    seen.find((e) => e.ticketId === ticketId),
  );
  return TicketRetrieved.envelope.parse(event).payload;
}

describe('retrieval service', () => {
  it('seeds the help centre once, announces it, and is ready with the index built', async () => {
    const source = await h.db.db
      .selectFrom('kb_sources')
      .selectAll()
      .where('id', '=', 'help-centre')
      .executeTakeFirstOrThrow();
    expect(source.revision).toBe(1);
    const { count } = await h.db.db
      .selectFrom('kb_chunks')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBeGreaterThan(100);
    await waitFor('the kb.changed event', async () => (await h.count('kb.changed.v1')) === 1);
    expect((await fetch(`${service.url}/readyz`)).status).toBe(200);
  });

  it("grounds a customer's ticket in the help centre and their own order, named order first", async () => {
    const p = await retrievedFor(
      'rv-1',
      `My order ${ANN_ORDER} says delivered but the package never arrived. Where is it?`,
      'ann_lee_1',
    );
    const r: Retrieval = p.retrieval;
    expect(r.index).toBe('embedded');
    expect(r.passages).toHaveLength(5);
    expect(r.passages.map((x) => x.articleId)).toContain('missing-package');
    expect(r.topScore).toBeGreaterThan(0);
    expect(r.topScore).toBe(Math.max(...r.passages.map((x) => x.score)));
    // How far the leading article is ahead, for the gate; the same figure as on the timeline.
    expect(r.leadMargin).toEqual(expect.any(Number));
    expect(r.leadMargin).toBeGreaterThanOrEqual(0);
    expect(r.passages[0]!.scores).toEqual(
      expect.objectContaining({ bm25: expect.any(Number), dense: expect.any(Number) }),
    );
    expect(r.customer).toMatchObject({ customerId: 'ann_lee_1', name: 'Ann Lee', unownedOrderIds: [] });
    expect(r.customer!.orders.map((o) => o.orderId)).toEqual([ANN_ORDER, ANN_OLD_ORDER]);
    expect(r.customer!.orders[0]).toMatchObject({
      status: 'delivered',
      trackingIds: ['TRACK-ANN-1'],
      total: 249.99,
    });
    expect(r.customer!.orders[0]).not.toHaveProperty('refunds');
    expect(r.customer!.orders[1]!.refunds).toEqual([{ amount: 30, method: 'PayPal' }]);
    const entry = await waitFor('the timeline entry', async () => (await readTimeline(h.db.db, 'rv-1'))[0]);
    expect(entry).toMatchObject({
      type: 'ticket.retrieved',
      service: 'retrieval',
      detail: { orders: 2, unownedOrders: 0, articles: expect.arrayContaining(['missing-package']) },
    });
    // The order named comes first whatever its place among the latest.
    const older = await retrievedFor('rv-1b', `Where is ${ANN_OLD_ORDER}?`, 'ann_lee_1');
    expect(older.retrieval.customer!.orders.map((o) => o.orderId)).toEqual([ANN_OLD_ORDER, ANN_ORDER]);
  });

  it("never includes another customer's order named in the ticket", async () => {
    const p = await retrievedFor(
      'rv-2',
      `Please cancel order ${BOB_ORDER} and also check ${ANN_ORDER}`,
      'ann_lee_1',
    );
    expect(p.retrieval.customer!.unownedOrderIds).toEqual([BOB_ORDER]);
    expect(p.retrieval.customer!.orders.map((o) => o.orderId)).toEqual([ANN_ORDER, ANN_OLD_ORDER]);
    const text = JSON.stringify(p.retrieval);
    for (const leak of ['bob_ray_2', 'Secret Gadget', 'TRACK-BOB-1']) expect(text).not.toContain(leak);
    expect(JSON.stringify(p.retrieval.customer)).not.toContain('pending');
  });

  it('looks nothing up for an unmatched sender', async () => {
    const p = await retrievedFor('rv-3', `Where is ${ANN_ORDER}?`, null);
    expect(p.retrieval.customer).toBeNull();
    expect(JSON.stringify(p.retrieval)).not.toContain('TRACK-ANN-1');
  });

  it('finds a sender not matched at the edge by the details they give in the conversation', async () => {
    const bus = await h.bus();
    const asked = `${ORDER_LOOKUP_LEAD} ${IDENTITY_QUESTION}`;
    const identified = (ticketId: string, body: string, name?: string) => {
      const event = routed(ticketId, body, null, 'order_status');
      const at = new Date().toISOString();
      event.payload.turn = 2;
      event.payload.ticket = {
        ...event.payload.ticket,
        customer: { crmId: null, ...(name ? { name } : {}) },
        history: [
          { turn: 1, role: 'customer', body: 'has my order shipped yet?', at },
          { turn: 1, role: 'bot', body: asked, at },
        ],
      };
      return event;
    };
    const found = async (ticketId: string) =>
      TicketRetrieved.envelope.parse(
        await waitFor(`ticket.retrieved for ${ticketId}`, () => seen.find((e) => e.ticketId === ticketId)),
      ).payload.retrieval.customer;
    await bus.publish(identified('rv-id-1', 'it is ANN@example.com'));
    await bus.publish(identified('rv-id-2', 'Ann Lee, zip 94016'));
    // An email whose account bears another name than the one the sender gave, or a name with the wrong ZIP code.
    await bus.publish(identified('rv-id-3', 'ann@example.com', 'Bob Ray'));
    await bus.publish(identified('rv-id-4', 'Ann Lee, zip 94017'));
    for (const id of ['rv-id-1', 'rv-id-2']) {
      const customer = await found(id);
      expect(customer).toMatchObject({ customerId: 'ann_lee_1', unownedOrderIds: [] });
      expect(customer!.orders.map((o) => o.orderId)).toEqual([ANN_ORDER, ANN_OLD_ORDER]);
    }
    expect(await found('rv-id-3')).toBeNull();
    expect(await found('rv-id-4')).toBeNull();
    // An address said in passing, not in answer to our question, identifies no one.
    const passing = await retrievedFor(
      'rv-id-5',
      'my friend ann@example.com recommended you. where is my order?',
      null,
    );
    expect(passing.retrieval.customer).toBeNull();
  });

  it('searches a message about an order another person placed with the words of the rule on such orders', async () => {
    const dad = await retrievedFor(
      'rv-dad',
      'My dad ordered a bike for me. Can you tell me when it arrives?',
      null,
    );
    expect(dad.retrieval.passages[0]!.articleId).toBe('orders-for-someone-else');
    expect(searchedWords('where is my order?')).toBe('where is my order?');
    expect(searchedWords('my dad ordered a bike for me')).toBe(
      `my dad ordered a bike for me\n${ANOTHERS_ORDER_TERMS}`,
    );
  });

  it('adds the catalogue products a product question names, narrowed to the options it names', async () => {
    const p = await retrievedFor(
      'rv-p1',
      'Do your office chairs come in black leather? How much?',
      null,
      'product_question',
    );
    expect(p.retrieval.products).toEqual([
      {
        productId: 'prod_chair',
        name: 'Office Chair',
        variants: [
          {
            itemId: 'chair-1',
            options: { color: 'black', material: 'leather' },
            available: true,
            price: 503.76,
          },
        ],
      },
    ]);
    const entry = await waitFor('the timeline entry', async () => (await readTimeline(h.db.db, 'rv-p1'))[0]);
    expect(entry?.detail).toMatchObject({ products: ['prod_chair'] });
  });

  it('lets the routed intent lift the articles its description finds, and records that it did', async () => {
    // Words that fit several articles: the intent decides which one leads.
    const body = 'is there a fee?';
    const shipping = await retrievedFor('rv-prior-1', body, null, 'shipping_info');
    const payment = await retrievedFor('rv-prior-2', body, null, 'payment');
    const lead = (p: PayloadOf<typeof TicketRetrieved>) => p.retrieval.passages[0]!.articleId;
    expect(['shipping-methods', 'international-shipping']).toContain(lead(shipping));
    expect(lead(payment)).not.toBe(lead(shipping));
    // Only the order moves: the top score is the best passage's own confidence either way.
    expect(shipping.retrieval.topScore).toBe(Math.max(...shipping.retrieval.passages.map((x) => x.score)));
    const [entry] = await readTimeline(h.db.db, 'rv-prior-1');
    expect(entry!.detail).toMatchObject({
      intentPrior: 'shipping_info',
      leadMargin: shipping.retrieval.leadMargin,
    });
  });

  it("lifts the match figures when the question alone leads to the same article as the whole message's", async () => {
    const question = 'Do your gift cards expire?';
    const bare = await retrievedFor('rv-corroborated-0', question, null, 'payment');
    const told = await retrievedFor(
      'rv-corroborated-1',
      `I am on my lunch break and my cousin is visiting next weekend. ${question}`,
      null,
      'payment',
    );
    // The same article leads; the sentence about the writer's day lowers the whole message's own match, and the
    // question's search, which found the same article, gives its figures back.
    const lead = (p: PayloadOf<typeof TicketRetrieved>) => p.retrieval.passages[0]!.articleId;
    expect(lead(told)).toBe('gift-cards');
    expect(lead(bare)).toBe('gift-cards');
    const ownBest = Math.max(...told.retrieval.passages.map((x) => x.score));
    expect(told.retrieval.topScore).toBeGreaterThan(ownBest);
    expect(told.retrieval.topScore).toBeCloseTo(bare.retrieval.topScore, 2);
    const [entry] = await readTimeline(h.db.db, 'rv-corroborated-1');
    expect(entry!.detail).toMatchObject({ corroborated: true });
    expect(entry!.detail.topScore).toBeCloseTo(told.retrieval.topScore, 3);
    // A message that is only its question is searched once.
    const [own] = await readTimeline(h.db.db, 'rv-corroborated-0');
    expect(own!.detail).not.toHaveProperty('corroborated');
  });

  it('lets the questions answered before lift the articles that answered them, and records that they did', async () => {
    // The words alone lead to the shipping articles; the question alike leads to its own article.
    const p = await retrievedFor('rv-answered-1', 'quoggle delivery cost?', null, 'shipping_info');
    expect(p.retrieval.passages[0]!.articleId).toBe('international-shipping');
    expect(p.retrieval.passages.map((x) => x.articleId)).toContain('shipping-methods');
    // The section that held that question's answer carries the vote, for the composer; no other does.
    const voted = p.retrieval.passages.filter((x) => x.scores.answered !== undefined);
    expect(voted.map((x) => x.section)).toEqual(['Alaska and Hawaii']);
    expect(voted[0]!.scores.answered).toBeGreaterThan(0);
    const [entry] = await readTimeline(h.db.db, 'rv-answered-1');
    expect(entry!.detail).toMatchObject({ answeredQuestions: true });
  });

  it('refuses to start on a damaged answered-questions file, naming the setting, the file and the line', async () => {
    const bad = join(dir, 'bad.jsonl');
    await writeFile(bad, '{"id":"q1","text":"how much is delivery","articles":[]}\n');
    const config = readServiceConfig({
      ...h.env(),
      RETRIEVAL_PORT: '0',
      RETRIEVAL_ANSWERED_QUESTIONS_FILE: bad,
    });
    await expect(
      startService(buildService(config, { embedder: await loadDefaultEmbedder() })),
    ).rejects.toThrow(/RETRIEVAL_ANSWERED_QUESTIONS_FILE: .*bad\.jsonl:1: articles/);
  });

  it('looks up no product for an order question', async () => {
    const p = await retrievedFor('rv-p2', 'Where is the office chair I ordered?', null);
    expect(p.retrieval.products).toBeUndefined();
    expect(p.retrieval.passages.map((x) => x.articleId)).not.toContain('product-availability-variants');
  });

  it("puts the help centre's rule on stock beside the products it looks up, whatever words were used", async () => {
    const p = await retrievedFor('rv-p3', 'how much is the office chair', null, 'product_question');
    expect(p.retrieval.products?.map((x) => x.productId)).toEqual(['prod_chair']);
    const rule = p.retrieval.passages.filter((x) => x.articleId === 'product-availability-variants');
    expect(rule.length).toBeGreaterThan(0);
    expect(rule.some((x) => /out of stock/i.test(x.text))).toBe(true);
    // The match score stays the ticket's own search's.
    const own = p.retrieval.passages.filter((x) => !rule.includes(x));
    expect(p.retrieval.topScore).toBe(Math.max(...own.map((x) => x.score)));
  });

  it('reloads chunks named by kb.changed without a restart', async () => {
    const db = h.db.db;
    const chunk = await db
      .selectFrom('kb_chunks')
      .select(['id'])
      .where('article_id', '=', 'gift-cards')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('kb_chunks')
      .set({ text: 'Zanzibarite vouchers can be redeemed at the till.', content_hash: 'edited' })
      .where('id', '=', chunk.id)
      .execute();
    await sql`update kb_sources set revision = 2 where id = 'help-centre'`.execute(db);
    const bus = await h.bus();
    await bus.publish(
      makeEvent(KnowledgeChanged, {
        ticketId: null,
        payload: { sourceId: 'help-centre', revision: 2, upserted: [chunk.id], deleted: [] },
      }),
    );
    let n = 0;
    await waitFor('the edited chunk to be searchable', async () => {
      const p = await retrievedFor(`rv-kb-${n++}`, 'Can I redeem zanzibarite vouchers?', null);
      return p.retrieval.passages[0]?.chunkId === chunk.id;
    });
  });
});
