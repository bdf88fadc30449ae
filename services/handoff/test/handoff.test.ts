import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Bus } from '@parley/bus';
import type { BusHarness } from '@parley/bus/testing';
import { createBusHarness, waitFor } from '@parley/bus/testing';
import type { Draft, TicketTurn } from '@parley/contracts';
import { HandoffRequested, makeEvent } from '@parley/contracts';
import type { RunningService } from '@parley/runtime';
import { startService } from '@parley/runtime';
import { readServiceConfig } from '../src/config.js';
import { checkSla } from '../src/inbox/sla-check.js';
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

function handoff(ticketId: string, withDraft = true, priority: 'normal' | 'urgent' = 'normal') {
  return makeEvent(HandoffRequested, {
    ticketId,
    payload: {
      turn: 1,
      kind: 'suggest',
      reasons: [{ code: 'band_suggest' }],
      priority,
      ticket,
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
  svc = await startService(buildService(config, { migrate: false }));
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
    expect(types.map((t) => t.type)).toEqual(['handoff.requested', 'inbox.approved', 'reply.requested']);
    expect(await h.count('reply.requested.v1')).toBe(1);
  });

  it('refuses to approve an item with no draft and no body, and sends an edited body', async () => {
    await bus.publish(handoff('tk_nodraft', false));
    const item = await itemFor('tk_nodraft');
    expect((await call('POST', `/v1/inbox/${item.id}/approve`, {})).status).toBe(409);
    const sent = await call('POST', `/v1/inbox/${item.id}/approve`, { body: 'Hi Yara, done.' });
    expect(sent.status).toBe(200);
    expect((await call('POST', `/v1/inbox/${item.id}/approve`, { agentId: 7 })).status).toBe(400);
  });

  it('take-over makes the agent the owner; hand-back returns it to the bot', async () => {
    await h.db.db
      .insertInto('tickets')
      .values({
        id: 'tk_take',
        workspace_id: 'default',
        channel: 'email',
        customer: '{}',
        status: 'suggested',
        current_turn: 1,
      })
      .execute();
    await bus.publish(handoff('tk_take'));
    const item = await itemFor('tk_take');
    expect((await call('POST', `/v1/inbox/${item.id}/take-over`, { agentId: 'ana' })).status).toBe(200);
    const owner = () =>
      h.db.db.selectFrom('tickets').select('owner').where('id', '=', 'tk_take').executeTakeFirstOrThrow();
    expect((await owner()).owner).toBe('agent');
    expect(
      (
        await h.db.db
          .selectFrom('inbox_items')
          .select('status')
          .where('id', '=', item.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('taken_over');
    expect((await call('POST', '/v1/tickets/tk_take/hand-back', { agentId: 'ana' })).status).toBe(200);
    expect((await owner()).owner).toBe('bot');
    expect((await call('POST', '/v1/tickets/tk_missing/hand-back', {})).status).toBe(404);
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
});
