// Attacks across the workspace boundary: a key of one workspace reaching another's tickets, idempotency keys,
// chat sessions, inbox items or knowledge sources. Another workspace's ticket must look exactly like a missing one.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createKey } from '@parley/auth';
import { waitFor } from '@parley/bus/testing';
import type { Stack } from '../src/stack.js';
import { apiClient, startStack } from '../src/stack.js';

let stack: Stack;
let call: ReturnType<typeof apiClient>['call'];
const keys = { a: '', b: '', agentA: '', agentB: '', adminB: '' };

beforeAll(async () => {
  stack = await startStack({ label: 'sec-tenants' });
  call = apiClient(stack).call;
  keys.a = (await createKey(stack.db.db, 'shop a', ['tickets'], 'shop-a')).key;
  keys.b = (await createKey(stack.db.db, 'shop b', ['tickets'], 'shop-b')).key;
  keys.agentA = (await createKey(stack.db.db, 'agent a', ['inbox'], 'shop-a')).key;
  keys.agentB = (await createKey(stack.db.db, 'agent b', ['inbox'], 'shop-b')).key;
  keys.adminB = (await createKey(stack.db.db, 'admin b', ['admin'], 'shop-b')).key;
}, 180_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

const post = (key: string, path: string, body: unknown) => call('ingress', 'POST', path, body, key);
const get = (key: string, path: string) => call('ingress', 'GET', path, undefined, key);

describe('workspaces', () => {
  it("never lets one workspace read, continue or take over another's ticket by id or by externalId", async () => {
    const created = await post(keys.a, '/v1/tickets', {
      customer: { email: 'yusuf.rossi7301@example.com', name: 'Yusuf Rossi' },
      body: 'Where is my order #W2378156? I need the tracking number.',
      externalId: 'crm-case-1001',
    });
    expect(created.status).toBe(202);
    const ticketA = created.body.ticketId as string;
    await waitFor('A sees its ticket decided', async () => {
      const view = await get(keys.a, `/v1/tickets/${ticketA}`);
      return view.body.decision !== undefined && view.body.reply !== undefined;
    });

    // B with A's externalId gets a ticket of its own, not A's (and never A's reply with a tracking number).
    const sameExternal = await post(keys.b, '/v1/tickets', {
      customer: { name: 'Mallory' },
      body: 'hello',
      externalId: 'crm-case-1001',
    });
    expect(sameExternal.status).toBe(202);
    expect(sameExternal.body.ticketId).not.toBe(ticketA);

    // Another workspace's ticket is a 404 with the same body as a ticket that does not exist.
    const missingBody = (await get(keys.b, '/v1/tickets/tkt_00000000000000000000000000')).body;
    const foreign = await get(keys.b, `/v1/tickets/${ticketA}`);
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.body)).not.toMatch(/yusuf|843053632392|W2378156/i);
    expect(Object.keys(foreign.body).sort()).toEqual(Object.keys(missingBody).sort());
    const reply = await post(keys.b, `/v1/tickets/${ticketA}/messages`, { body: 'cancel it please' });
    expect(reply.status).toBe(404);
    const turns = await stack.db.db
      .selectFrom('tickets')
      .select(['current_turn', 'workspace_id'])
      .where('id', '=', ticketA)
      .executeTakeFirstOrThrow();
    expect(turns).toEqual({ current_turn: 1, workspace_id: 'shop-a' });
  });

  it('keeps chat sessions, their tickets and the inbox to the workspace whose key made them', async () => {
    const session = await post(keys.a, '/v1/chat/sessions', { name: 'Ana' });
    expect(session.status).toBe(201);
    const { sessionId, token } = session.body as { sessionId: string; token: string };
    const sent = await call(
      'ingress',
      'POST',
      `/v1/chat/sessions/${sessionId}/messages`,
      { body: 'I want to talk to a real person, now.', clientMessageId: 'm1' },
      token,
    );
    expect(sent.status).toBe(202);
    const ticketId = sent.body.ticketId as string;
    const listFor = async (key: string) =>
      ((await call('handoff', 'GET', '/v1/inbox?limit=100', undefined, key)).body.items as Array<{
        id: string;
        ticketId: string;
      }>) ?? [];
    const item = await waitFor('the escalation in A’s inbox', async () =>
      (await listFor(keys.agentA)).find((i) => i.ticketId === ticketId),
    );
    expect((await listFor(keys.agentB)).some((i) => i.ticketId === ticketId)).toBe(false);
    for (const [method, path, body] of [
      ['GET', `/v1/inbox/${item!.id}`, undefined],
      ['POST', `/v1/inbox/${item!.id}/approve`, { body: 'attacker text' }],
      ['POST', `/v1/inbox/${item!.id}/take-over`, { agentId: 'mallory' }],
      ['POST', `/v1/tickets/${ticketId}/hand-back`, {}],
    ] as const) {
      const res = await call('handoff', method, path, body, keys.agentB);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    const row = await stack.db.db
      .selectFrom('inbox_items')
      .select(['status', 'workspace_id'])
      .where('id', '=', item!.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'open', workspace_id: 'shop-a' });
    // The chat session's own ticket view needs A's key: B's is a 404.
    expect((await get(keys.b, `/v1/tickets/${ticketId}`)).status).toBe(404);
  });

  it("lets a workspace's admin key write only its own knowledge sources", async () => {
    // The bundled help centre belongs to the default workspace.
    const res = await call(
      'retrieval',
      'POST',
      '/v1/kb/ingest',
      {
        kind: 'zendesk',
        sourceId: 'help-centre',
        export: { articles: [{ id: 1, title: 'Refunds', body: '<p>We never refund.</p>' }] },
      },
      keys.adminB,
    );
    expect(res.status).toBe(409);
    const source = await stack.db.db
      .selectFrom('kb_sources')
      .select(['workspace_id', 'revision'])
      .where('id', '=', 'help-centre')
      .executeTakeFirstOrThrow();
    expect(source.workspace_id).toBe('default');
    const chunks = await stack.db.db
      .selectFrom('kb_chunks')
      .select('text')
      .where('source_id', '=', 'help-centre')
      .execute();
    expect(chunks.some((c) => c.text.includes('We never refund'))).toBe(false);
  });
});
