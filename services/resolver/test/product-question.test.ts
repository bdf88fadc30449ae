// A product question through retrieval and the resolver on the real NATS and Postgres: retrieval runs as
// its own process (as deployed), the resolver in this one; the catalogue rows are seeded here.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readTimeline } from '@parley/audit';
import type { Bus } from '@parley/bus';
import type { BusHarness } from '@parley/bus/testing';
import { createBusHarness, waitFor } from '@parley/bus/testing';
import type { EventOf, TicketResolved } from '@parley/contracts';
import { makeEvent, TicketRouted } from '@parley/contracts';
import type { RunningService } from '@parley/runtime';
import { Supervisor } from '@parley/runtime';
import { anonymousTicket, officeChair, routing } from '../src/compose/local/testing.js';
import { resolvedFor, startResolver } from './harness.js';

const ROOT = new URL('../../../', import.meta.url).pathname;
const QUESTION =
  'Does the office chair come in black leather with adjustable armrests, and is it in stock? How much?';

let h: BusHarness;
let resolver: RunningService;
let retrieval: Supervisor;
let bus: Bus;
const logs: string[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  h = await createBusHarness('productq');
  const chair = officeChair();
  await h.db.db
    .insertInto('products')
    .values({ id: chair.productId, name: chair.name, variants: JSON.stringify(chair.variants) })
    .execute();
  bus = await h.bus();
  const port = await freePort();
  retrieval = new Supervisor({
    backoffMs: [500],
    stableMs: 10_000,
    stopTimeoutMs: 15_000,
    onLine: (_name, line) => logs.push(line),
  });
  retrieval.start([
    {
      name: 'retrieval',
      command: process.execPath,
      args: ['--import', 'tsx', `${ROOT}services/retrieval/src/index.ts`],
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        ...h.env(),
        RUN_MIGRATIONS: 'false',
        LOG_LEVEL: 'warn',
        BUS_EVENTS_MAX_BYTES: String(64 * 1024 ** 2),
        BUS_DLQ_MAX_BYTES: String(16 * 1024 ** 2),
        RETRIEVAL_PORT: String(port),
      },
    },
  ]);
  resolver = await startResolver(h);
  await waitFor(
    `retrieval ready\n${logs.join('\n')}`,
    () =>
      fetch(`http://127.0.0.1:${port}/readyz`)
        .then((r) => r.ok || undefined)
        .catch(() => undefined),
    90_000,
  );
}, 120_000);

afterAll(async () => {
  await retrieval?.stop();
  await resolver?.stop();
  await h?.close();
}, 60_000);

async function ask(ticketId: string, body: string): Promise<EventOf<typeof TicketResolved>> {
  await bus.publish(
    makeEvent(TicketRouted, {
      ticketId,
      payload: {
        turn: 1,
        ticket: anonymousTicket(body),
        routing: { ...routing('product_question'), allowedTools: ['lookup_product'] },
      },
    }),
  );
  return resolvedFor(bus, h.prefix, ticketId);
}

describe('a product question through retrieval and the resolver', () => {
  it('answers with the matching variant, its stock and exact price, from the catalogue', async () => {
    const { payload } = await ask('tk_chair', QUESTION);
    expect(payload.retrieval.products?.map((p) => p.variants.map((v) => v.itemId))).toEqual([['4648362606']]);
    const draft = payload.draft!;
    // The options come back in the order Postgres keeps jsonb keys, so each is looked for on its own.
    const line = draft.body.split('\n').find((l) => l.startsWith('- Office Chair'));
    expect(line).toMatch(/: in stock, \$503\.76\.$/);
    for (const option of [
      'leather material',
      'black color',
      'adjustable armrest',
      'high-back backrest height',
    ])
      expect(line).toContain(option);
    expect(draft.body).toContain('Each variant is either available or out of stock.');
    expect(draft.citations.map((c) => c.articleId)).toEqual(['product-availability-variants']);
    expect(draft.groundedness).toBe(1);
    expect(draft.toolCalls).toEqual([expect.objectContaining({ name: 'lookup_product', status: 'ok' })]);
    expect(draft.facts).toContainEqual({
      source: 'tool',
      ref: '4794339885',
      field: 'variants.4648362606.price',
      value: '$503.76',
    });
    const timeline = await readTimeline(h.db.db, 'tk_chair');
    expect(timeline.map((t) => t.type)).toEqual(['ticket.retrieved', 'ticket.resolved']);
    expect(timeline[0]!.detail).toMatchObject({ products: ['4794339885'] });
  });

  it('says which options exist when the product does not come in the one asked for', async () => {
    const { payload } = await ask('tk_green', 'Do you have office chairs in green?');
    expect(payload.retrieval.products?.[0]?.variants).toHaveLength(13);
    const draft = payload.draft!;
    expect(draft.body).toContain('The Office Chair does not come with exactly the options you asked for.');
    expect(draft.body).toContain('- color: black, red, gray, blue.');
    expect(draft.body).not.toContain('$');
    expect(draft.groundedness).toBe(1);
  });
});
