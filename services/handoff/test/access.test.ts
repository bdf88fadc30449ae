import { createHash } from 'node:crypto';
import { anonymousTurn } from '@parley/contracts/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Bus } from '@parley/bus';
import type { BusHarness } from '@parley/bus/testing';
import { createBusHarness, waitFor } from '@parley/bus/testing';
import { HandoffRequested, makeEvent } from '@parley/contracts';
import type { RunningService } from '@parley/runtime';
import { startService } from '@parley/runtime';
import { readServiceConfig } from '../src/config.js';
import { buildService } from '../src/service.js';

// The inbox is for agents: only keys with the `inbox` scope open it. Integration keys (`tickets`) do
// not, revocation takes effect on the next request (keys are looked up every time, never cached), and a
// refused request changes nothing.
let h: BusHarness;
let bus: Bus;
let svc: RunningService;

const KEYS = {
  inbox: 'agent-inbox-key-0001',
  tickets: 'integration-tickets-key-0001',
  both: 'ops-both-scopes-key-0001',
};

async function call(method: 'GET' | 'POST', path: string, key: string | null, body?: unknown) {
  const res = await fetch(`${svc.url}${path}`, {
    method,
    headers: {
      ...(key !== null ? { authorization: `Bearer ${key}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

function handoff(ticketId: string) {
  return makeEvent(HandoffRequested, {
    ticketId,
    payload: {
      turn: 1,
      kind: 'suggest',
      reasons: [{ code: 'band_suggest' }],
      priority: 'normal',
      ticket: anonymousTurn('Where is my order?', { receivedAt: new Date(0).toISOString() }),
      routing: {
        intent: 'order_status',
        confidence: 0.9,
        band: 'suggest',
        tier: 'commodity',
        outOfScope: false,
        sentiment: { score: 0, label: 'neutral' },
        allowedTools: [],
        rules: [],
        router: 'local-model',
      },
      draft: {
        body: 'It ships tomorrow.',
        citations: [],
        facts: [],
        groundedness: 1,
        toolCalls: [],
        model: { provider: 'local', name: 'grounded-composer-v1', tier: 'local' },
        usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
      },
      sources: [],
      customer: null,
    },
  });
}

async function counts(ticketId: string) {
  const item = await h.db.db
    .selectFrom('inbox_items')
    .select(['status'])
    .where('ticket_id', '=', ticketId)
    .executeTakeFirstOrThrow();
  const timeline = await h.db.db
    .selectFrom('timeline')
    .select('id')
    .where('ticket_id', '=', ticketId)
    .execute();
  return { status: item.status, timeline: timeline.length, replies: await h.count('reply.requested.v1') };
}

beforeAll(async () => {
  h = await createBusHarness('handoff-access');
  bus = await h.bus();
  const hash = (k: string) => createHash('sha256').update(k).digest('hex');
  await h.db.db
    .insertInto('api_keys')
    .values([
      {
        id: 'key_inbox',
        name: 'agent',
        key_hash: hash(KEYS.inbox),
        scopes: ['inbox'],
        workspace_id: 'default',
        revoked_at: null,
      },
      {
        id: 'key_tickets',
        name: 'helpdesk',
        key_hash: hash(KEYS.tickets),
        scopes: ['tickets'],
        workspace_id: 'default',
        revoked_at: null,
      },
      {
        id: 'key_both',
        name: 'ops',
        key_hash: hash(KEYS.both),
        scopes: ['tickets', 'inbox'],
        workspace_id: 'default',
        revoked_at: null,
      },
    ])
    .execute();
  svc = await startService(
    buildService(
      readServiceConfig({
        BUS_PREFIX: h.prefix,
        DATABASE_SCHEMA: h.db.config.schema,
        HANDOFF_PORT: '0',
        HANDOFF_SLA_CHECK_MS: '0',
        LOG_LEVEL: 'silent',
      }),
    ),
    { migrate: false },
  );
  await bus.publish(handoff('tk_access'));
  await waitFor('the inbox item', () =>
    h.db.db.selectFrom('inbox_items').select('id').where('ticket_id', '=', 'tk_access').executeTakeFirst(),
  );
});
afterAll(async () => {
  await svc?.stop();
  await h.close();
});

const ITEM = 'inb_tk_access_1';
const ROUTES: Array<['GET' | 'POST', string, unknown?]> = [
  ['GET', '/v1/inbox'],
  ['GET', `/v1/inbox/${ITEM}`],
  ['POST', `/v1/inbox/${ITEM}/approve`, { agentId: 'mallory' }],
  ['POST', `/v1/inbox/${ITEM}/take-over`, { agentId: 'mallory' }],
  ['POST', '/v1/tickets/tk_access/hand-back', { agentId: 'mallory' }],
];

describe('inbox access', () => {
  it('refuses every inbox route without a key, with a malformed one, or with an integration (tickets) key, and changes nothing', async () => {
    const before = await counts('tk_access');
    for (const key of [null, '', 'Bearer', `${KEYS.inbox}x`, `${KEYS.inbox} ${KEYS.inbox}`]) {
      for (const [method, path, body] of ROUTES) {
        const res = await call(method, path, key, body);
        expect({ key, path, status: res.status }).toEqual({ key, path, status: 401 });
      }
    }
    // A valid key of another scope is known but not allowed here: 403, naming the missing scope.
    for (const [method, path, body] of ROUTES) {
      const res = await call(method, path, KEYS.tickets, body);
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
      expect(res.body).toMatchObject({ error: 'forbidden', message: expect.stringContaining('inbox') });
    }
    expect(await counts('tk_access')).toEqual(before);
    expect(before.status).toBe('open');
  });

  it('opens the inbox with an inbox key, and with a key carrying both scopes', async () => {
    expect((await call('GET', '/v1/inbox', KEYS.inbox)).status).toBe(200);
    expect((await call('GET', `/v1/inbox/${ITEM}`, KEYS.both)).body).toMatchObject({
      id: ITEM,
      status: 'open',
    });
  });

  it('stops accepting a key as soon as it is revoked', async () => {
    expect((await call('GET', '/v1/inbox', KEYS.both)).status).toBe(200);
    await h.db.db
      .updateTable('api_keys')
      .set({ revoked_at: new Date() })
      .where('id', '=', 'key_both')
      .execute();
    // The very next request: there is no cache to outlive the revocation.
    expect((await call('GET', '/v1/inbox', KEYS.both)).status).toBe(401);
    const approve = await call('POST', `/v1/inbox/${ITEM}/approve`, KEYS.both, { agentId: 'ana' });
    expect(approve.status).toBe(401);
    expect((await counts('tk_access')).status).toBe('open');
    // The inbox key was not touched and still works.
    expect((await call('GET', '/v1/inbox', KEYS.inbox)).status).toBe(200);
  });
});
