import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Bus } from '@parley/bus';
import type { BusHarness } from '@parley/bus/testing';
import { createBusHarness, waitFor } from '@parley/bus/testing';
import type { Draft, TicketTurn } from '@parley/contracts';
import { HandoffRequested, makeEvent, ReplyFailed } from '@parley/contracts';
import type { RunningService } from '@parley/runtime';
import { startService } from '@parley/runtime';
import { readServiceConfig } from '../src/config.js';
import { checkSla } from '../src/sla/check.js';
import { buildService } from '../src/service.js';

let h: BusHarness;
let svc: RunningService;
let bus: Bus;
const KEY = 'agent-key-1';

const ticket: TicketTurn = {
  channel: 'email',
  customer: { crmId: 'yara_li_6570', email: 'yara@example.com', name: 'Yara Li' },
  body: 'Please cancel my order #W8770097. Can you confirm?',
  history: [],
  receivedAt: new Date(0).toISOString(),
};
const draft: Draft = {
  body: 'Hi Yara,\n\nYour order #W8770097 is currently pending.',
  citations: [
    { chunkId: 'cancel#which', articleId: 'cancel-an-order', section: 'Which orders can be cancelled' },
  ],
  facts: [{ source: 'order', ref: '#W8770097', field: 'status', value: 'pending' }],
  groundedness: 1,
  toolCalls: [{ name: 'cancel_order', input: { orderId: '#W8770097' }, status: 'proposed' }],
  model: { provider: 'local', name: 'grounded-composer-v1', tier: 'local' },
  usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
  action: 'cancel_order',
};

function handoff(
  ticketId: string,
  withDraft = true,
  priority: 'normal' | 'urgent' = 'normal',
  workspace?: string,
) {
  return makeEvent(HandoffRequested, {
    ticketId,
    payload: {
      turn: 1,
      kind: 'suggest',
      reasons: [{ code: 'band_suggest' }],
      priority,
      ticket: workspace ? { ...ticket, workspace } : ticket,
      routing: {
        intent: 'cancel_order',
        confidence: 0.9,
        band: 'suggest',
        tier: 'commodity',
        outOfScope: false,
        sentiment: { score: 0, label: 'neutral' },
        allowedTools: [],
        rules: [],
        router: 'local-model',
      },
      draft: withDraft ? draft : null,
      sources: [],
      customer: null,
    },
  });
}

async function call(method: 'GET' | 'POST', path: string, body?: unknown, key: string | null = KEY) {
  const res = await fetch(`${svc.url}${path}`, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
}

const reviewOf = (itemId: string) =>
  h.db.db
    .selectFrom('draft_reviews')
    .select(['survival', 'edited', 'agent_id', 'turn'])
    .where('inbox_item_id', '=', itemId)
    .executeTakeFirst();

async function itemFor(ticketId: string) {
  const found = await waitFor(`inbox item for ${ticketId}`, () =>
    h.db.db.selectFrom('inbox_items').selectAll().where('ticket_id', '=', ticketId).executeTakeFirst(),
  );
  return found!;
}

beforeAll(async () => {
  h = await createBusHarness('handoff');
  const config = readServiceConfig({
    BUS_PREFIX: h.prefix,
    DATABASE_SCHEMA: h.db.config.schema,
    HANDOFF_PORT: '0',
    HANDOFF_AGENT_KEYS: KEY,
    HANDOFF_SLA_CHECK_MS: '0',
    LOG_LEVEL: 'silent',
  });
  svc = await startService(buildService(config), { migrate: false });
  bus = await h.bus();
});
afterAll(async () => {
  await svc.stop();
  await h.close();
});

describe('handoff service', () => {
  it('turns handoff.requested into one inbox row with SLA due times and a summary', async () => {
    const event = handoff('tk_inbox', true, 'urgent');
    await bus.publish(event);
    await bus.js.publish(`${h.prefix}.handoff.requested.v1`, JSON.stringify(event));
    const item = await itemFor('tk_inbox');
    expect(item).toMatchObject({ id: 'inb_tk_inbox_1', status: 'open', priority: 'urgent', kind: 'suggest' });
    expect(item.first_response_due_at.getTime() - item.created_at.getTime()).toBe(15 * 60_000);
    expect(item.resolution_due_at.getTime() - item.created_at.getTime()).toBe(90 * 60_000);
    expect((item.ticket as { summary: { orderIds: string[]; text: string } }).summary).toMatchObject({
      orderIds: ['#W8770097'],
      text: 'cancel order (#W8770097): Please cancel my order #W8770097. Can you confirm?',
    });
    const list = await call('GET', '/v1/inbox');
    expect(list.status).toBe(200);
    const listed = (list.body.items as Array<Record<string, unknown>>).find((i) => i.id === 'inb_tk_inbox_1');
    expect(listed).toMatchObject({ ticketId: 'tk_inbox', turn: 1, kind: expect.any(String), status: 'open' });
    expect(new Date(listed!.firstResponseDueAt as string).getTime()).toBe(
      item.first_response_due_at.getTime(),
    );
  });

  it('rejects requests without a valid key, and accepts a hashed key with the inbox scope', async () => {
    expect((await call('GET', '/v1/inbox', undefined, null)).status).toBe(401);
    expect((await call('GET', '/v1/inbox', undefined, 'wrong')).status).toBe(401);
    const stored = 'stored-key-xyz';
    await h.db.db
      .insertInto('api_keys')
      .values([
        {
          id: 'k1',
          name: 'inbox',
          key_hash: createHash('sha256').update(stored).digest('hex'),
          scopes: ['inbox'],
          workspace_id: 'default',
          revoked_at: null,
        },
        {
          id: 'k2',
          name: 'tickets',
          key_hash: createHash('sha256').update('tickets-only').digest('hex'),
          scopes: ['tickets'],
          workspace_id: 'default',
          revoked_at: null,
        },
      ])
      .execute();
    expect((await call('GET', '/v1/inbox', undefined, stored)).status).toBe(200);
    expect((await call('GET', '/v1/inbox', undefined, 'tickets-only')).status).toBe(403);
    const page = await fetch(`${svc.url}/inbox`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Parley inbox');
  });

  it('approve emits reply.requested once; the second call is a 409', async () => {
    await bus.publish(handoff('tk_approve'));
    const item = await itemFor('tk_approve');
    const first = await call('POST', `/v1/inbox/${item.id}/approve`, { agentId: 'ana' });
    expect(first).toEqual({ status: 200, body: { status: 'sent', replyId: 'rpl_tk_approve_1_agent' } });
    const second = await call('POST', `/v1/inbox/${item.id}/approve`, { agentId: 'ana' });
    expect(second.status).toBe(409);
    await waitFor('reply.requested', async () => (await h.count('reply.requested.v1')) === 1);
    const jsm = await bus.jsm();
    const msg = await jsm.streams.getMessage(bus.topo.eventsStream, {
      last_by_subj: `${h.prefix}.reply.requested.v1`,
    });
    expect(JSON.parse(msg!.string()).payload).toMatchObject({
      replyId: 'rpl_tk_approve_1_agent',
      source: 'agent',
      body: draft.body,
      agentId: 'ana',
      channel: 'email',
    });
    const types = await h.db.db
      .selectFrom('timeline')
      .select('type')
      .where('ticket_id', '=', 'tk_approve')
      .orderBy('id')
      .execute();
    expect(types.map((t) => t.type)).toEqual(['inbox.created', 'inbox.approved', 'reply.requested']);
    expect(await h.count('reply.requested.v1')).toBe(1);
    // The draft went out as it was: all of it survived.
    expect(await reviewOf(item.id)).toEqual({ survival: 1, edited: false, agent_id: 'ana', turn: 1 });
  });

  it('keeps how much of an edited draft survived, one row per item', async () => {
    await bus.publish(handoff('tk_edit'));
    const item = await itemFor('tk_edit');
    // Five of the draft's eight words kept (hi yara your order w8770097), in order.
    const edited = 'Hello! Hi Yara, your order #W8770097 needs a check with the warehouse first.';
    expect((await call('POST', `/v1/inbox/${item.id}/approve`, { body: edited, agentId: 'bo' })).status).toBe(
      200,
    );
    expect(await reviewOf(item.id)).toEqual({
      survival: 0.625,
      edited: true,
      agent_id: 'bo',
      turn: 1,
    });
  });

  it('refuses to approve an item with no draft and no body, and sends an edited body', async () => {
    await bus.publish(handoff('tk_nodraft', false));
    const item = await itemFor('tk_nodraft');
    expect((await call('POST', `/v1/inbox/${item.id}/approve`, {})).status).toBe(409);
    const sent = await call('POST', `/v1/inbox/${item.id}/approve`, { body: 'Hi Yara, done.' });
    expect(sent.status).toBe(200);
    expect((await call('POST', `/v1/inbox/${item.id}/approve`, { agentId: 7 })).status).toBe(400);
    // Nothing to survive: written from scratch.
    expect(await reviewOf(item.id)).toEqual({ survival: null, edited: true, agent_id: null, turn: 1 });
  });

  it('take-over makes the agent the owner; hand-back returns it to the bot, each announced once', async () => {
    await bus.publish(handoff('tk_take'));
    const item = await itemFor('tk_take');
    const changes = async () =>
      (
        (await h.stored('ticket.owner_changed.v1', 'tk_take')) as Array<{
          payload: { owner: string; seq: number; agentId?: string; inboxItemId?: string; turn: number };
        }>
      ).map((e) => e.payload);
    expect((await call('POST', `/v1/inbox/${item.id}/take-over`, { agentId: 'ana' })).status).toBe(200);
    expect(
      (
        await h.db.db
          .selectFrom('inbox_items')
          .select('status')
          .where('id', '=', item.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('taken_over');
    expect((await call('GET', `/v1/inbox/${item.id}`)).body).toMatchObject({ owner: 'agent' });
    expect((await call('POST', '/v1/tickets/tk_take/hand-back', { agentId: 'ana' })).status).toBe(200);
    expect((await call('GET', `/v1/inbox/${item.id}`)).body).toMatchObject({ owner: 'bot' });
    // Handing back a ticket the bot already owns changes nothing and announces nothing.
    expect((await call('POST', '/v1/tickets/tk_take/hand-back', { agentId: 'ana' })).status).toBe(200);
    await waitFor('the owner changes', async () => (await changes()).length === 2);
    expect(await changes()).toEqual([
      { turn: 1, owner: 'agent', seq: 1, workspace: 'default', agentId: 'ana', inboxItemId: item.id },
      { turn: 1, owner: 'bot', seq: 2, workspace: 'default', agentId: 'ana' },
    ]);
    const timeline = await h.db.db
      .selectFrom('timeline')
      .select(['type', 'service'])
      .where('ticket_id', '=', 'tk_take')
      .orderBy('id')
      .execute();
    expect(timeline.map((t) => t.type)).toEqual([
      'inbox.created',
      'inbox.taken_over',
      'ticket.owner_changed',
      'inbox.handed_back',
      'ticket.owner_changed',
    ]);
    // The owner is handoff's to decide and to announce: ingress's tickets are not written here.
    expect(await h.db.db.selectFrom('tickets').select('id').where('id', '=', 'tk_take').execute()).toEqual(
      [],
    );
    expect((await call('POST', '/v1/tickets/tk_missing/hand-back', {})).status).toBe(404);
  });

  it('answers every refusal with the platform error shape { error, message }', async () => {
    await bus.publish(handoff('tk_shape'));
    const item = await itemFor('tk_shape');
    expect((await call('POST', `/v1/inbox/${item.id}/approve`, {})).status).toBe(200);
    const refusals = [
      await call('POST', `/v1/inbox/${item.id}/approve`, {}), // 409: already sent
      await call('POST', `/v1/inbox/${item.id}/take-over`, {}), // 400: no agent
      await call('GET', '/v1/inbox/inb_nothing_here'), // 404
      await call('GET', '/v1/nowhere'), // 404: no route
      await call('GET', '/v1/inbox', undefined, null), // 401
    ];
    expect(refusals.map((r) => r.status)).toEqual([409, 400, 404, 404, 401]);
    for (const r of refusals)
      expect(r.body).toEqual({ error: expect.any(String), message: expect.any(String) });
  });

  it('emits handoff.sla_breached once per item and policy, with an injected clock', async () => {
    await bus.publish(handoff('tk_sla'));
    const item = await itemFor('tk_sla');
    const justBefore = new Date(item.first_response_due_at.getTime() - 1000);
    const afterFirst = new Date(item.first_response_due_at.getTime() + 1000);
    const afterResolution = new Date(item.resolution_due_at.getTime() + 1000);
    const breachesFor = async () =>
      (
        await h.db.db
          .selectFrom('timeline')
          .select('detail')
          .where('ticket_id', '=', 'tk_sla')
          .where('type', '=', 'handoff.sla_breached')
          .execute()
      ).map((r) => (r.detail as { policy: string }).policy);
    await checkSla(h.db.db, bus, justBefore);
    expect(await breachesFor()).toEqual([]);
    await checkSla(h.db.db, bus, afterFirst);
    await checkSla(h.db.db, bus, afterFirst);
    expect(await breachesFor()).toEqual(['first_response']);
    await checkSla(h.db.db, bus, afterResolution);
    expect((await breachesFor()).sort()).toEqual(['first_response', 'resolution']);
    await waitFor('breach events', async () => (await h.count('handoff.sla_breached.v1')) >= 2);
  });

  it('reopens an agent reply that was never delivered, urgent and with the reason, and sends again under a new id', async () => {
    await bus.publish(handoff('tk_failed'));
    const item = await itemFor('tk_failed');
    const sent = await call('POST', `/v1/inbox/${item.id}/approve`, { agentId: 'ana' });
    expect(sent.body).toEqual({ status: 'sent', replyId: 'rpl_tk_failed_1_agent' });
    await bus.publish(
      makeEvent(ReplyFailed, {
        ticketId: 'tk_failed',
        payload: {
          turn: 1,
          replyId: 'rpl_tk_failed_1_agent',
          channel: 'email',
          source: 'agent',
          agentId: 'ana',
          reason: 'permanent failure: the mail server refused the recipient',
        },
      }),
    );
    const reopened = await waitFor('the item reopened', async () => {
      const row = await h.db.db
        .selectFrom('inbox_items')
        .select(['status', 'priority', 'reasons'])
        .where('id', '=', item.id)
        .executeTakeFirstOrThrow();
      return row.status === 'open' ? row : undefined;
    });
    expect(reopened!.priority).toBe('urgent');
    expect(reopened!.reasons).toContainEqual({
      code: 'delivery_failed',
      detail: 'reply rpl_tk_failed_1_agent was not delivered',
    });
    const timeline = await h.db.db
      .selectFrom('timeline')
      .select('type')
      .where('ticket_id', '=', 'tk_failed')
      .orderBy('id')
      .execute();
    expect(timeline.map((t) => t.type)).toContain('inbox.reopened');
    const metrics = await (await fetch(`${svc.url}/metrics`)).text();
    expect(metrics).toMatch(/handoff_delivery_failures_total\{[^}]*source="agent"[^}]*\} 1/);
    const again = await call('POST', `/v1/inbox/${item.id}/approve`, { agentId: 'ana' });
    expect(again.body).toEqual({ status: 'sent', replyId: 'rpl_tk_failed_1_agent_2' });
  });

  it('pages the inbox newest first with an opaque cursor, and refuses a forged one', async () => {
    for (const n of [1, 2, 3, 4, 5]) await bus.publish(handoff(`tk_page_${n}`, true, 'normal', 'paging'));
    await waitFor('five paging items', async () => {
      const rows = await h.db.db
        .selectFrom('inbox_items')
        .select('id')
        .where('workspace_id', '=', 'paging')
        .execute();
      return rows.length === 5;
    });
    const pagingKey = 'paging-agent-key';
    await h.db.db
      .insertInto('workspaces')
      .values({ id: 'paging', name: 'paging' })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await h.db.db
      .insertInto('api_keys')
      .values({
        id: 'k_paging',
        name: 'paging agent',
        key_hash: createHash('sha256').update(pagingKey).digest('hex'),
        scopes: ['inbox'],
        workspace_id: 'paging',
        revoked_at: null,
      })
      .execute();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await call(
        'GET',
        `/v1/inbox?limit=2${cursor ? `&before=${cursor}` : ''}`,
        undefined,
        pagingKey,
      );
      expect(page.status).toBe(200);
      const items = page.body.items as Array<{ id: string }>;
      expect(items.length).toBeLessThanOrEqual(2);
      seen.push(...items.map((i) => i.id));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5].map((n) => `inb_tk_page_${n}_1`).sort());
    // The default workspace's key never sees the paging workspace's items.
    const own = await call('GET', '/v1/inbox?limit=100');
    expect((own.body.items as Array<{ id: string }>).some((i) => i.id.startsWith('inb_tk_page_'))).toBe(
      false,
    );
    const forged = await call('GET', '/v1/inbox?before=not-a-cursor', undefined, pagingKey);
    expect(forged.status).toBe(400);
    expect((await call('GET', '/v1/inbox?limit=1000', undefined, pagingKey)).status).toBe(400);
  });

  it("keeps every workspace to its own items: another workspace's item is a 404 for every action", async () => {
    await bus.publish(handoff('tk_other_ws', true, 'normal', 'acme'));
    const item = await itemFor('tk_other_ws');
    expect(item.workspace_id).toBe('acme');
    for (const [method, path, body] of [
      ['GET', `/v1/inbox/${item.id}`, undefined],
      ['POST', `/v1/inbox/${item.id}/approve`, { body: 'attacker text' }],
      ['POST', `/v1/inbox/${item.id}/take-over`, { agentId: 'mallory' }],
      ['POST', '/v1/tickets/tk_other_ws/hand-back', {}],
    ] as const) {
      const res = await call(method, path, body);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    const row = await h.db.db
      .selectFrom('inbox_items')
      .select('status')
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('open');
  });

  it('answers 400 naming the field, never 5xx or a database error, to NUL and control characters', async () => {
    await bus.publish(handoff('tk_nul'));
    const item = await itemFor('tk_nul');
    const cases: Array<[string, unknown]> = [
      [`/v1/inbox/${item.id}/approve`, { body: 'hello\u0000world' }],
      [`/v1/inbox/${item.id}/approve`, { body: 'ok', agentId: 'ana\u0000' }],
      [`/v1/inbox/${item.id}/approve`, { body: 'lone \ud800 surrogate' }],
      [`/v1/inbox/${item.id}/take-over`, { agentId: 'a\u0007b' }],
      [`/v1/inbox/inb%00x/approve`, { body: 'ok' }],
      ['/v1/tickets/tk%00x/hand-back', {}],
    ];
    for (const [path, body] of cases) {
      const res = await call('POST', path, body);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(JSON.stringify(res.body)).not.toMatch(/postgres|syntax|invalid byte sequence|0x00|relation/i);
    }
    const row = await h.db.db
      .selectFrom('inbox_items')
      .select('status')
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('open');
  });
});
