import { localRouting } from '@parley/contracts/testing';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Bus } from '@parley/bus';
import type { BusHarness } from '@parley/bus/testing';
import { createBusHarness, waitFor } from '@parley/bus/testing';
import type { Draft, EnvelopeBase, TicketTurn } from '@parley/contracts';
import { ActionDeclined, ActionSettled, HandoffRequested, makeEvent } from '@parley/contracts';
import type { RunningService } from '@parley/runtime';
import { startService } from '@parley/runtime';
import { readServiceConfig } from '../src/config.js';
import { buildService } from '../src/service.js';
import { verifySignature } from '../src/sla/webhook.js';

// The agent workspace's API against the real NATS and Postgres: sign-in and the session cookie (CSRF and
// Origin on every change), queues, the ticket's context, the agent's actions, live updates over server-sent
// events, and what a breached SLA does (priority, overdue queue, metric, signed webhook with bounded retries).
let h: BusHarness;
let bus: Bus;
let svc: RunningService;
let hook: Server;
let hookUrl: string;
const KEY = 'workspace-agent-key-0001';
const SECRET = 'whsec_workspace_tests_0001';
const STORED = {
  inbox: 'stored-inbox-key-0001',
  tickets: 'stored-tickets-key-0001',
  acme: 'acme-inbox-key-0001',
};
/** The service's clock: tests move it forward to breach SLAs. */
let clock = Date.now();

/** What the webhook receiver got, and what it answers for an item (a status per delivery, then 200). */
const deliveries: Array<{ body: string; signature: string | undefined; event: string | undefined }> = [];
const plan = new Map<string, number[]>();

const ticket = (body: string, extra: Partial<TicketTurn> = {}): TicketTurn => ({
  channel: 'chat',
  customer: { crmId: null, name: 'Visitor' },
  body,
  history: [],
  receivedAt: new Date(clock).toISOString(),
  ...extra,
});

const draft = (body: string, action?: string): Draft => ({
  body,
  citations: [],
  facts: [],
  groundedness: 1,
  toolCalls: action ? [{ name: action, input: { orderId: '#W1' }, status: 'proposed' }] : [],
  model: { provider: 'local', name: 'grounded-composer-v1', tier: 'local' },
  usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
  ...(action ? { action } : {}),
});

function handoff(
  ticketId: string,
  opts: {
    turn?: number;
    kind?: 'suggest' | 'escalate';
    priority?: 'low' | 'normal' | 'high' | 'urgent';
    intent?: string;
    draft?: Draft | null;
    ticket?: TicketTurn;
    workspace?: string;
  } = {},
) {
  const t = opts.ticket ?? ticket(`Message for ${ticketId}`);
  return makeEvent(HandoffRequested, {
    ticketId,
    payload: {
      turn: opts.turn ?? 1,
      kind: opts.kind ?? 'suggest',
      reasons: [{ code: opts.kind === 'escalate' ? 'hard_rule' : 'band_suggest' }],
      priority: opts.priority ?? 'normal',
      ticket: opts.workspace ? { ...t, workspace: opts.workspace } : t,
      routing: localRouting({ intent: opts.intent ?? 'order_status', confidence: 0.8, band: 'suggest' }),
      draft: opts.draft === undefined ? draft(`Draft for ${ticketId}`) : opts.draft,
      sources: [],
      customer: null,
    },
  });
}

async function arrived(ticketId: string, turn = 1) {
  return waitFor(`inbox item of ${ticketId}`, () =>
    h.db.db
      .selectFrom('inbox_items')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .where('turn', '=', turn)
      .executeTakeFirst(),
  );
}

interface Agent {
  cookie: string;
  csrf: string;
}

async function signIn(key = KEY, agentId = 'ana', origin: string | null = svc.url) {
  const res = await fetch(`${svc.url}/inbox/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
    body: JSON.stringify({ key, agentId }),
  });
  const body = (await res.json()) as Record<string, string>;
  const setCookie = res.headers.get('set-cookie') ?? '';
  return {
    status: res.status,
    body,
    setCookie,
    agent: { cookie: setCookie.split(';')[0]!, csrf: body.csrfToken! },
  };
}

async function as(
  agent: Agent | null,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  opts: { csrf?: string | null; origin?: string | null } = {},
) {
  const csrf = opts.csrf === undefined ? agent?.csrf : opts.csrf;
  const origin = opts.origin === undefined ? svc.url : opts.origin;
  const res = await fetch(`${svc.url}${path}`, {
    method,
    headers: {
      ...(agent ? { cookie: agent.cookie } : {}),
      ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
      ...(method === 'POST' && csrf ? { 'x-csrf-token': csrf } : {}),
      ...(method === 'POST' && origin ? { origin } : {}),
    },
    body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
}

const ids = (body: Record<string, unknown>) => (body.items as Array<{ id: string }>).map((i) => i.id);

beforeAll(async () => {
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const sig = req.headers['x-parley-signature'];
      const event = req.headers['x-parley-event-id'];
      deliveries.push({
        body,
        signature: typeof sig === 'string' ? sig : undefined,
        event: typeof event === 'string' ? event : undefined,
      });
      const item = (JSON.parse(body) as { inboxItemId: string }).inboxItemId;
      res.writeHead(plan.get(item)?.shift() ?? 200).end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
  hookUrl = `http://127.0.0.1:${(hook.address() as { port: number }).port}/breaches`;

  h = await createBusHarness('handoff-workspace');
  bus = await h.bus();
  const hash = (k: string) => createHash('sha256').update(k).digest('hex');
  await h.db.db
    .insertInto('workspaces')
    .values({ id: 'acme', name: 'acme' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await h.db.db
    .insertInto('api_keys')
    .values([
      {
        id: 'k_in',
        name: 'agent',
        key_hash: hash(STORED.inbox),
        scopes: ['inbox'],
        workspace_id: 'default',
        revoked_at: null,
      },
      {
        id: 'k_tk',
        name: 'app',
        key_hash: hash(STORED.tickets),
        scopes: ['tickets'],
        workspace_id: 'default',
        revoked_at: null,
      },
      {
        id: 'k_acme',
        name: 'acme agent',
        key_hash: hash(STORED.acme),
        scopes: ['inbox'],
        workspace_id: 'acme',
        revoked_at: null,
      },
    ])
    .execute();
  const config = readServiceConfig(
    h.env({
      HANDOFF_PORT: '0',
      HANDOFF_AGENT_KEYS: KEY,
      HANDOFF_SLA_CHECK_MS: '100',
      HANDOFF_SLA_WEBHOOK_URL: hookUrl,
      HANDOFF_SLA_WEBHOOK_SECRET: SECRET,
      HANDOFF_SLA_WEBHOOK_ATTEMPTS: '2',
    }),
  );
  svc = await startService(buildService(config, { now: () => new Date(clock) }), { migrate: false });
});

afterAll(async () => {
  await svc?.stop();
  await h?.close();
  await new Promise((r) => hook?.close(r));
});

describe('signing in', () => {
  it('exchanges an inbox key for an HttpOnly, SameSite=Strict session cookie and a CSRF token', async () => {
    const ok = await signIn();
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ agentId: 'ana', workspace: 'default', csrfToken: expect.any(String) });
    expect(ok.setCookie).toMatch(
      /^parley_session=ags_[A-Za-z0-9_-]{43}; Path=\/inbox; Max-Age=43200; HttpOnly; SameSite=Strict$/,
    );
    expect(JSON.stringify(ok.body)).not.toContain(ok.agent.cookie.split('=')[1]);
    const me = await as(ok.agent, 'GET', '/inbox/api/me');
    expect(me).toMatchObject({ status: 200, body: { agentId: 'ana', csrfToken: ok.body.csrfToken } });
    const stored = await signIn(STORED.inbox, 'li');
    expect(stored.status).toBe(200);
  });

  it('refuses a wrong key, a key without the inbox scope, another origin and a bad agent id', async () => {
    expect((await signIn('nope')).status).toBe(401);
    const tickets = await signIn(STORED.tickets);
    expect(tickets).toMatchObject({ status: 403, body: { message: 'API key lacks the "inbox" scope' } });
    expect((await signIn(KEY, 'ana', null)).status).toBe(403);
    expect((await signIn(KEY, 'ana', 'https://evil.example')).status).toBe(403);
    const bad = await signIn(KEY, 'ana smith');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^agentId: must be an agent id/);
    expect(bad.setCookie).toBe('');
  });

  it('needs the cookie for the workspace API, and the CSRF token and our origin for every change', async () => {
    await bus.publish(handoff('tk_csrf'));
    const item = await arrived('tk_csrf');
    const { agent } = await signIn();
    expect((await as(null, 'GET', '/inbox/api/queues/needs_reply')).status).toBe(401);
    // A bearer key does not open the cookie API, nor a cookie the key API.
    const bearer = await fetch(`${svc.url}/inbox/api/me`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(bearer.status).toBe(401);
    const cookieOnV1 = await fetch(`${svc.url}/v1/inbox`, { headers: { cookie: agent.cookie } });
    expect(cookieOnV1.status).toBe(401);

    const resolve = `/inbox/api/items/${item!.id}/resolve`;
    expect((await as(agent, 'POST', resolve, {}, { csrf: null })).status).toBe(403);
    expect((await as(agent, 'POST', resolve, {}, { csrf: 'forged' })).status).toBe(403);
    expect((await as(agent, 'POST', resolve, {}, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await as(agent, 'POST', resolve, {}, { origin: null })).status).toBe(403);
    const other = await signIn(KEY, 'li');
    expect((await as(agent, 'POST', resolve, {}, { csrf: other.agent.csrf })).status).toBe(403);
    const row = await h.db.db
      .selectFrom('inbox_items')
      .select('status')
      .where('id', '=', item!.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('open');
    expect((await as(agent, 'POST', resolve, {})).status).toBe(200);
    // The agent is the one signed in: a body cannot act as someone else.
    const as2 = await as(agent, 'POST', `/inbox/api/items/${item!.id}/assign`, {
      assignee: 'li',
      agentId: 'mallory',
    });
    expect(as2.status).toBe(400);
  });

  it('ends a session on sign-out, and when its key is revoked', async () => {
    const first = await signIn(STORED.inbox, 'li');
    const second = await signIn(STORED.inbox, 'li');
    const out = await fetch(`${svc.url}/inbox/session/end`, {
      method: 'POST',
      headers: {
        cookie: first.agent.cookie,
        'x-csrf-token': first.agent.csrf,
        origin: svc.url,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(
      /^parley_session=; Path=\/inbox; Max-Age=0; HttpOnly; SameSite=Strict$/,
    );
    expect((await as(first.agent, 'GET', '/inbox/api/me')).status).toBe(401);
    expect((await as(second.agent, 'GET', '/inbox/api/me')).status).toBe(200);
    await h.db.db.updateTable('api_keys').set({ revoked_at: new Date() }).where('id', '=', 'k_in').execute();
    expect((await as(second.agent, 'GET', '/inbox/api/me')).status).toBe(401);
    expect((await signIn(STORED.inbox, 'li')).status).toBe(401);
  });
});

describe('queues', () => {
  it('sorts by priority then due time, filters by intent, channel and priority, and pages without gaps', async () => {
    const { agent } = await signIn(STORED.acme, 'zoe');
    const acme = (id: string, o: Parameters<typeof handoff>[1]) => handoff(id, { ...o, workspace: 'acme' });
    await bus.publish(acme('q_low', { priority: 'low', intent: 'returns_policy' }));
    await bus.publish(
      acme('q_urgent', { priority: 'urgent', kind: 'escalate', draft: null, intent: 'complaint' }),
    );
    await bus.publish(
      acme('q_normal', { priority: 'normal', ticket: ticket('By email', { channel: 'email' }) }),
    );
    await bus.publish(
      acme('q_high', { priority: 'high', kind: 'escalate', draft: null, intent: 'complaint' }),
    );
    for (const t of ['q_low', 'q_urgent', 'q_normal', 'q_high']) await arrived(t);

    const all = await as(agent, 'GET', '/inbox/api/queues/needs_reply');
    expect(ids(all.body)).toEqual(['inb_q_urgent_1', 'inb_q_high_1', 'inb_q_normal_1', 'inb_q_low_1']);
    expect(all.body.counts).toEqual({
      needs_reply: 4,
      drafts: 2,
      escalated: 2,
      mine: 0,
      overdue: 0,
      done: 0,
    });
    expect(all.body.intents).toEqual(['complaint', 'order_status', 'returns_policy']);
    expect(ids((await as(agent, 'GET', '/inbox/api/queues/drafts')).body)).toEqual([
      'inb_q_normal_1',
      'inb_q_low_1',
    ]);
    expect(ids((await as(agent, 'GET', '/inbox/api/queues/escalated')).body)).toEqual([
      'inb_q_urgent_1',
      'inb_q_high_1',
    ]);
    expect(
      ids((await as(agent, 'GET', '/inbox/api/queues/needs_reply?intent=complaint&priority=high')).body),
    ).toEqual(['inb_q_high_1']);
    expect(ids((await as(agent, 'GET', '/inbox/api/queues/needs_reply?channel=email')).body)).toEqual([
      'inb_q_normal_1',
    ]);

    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page = await as(
        agent,
        'GET',
        `/inbox/api/queues/needs_reply?limit=1${after ? `&after=${after}` : ''}`,
      );
      expect(page.status).toBe(200);
      seen.push(...ids(page.body));
      after = page.body.nextCursor as string | null;
    } while (after);
    expect(seen).toEqual(['inb_q_urgent_1', 'inb_q_high_1', 'inb_q_normal_1', 'inb_q_low_1']);

    for (const bad of [
      '/inbox/api/queues/everything',
      '/inbox/api/queues/drafts?after=zzz',
      '/inbox/api/queues/drafts?channel=fax',
    ])
      expect((await as(agent, 'GET', bad)).status).toBe(400);
    const doneCursor = Buffer.from(JSON.stringify([0, '2026-01-01T00:00:00Z', 'x'])).toString('base64url');
    expect((await as(agent, 'GET', `/inbox/api/queues/done?after=${doneCursor}`)).status).toBe(400);

    // Mine and done follow the agent's actions.
    await as(agent, 'POST', '/inbox/api/items/inb_q_low_1/assign', { assignee: 'zoe' });
    expect(ids((await as(agent, 'GET', '/inbox/api/queues/mine')).body)).toEqual(['inb_q_low_1']);
    await as(agent, 'POST', '/inbox/api/items/inb_q_low_1/resolve', {});
    expect(ids((await as(agent, 'GET', '/inbox/api/queues/mine')).body)).toEqual([]);
    expect(ids((await as(agent, 'GET', '/inbox/api/queues/done')).body)).toEqual(['inb_q_low_1']);
    // The default workspace's agent sees none of it.
    const { agent: other } = await signIn();
    expect(ids((await as(other, 'GET', '/inbox/api/queues/needs_reply')).body)).not.toContain(
      'inb_q_urgent_1',
    );
    expect((await as(other, 'GET', '/inbox/api/items/inb_q_urgent_1')).status).toBe(404);
    expect((await as(other, 'POST', '/inbox/api/items/inb_q_urgent_1/take-over', {})).status).toBe(404);
  });
});

describe('a ticket', () => {
  it('shows the whole conversation, the replies sent, the timeline and who owns it', async () => {
    const at = (m: number) => new Date(clock + m * 60_000).toISOString();
    await bus.publish(handoff('tk_conv', { ticket: ticket('Where is my parcel?', { receivedAt: at(0) }) }));
    const first = await arrived('tk_conv');
    const { agent } = await signIn();
    expect(
      (await as(agent, 'POST', `/inbox/api/items/${first!.id}/approve`, { body: 'It left today.' })).status,
    ).toBe(200);
    await bus.publish(
      handoff('tk_conv', {
        turn: 2,
        ticket: ticket('Thanks, and the tracking number?', {
          receivedAt: at(5),
          history: [
            { turn: 1, role: 'customer', body: 'Where is my parcel?', at: at(0) },
            { turn: 1, role: 'agent', body: 'It left today.', at: at(1) },
          ],
        }),
      }),
    );
    const second = await arrived('tk_conv', 2);
    const page = await as(agent, 'GET', `/inbox/api/items/${second!.id}`);
    expect(page.status).toBe(200);
    expect(
      (page.body.conversation as Array<{ role: string; body: string }>).map((m) => [m.role, m.body]),
    ).toEqual([
      ['customer', 'Where is my parcel?'],
      ['agent', 'It left today.'],
      ['customer', 'Thanks, and the tracking number?'],
    ]);
    expect(
      (page.body.turns as Array<{ turn: number; status: string }>).map((t) => [t.turn, t.status]),
    ).toEqual([
      [1, 'sent'],
      [2, 'open'],
    ]);
    expect(page.body.owner).toBe('bot');
    expect((page.body.timeline as Array<{ type: string }>).map((t) => t.type)).toEqual([
      'inbox.created',
      'inbox.approved',
      'reply.requested',
      'inbox.created',
    ]);
    expect((await as(agent, 'POST', `/inbox/api/items/${second!.id}/take-over`, {})).status).toBe(200);
    expect((await as(agent, 'GET', `/inbox/api/items/${second!.id}`)).body).toMatchObject({
      owner: 'agent',
      status: 'taken_over',
      assignee: 'ana',
    });
    // Handed back without a reply: the customer is still waiting, so the item is open again.
    expect((await as(agent, 'POST', '/inbox/api/tickets/tk_conv/hand-back', {})).status).toBe(200);
    expect((await as(agent, 'GET', `/inbox/api/items/${second!.id}`)).body).toMatchObject({
      owner: 'bot',
      status: 'open',
    });
  });

  it('records a decision on an action named without a proposal once, for a person to carry out', async () => {
    await bus.publish(handoff('tk_act', { draft: draft('I can cancel it.', 'cancel_order') }));
    await bus.publish(handoff('tk_act2', { draft: draft('I can refund it.', 'refund_order') }));
    await bus.publish(handoff('tk_noact'));
    for (const t of ['tk_act', 'tk_act2', 'tk_noact']) await arrived(t);
    const { agent } = await signIn();
    const approved = await as(agent, 'POST', '/inbox/api/items/inb_tk_act_1/action', { decision: 'approve' });
    expect(approved).toMatchObject({
      status: 200,
      body: {
        actionDecision: {
          decision: 'approved',
          by: 'agent',
          status: 'manual',
          action: 'cancel_order',
          agentId: 'ana',
        },
      },
    });
    expect(
      (await as(agent, 'POST', '/inbox/api/items/inb_tk_act_1/action', { decision: 'reject' })).status,
    ).toBe(409);
    const rejected = await as(agent, 'POST', '/inbox/api/items/inb_tk_act2_1/action', {
      decision: 'reject',
      note: 'Refund by hand.',
    });
    expect(rejected.body).toMatchObject({
      actionDecision: { decision: 'rejected', status: 'rejected', note: 'Refund by hand.' },
    });
    expect(
      (await as(agent, 'POST', '/inbox/api/items/inb_tk_noact_1/action', { decision: 'approve' })).status,
    ).toBe(409);
    expect(
      (await as(agent, 'POST', '/inbox/api/items/inb_tk_noact_1/action', { decision: 'maybe' })).status,
    ).toBe(400);
    const page = await as(agent, 'GET', '/inbox/api/items/inb_tk_act_1');
    expect(page.body.proposedAction).toMatchObject({
      action: 'cancel_order',
      proposal: null,
      decision: { status: 'manual' },
    });
    const types = (page.body.timeline as Array<{ type: string }>).map((t) => t.type);
    expect(types).toContain('inbox.action_approved');
    // The key API records the same decision, with the agent named in the body.
    await bus.publish(handoff('tk_act3', { draft: draft('I can cancel it.', 'cancel_order') }));
    await arrived('tk_act3');
    const byKey = await fetch(`${svc.url}/v1/inbox/inb_tk_act3_1/action`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'approve', agentId: 'ops' }),
    });
    expect(((await byKey.json()) as { actionDecision: { agentId: string } }).actionDecision.agentId).toBe(
      'ops',
    );
  });

  it('authorises an executable proposal for the actions service, and shows what became of it', async () => {
    const proposal = (ticketId: string) => ({
      actionId: `act_${ticketId}_1`,
      tool: 'cancel_pending_order',
      input: { order_id: '#W1', reason: 'no longer needed' },
      summary: 'Cancel order #W1 (office chair), reason: no longer needed.',
      customerId: 'yara_li_6570',
    });
    const withProposal = (ticketId: string) =>
      handoff(ticketId, {
        draft: { ...draft('Shall I cancel it?', 'cancel_order'), proposal: proposal(ticketId) },
      });
    const events: EnvelopeBase[] = [];
    h.record('action.*.v1', events);
    for (const t of ['tk_prop', 'tk_prop2', 'tk_prop3']) {
      await bus.publish(withProposal(t));
      await arrived(t);
    }
    const { agent } = await signIn();

    const approved = await as(agent, 'POST', '/inbox/api/items/inb_tk_prop_1/action', {
      decision: 'approve',
    });
    expect(approved.body).toMatchObject({
      actionDecision: {
        status: 'pending_execution',
        actionId: 'act_tk_prop_1',
        action: 'cancel_pending_order',
      },
    });
    const authorised = await waitFor('action.authorised', () =>
      events.find((e) => e.type === 'action.authorised' && e.ticketId === 'tk_prop'),
    );
    expect(authorised!.payload).toEqual({
      turn: 1,
      proposal: proposal('tk_prop'),
      by: { kind: 'agent', id: 'ana' },
      channel: 'chat',
    });
    // The actions service settles it; the item shows the outcome.
    await bus.publish(
      makeEvent(ActionSettled, {
        ticketId: 'tk_prop',
        payload: { turn: 1, actionId: 'act_tk_prop_1', tool: 'cancel_pending_order', status: 'executed' },
      }),
    );
    const settled = await waitFor('the outcome on the item', async () => {
      const item = await as(agent, 'GET', '/inbox/api/items/inb_tk_prop_1');
      return (item.body.actionDecision as { status: string }).status === 'executed' ? item.body : undefined;
    });
    // The actions service told the customer the outcome: the item is answered.
    expect(settled!.status).toBe('sent');

    await as(agent, 'POST', '/inbox/api/items/inb_tk_prop2_1/action', { decision: 'reject' });
    const declined = await waitFor('action.declined', () =>
      events.find((e) => e.type === 'action.declined' && e.ticketId === 'tk_prop2'),
    );
    expect(declined!.payload).toEqual({
      turn: 1,
      actionId: 'act_tk_prop2_1',
      by: { kind: 'agent', id: 'ana' },
    });

    // The customer answered the read-back first: recorded, and an agent cannot decide it again.
    await bus.publish(
      makeEvent(ActionDeclined, {
        ticketId: 'tk_prop3',
        payload: { turn: 2, actionId: 'act_tk_prop3_1', by: { kind: 'customer' } },
      }),
    );
    await waitFor('the customer’s answer on the item', async () => {
      const item = await as(agent, 'GET', '/inbox/api/items/inb_tk_prop3_1');
      return (item.body.actionDecision as { by: string } | null)?.by === 'customer';
    });
    const late = await as(agent, 'POST', '/inbox/api/items/inb_tk_prop3_1/action', { decision: 'approve' });
    expect(late).toMatchObject({ status: 409, body: { message: expect.stringMatching(/by the customer$/) } });
    expect(events.filter((e) => e.type === 'action.authorised' && e.ticketId === 'tk_prop3')).toEqual([]);
  });
});

/** Reads a server-sent event stream into `events` until stopped. */
function follow(agent: Agent) {
  const events: Array<{ event: string; data: Record<string, unknown> }> = [];
  const stop = new AbortController();
  const done = (async () => {
    const res = await fetch(`${svc.url}/inbox/api/events`, {
      headers: { cookie: agent.cookie },
      signal: stop.signal,
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = res.body!.getReader();
    let buffer = '';
    for (;;) {
      const { value, done: ended } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (ended) return;
      buffer += Buffer.from(value!).toString('utf8');
      let at: number;
      while ((at = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        const event = /^event: (.+)$/m.exec(frame)?.[1];
        const data = /^data: (.+)$/m.exec(frame)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) as Record<string, unknown> });
      }
    }
  })();
  return { events, stop: () => stop.abort(), done };
}

describe('live updates', () => {
  it("streams each change to the agent's workspace only, as it commits", async () => {
    const { agent } = await signIn();
    const stream = follow(agent);
    await waitFor('the stream to open', () => stream.events.some((e) => e.event === 'ready'));
    await bus.publish(handoff('tk_live_acme', { workspace: 'acme' }));
    await arrived('tk_live_acme');
    await bus.publish(handoff('tk_live', { kind: 'escalate', draft: null }));
    const inserted = await waitFor('the new item', () =>
      stream.events.find((e) => e.event === 'change' && e.data.ticketId === 'tk_live'),
    );
    expect(inserted!.data).toMatchObject({
      op: 'insert',
      id: 'inb_tk_live_1',
      kind: 'escalate',
      status: 'open',
      workspace: 'default',
    });
    await as(agent, 'POST', '/inbox/api/items/inb_tk_live_1/take-over', {});
    await waitFor('the take-over', () =>
      stream.events.find(
        (e) => e.event === 'change' && e.data.id === 'inb_tk_live_1' && e.data.status === 'taken_over',
      ),
    );
    expect(stream.events.some((e) => e.data.workspace === 'acme')).toBe(false);
    stream.stop();
    await stream.done;
    const metrics = await (await fetch(`${svc.url}/metrics`)).text();
    expect(metrics).toMatch(/handoff_agent_actions_total\{[^}]*action="take_over"[^}]*\} \d+/);
  });
});

describe('a breached SLA', () => {
  it('raises the priority, leads the overdue queue, is counted, and reaches the webhook signed', async () => {
    const { agent } = await signIn();
    await bus.publish(handoff('tk_sla_low', { priority: 'low' }));
    await bus.publish(handoff('tk_sla_normal', { priority: 'normal' }));
    const normal = await arrived('tk_sla_normal');
    await arrived('tk_sla_low');
    // Past every first-response time of the normal item, but not the low one's.
    const before = deliveries.length;
    clock = normal!.first_response_due_at.getTime() + 60_000;
    const breached = await waitFor('the breach', async () => {
      const row = await h.db.db
        .selectFrom('inbox_items')
        .select(['priority', 'sla_breached_at'])
        .where('id', '=', normal!.id)
        .executeTakeFirstOrThrow();
      return row.sla_breached_at ? row : undefined;
    });
    expect(breached!.priority).toBe('high');
    const overdue = await as(agent, 'GET', '/inbox/api/queues/overdue');
    const listed = overdue.body.items as Array<{ id: string; slaBreachedAt: string | null }>;
    expect(listed.find((i) => i.id === normal!.id)?.slaBreachedAt).not.toBeNull();
    // Breached items first.
    const firstUnbreached = listed.findIndex((i) => i.slaBreachedAt === null);
    expect(
      firstUnbreached === -1 || listed.slice(firstUnbreached).every((i) => i.slaBreachedAt === null),
    ).toBe(true);
    expect(ids(overdue.body)).not.toContain('inb_tk_sla_low_1');

    const delivery = await waitFor('the webhook delivery', () =>
      deliveries
        .slice(before)
        .find((d) => (JSON.parse(d.body) as { inboxItemId: string }).inboxItemId === normal!.id),
    );
    expect(verifySignature(SECRET, delivery!.body, delivery!.signature, new Date())).toBe(true);
    expect(JSON.parse(delivery!.body)).toMatchObject({
      type: 'handoff.sla_breached',
      workspace: 'default',
      ticketId: 'tk_sla_normal',
      policy: 'first_response',
      priority: 'high',
      intent: 'order_status',
    });
    expect(delivery!.body).not.toContain('Message for');
    const metrics = await (await fetch(`${svc.url}/metrics`)).text();
    expect(metrics).toMatch(/handoff_sla_breaches_total\{[^}]*policy="first_response"[^}]*\} [1-9]/);
  });

  it('retries a failing webhook a bounded number of times, and gives up on a refusal at once', async () => {
    const failures = async () =>
      Number(
        /^handoff_sla_webhook_failures_total(?:\{[^}]*\})? (\d+)/m.exec(
          await (await fetch(`${svc.url}/metrics`)).text(),
        )?.[1] ?? 0,
      );
    const failedBefore = await failures();
    await bus.publish(handoff('tk_sla_retry'));
    const item = await arrived('tk_sla_retry');
    const mine = () =>
      deliveries.filter((d) => (JSON.parse(d.body) as { inboxItemId: string }).inboxItemId === item!.id);
    plan.set(item!.id, [503]);
    clock = Math.max(clock, item!.first_response_due_at.getTime() + 60_000);
    // 503, then delivered on the retry: two deliveries of the same event.
    await waitFor('the retried delivery', () => mine().length === 2, 30_000);
    expect(new Set(mine().map((d) => d.event)).size).toBe(1);

    await bus.publish(handoff('tk_sla_refused'));
    const refused = await arrived('tk_sla_refused');
    plan.set(refused!.id, [410]);
    clock = Math.max(clock, refused!.first_response_due_at.getTime() + 60_000);
    await waitFor('the refusal counted', async () => (await failures()) === failedBefore + 1, 30_000);
    expect(
      deliveries.filter((d) => (JSON.parse(d.body) as { inboxItemId: string }).inboxItemId === refused!.id),
    ).toHaveLength(1);
  });
});
