import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { recordTimeline } from '@parley/audit';
import type { Bus } from '@parley/bus';
import type { BusHarness } from '@parley/bus/testing';
import { waitFor } from '@parley/bus/testing';
import type { RunningService } from '@parley/runtime';
import { startService } from '@parley/runtime';
import { createKey, revokeKey } from '@parley/auth';
import { buildService } from '../src/service.js';
import { API_KEY, ownerChanged, replyRequested, ticketDecided } from './fixtures.js';
import type { IngressHarness } from './harness.js';
import { startIngress } from './harness.js';

let ing: IngressHarness;
let h: BusHarness;
let ingress: RunningService;
let bus: Bus;

beforeAll(async () => {
  ing = await startIngress('ingress');
  ({ h, bus, svc: ingress } = ing);
});
afterAll(async () => {
  await ing?.close();
});

interface Answer {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
}

async function call(
  method: string,
  path: string,
  opts: { body?: unknown; raw?: string; type?: string; key?: string | null } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (opts.key !== null) headers.authorization = `Bearer ${opts.key ?? API_KEY}`;
  let body: string | undefined;
  if (opts.raw !== undefined || opts.body !== undefined) {
    headers['content-type'] = opts.type ?? 'application/json';
    body = opts.raw ?? JSON.stringify(opts.body);
  }
  const res = await fetch(`${ingress.url}${path}`, { method, headers, body });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

const eventsFor = (subject: string, ticketId: string) => ing.eventsFor(subject, ticketId);
const awaitEvents = (subject: string, ticketId: string, count: number) =>
  ing.awaitEvents(subject, ticketId, count);
const ticketCount = () => ing.ticketCount();
const configFor = (extra: Record<string, string> = {}) => ing.configFor(extra);

async function post(body: Record<string, unknown>): Promise<string> {
  const res = await call('POST', '/v1/tickets', { body });
  expect(res.status).toBe(202);
  return res.json.ticketId as string;
}

describe('POST /v1/tickets', () => {
  it('accepts a ticket, masks card numbers and publishes ticket.received with the matched customer', async () => {
    const res = await call('POST', '/v1/tickets', {
      body: {
        customer: { email: 'Yara.Li6570@Example.com', name: 'Yara Li' },
        subject: 'Where is my laptop?',
        body: 'Order #W3400144 is late. I paid with 4111 1111 1111 1111.',
      },
    });
    expect(res.status).toBe(202);
    const ticketId = res.json.ticketId as string;
    expect(ticketId).toMatch(/^tkt_[0-9A-Z]{26}$/);

    const [event] = await awaitEvents('ticket.received.v1', ticketId, 1);
    const payload = event!.payload as { turn: number; ticket: Record<string, unknown> };
    expect(payload.turn).toBe(1);
    expect(payload.ticket).toMatchObject({
      channel: 'api',
      customer: { crmId: 'yara_li_6570', email: 'Yara.Li6570@Example.com', name: 'Yara Li' },
      subject: 'Where is my laptop?',
      body: 'Order #W3400144 is late. I paid with [card].',
      history: [],
    });

    const messages = await h.db.db
      .selectFrom('messages')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .execute();
    expect(messages.map((m) => [m.turn, m.role, m.body])).toEqual([
      [1, 'customer', 'Order #W3400144 is late. I paid with [card].'],
    ]);
    const ticket = await h.db.db
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', ticketId)
      .executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({
      status: 'open',
      current_turn: 1,
      customer_crm_id: 'yara_li_6570',
      channel: 'api',
    });
    await waitFor(
      'an empty outbox',
      async () => (await h.db.db.selectFrom('outbox').select('id').execute()).length === 0,
    );
  });

  it('returns the same ticket for the same externalId, with one ticket and one event, even when racing', async () => {
    const body = {
      channel: 'email',
      customer: { email: 'ivan.santos3158@example.com' },
      body: 'Cancel #W8770097',
      externalId: 'mail-<abc@x>',
    };
    const first = await post(body);
    expect(await post(body)).toBe(first);
    const racing = await Promise.all(
      Array.from({ length: 5 }, () =>
        call('POST', '/v1/tickets', { body: { ...body, externalId: 'mail-race' } }),
      ),
    );
    expect(racing.map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
    const ids = new Set(racing.map((r) => r.json.ticketId));
    expect(ids.size).toBe(1);
    const rows = await h.db.db
      .selectFrom('tickets')
      .select('id')
      .where('external_id', 'in', ['mail-<abc@x>', 'mail-race'])
      .execute();
    expect(rows).toHaveLength(2);
    await waitFor(
      'both events',
      async () => (await eventsFor('ticket.received.v1', [...ids][0] as string)).length === 1,
    );
    expect(await eventsFor('ticket.received.v1', first)).toHaveLength(1);
    const [event] = await eventsFor('ticket.received.v1', first);
    expect(event!.payload).toMatchObject({
      externalId: 'mail-<abc@x>',
      ticket: { channel: 'email', customer: { crmId: 'ivan_santos_6635' } },
    });
  });

  it('does not match a customer from an order id in the text alone', async () => {
    const ticketId = await post({
      customer: { email: 'someone.else@example.com' },
      body: 'Please cancel order #W8770097 now',
    });
    const [event] = await awaitEvents('ticket.received.v1', ticketId, 1);
    expect((event!.payload as { ticket: { customer: { crmId: unknown } } }).ticket.customer.crmId).toBeNull();
  });

  it('answers 400 naming the field and the problem, and stores nothing', async () => {
    const before = await ticketCount();
    const missing = await call('POST', '/v1/tickets', { body: { customer: {} } });
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({
      error: 'invalid_request',
      message: 'body: Required',
      issues: [{ path: 'body', message: 'Required' }],
    });

    const wrong = await call('POST', '/v1/tickets', {
      body: { channel: 'fax', customer: { email: 42 }, body: 'hi', subject: '' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.message).toMatch(/channel: Invalid enum value/);
    expect(wrong.json.message).toMatch(/customer\.email: Expected string, received number/);
    expect(wrong.json.message).toMatch(/subject: must not be empty/);

    const noCustomer = await call('POST', '/v1/tickets', { body: { body: 'hi' } });
    expect(noCustomer.json.message).toBe('customer: Required');
    const smsNoPhone = await call('POST', '/v1/tickets', {
      body: { channel: 'sms', customer: {}, body: 'hi' },
    });
    expect(smsNoPhone.json.message).toBe('customer.phone: Required for the sms channel');

    const badJson = await call('POST', '/v1/tickets', { raw: '{"body": "hi",' });
    expect(badJson.status).toBe(400);
    expect(badJson.json.error).toBe('invalid_json');
    expect(badJson.json.message).toMatch(/^request body is not valid JSON/);

    const array = await call('POST', '/v1/tickets', { body: [1, 2] });
    expect(array.json).toMatchObject({
      error: 'invalid_request',
      message: '(root): request body must be a JSON object',
    });
    expect(await ticketCount()).toBe(before);
  });

  it('answers 413 for a body over the limit and 415 for a body that is not JSON', async () => {
    const before = await ticketCount();
    const big = await call('POST', '/v1/tickets', { body: { customer: {}, body: 'x'.repeat(70 * 1024) } });
    expect(big.status).toBe(413);
    expect(big.json).toEqual({
      error: 'payload_too_large',
      message: 'request body exceeds the limit of 65536 bytes',
    });
    const text = await call('POST', '/v1/tickets', { raw: 'hello', type: 'text/plain' });
    expect(text.status).toBe(415);
    expect(text.json).toEqual({
      error: 'unsupported_media_type',
      message: 'Content-Type must be application/json',
    });
    expect(await ticketCount()).toBe(before);
  });

  it('answers 401 without a key or with a wrong or revoked key, 403 for one out of scope, and stores nothing', async () => {
    const before = await ticketCount();
    const body = { customer: {}, body: 'hello' };
    const none = await call('POST', '/v1/tickets', { body, key: null });
    expect(none.status).toBe(401);
    expect(none.json).toEqual({
      error: 'unauthorized',
      message: 'missing Authorization header (expected "Bearer <key>")',
    });
    expect((await call('POST', '/v1/tickets', { body, key: 'not-a-key' })).json).toEqual({
      error: 'unauthorized',
      message: 'unknown or revoked API key',
    });
    const inbox = await createKey(h.db.db, 'inbox only', ['inbox']);
    expect((await call('POST', '/v1/tickets', { body, key: inbox.key })).json).toEqual({
      error: 'forbidden',
      message: 'API key lacks the "tickets" scope',
    });
    expect((await call('GET', '/v1/tickets/tkt_x', { key: inbox.key })).status).toBe(403);
    expect((await call('GET', '/v1/tickets/tkt_x', { key: null })).status).toBe(401);
    // The key is checked before the body is read: an oversized anonymous body is refused as unauthorised.
    expect(
      (await call('POST', '/v1/tickets', { body: { customer: {}, body: 'x'.repeat(70 * 1024) }, key: null }))
        .status,
    ).toBe(401);
    expect(await ticketCount()).toBe(before);

    // A stored key with the scope works until it is revoked.
    const stored = await createKey(h.db.db, 'helpdesk', ['tickets']);
    expect((await call('POST', '/v1/tickets', { body, key: stored.key })).status).toBe(202);
    await revokeKey(h.db.db, stored.id);
    expect((await call('POST', '/v1/tickets', { body, key: stored.key })).status).toBe(401);
    expect(await ticketCount()).toBe(before + 1);
  });
});

describe('access', () => {
  async function rowCounts() {
    const count = async (table: 'tickets' | 'messages' | 'timeline' | 'outbox') =>
      Number(
        (
          await h.db.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      tickets: await count('tickets'),
      messages: await count('messages'),
      timeline: await count('timeline'),
      outbox: await count('outbox'),
      events: await h.count('ticket.received.v1'),
    };
  }

  it('stores and publishes nothing for any request refused for its credentials', async () => {
    const ticketId = await post({ customer: {}, body: 'an existing ticket' });
    await awaitEvents('ticket.received.v1', ticketId, 1);
    await waitFor('an empty outbox', async () => (await rowCounts()).outbox === 0);
    const before = await rowCounts();
    const inbox = await createKey(h.db.db, 'agent', ['inbox']);
    const revoked = await createKey(h.db.db, 'old', ['tickets']);
    await revokeKey(h.db.db, revoked.id);
    for (const key of [null, '', 'nope', inbox.key, revoked.key, `${API_KEY} ${API_KEY}`]) {
      const created = await call('POST', '/v1/tickets', { body: { customer: {}, body: 'hello' }, key });
      const followed = await call('POST', `/v1/tickets/${ticketId}/messages`, {
        body: { body: 'more' },
        key,
      });
      const read = await call('GET', `/v1/tickets/${ticketId}`, { key });
      const expected = key === inbox.key ? 403 : 401;
      expect({ key, statuses: [created.status, followed.status, read.status] }).toEqual({
        key,
        statuses: [expected, expected, expected],
      });
      expect(read.json).not.toHaveProperty('timeline');
    }
    expect(await rowCounts()).toEqual(before);
  });
});

describe('GET /v1/tickets/:id and reply delivery', () => {
  it('serves the API on the same server as the health, readiness and metrics endpoints', async () => {
    expect((await fetch(`${ingress.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${ingress.url}/readyz`)).status).toBe(200);
    expect(await (await fetch(`${ingress.url}/metrics`)).text()).toMatch(
      /ingress_tickets_total\{channel="api",outcome="created"/,
    );
  });

  it('answers 404 for an unknown ticket', async () => {
    const res = await call('GET', '/v1/tickets/tkt_unknown');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: 'not_found', message: 'no ticket tkt_unknown' });
  });

  it('shows the decision, the delivered reply and the timeline in order; a reply delivered twice goes out once', async () => {
    const ticketId = await post({
      customer: { email: 'yara.li6570@example.com' },
      body: 'Where is #W3400144?',
    });
    expect((await call('GET', `/v1/tickets/${ticketId}`)).json).toMatchObject({ ticketId, status: 'open' });

    // What the gate does for the turn: its timeline entry, then ticket.decided (its decision row is its own).
    const decided = ticketDecided(ticketId, 1, 'yara_li_6570');
    await recordTimeline(h.db.db, {
      ticketId,
      turn: 1,
      type: decided.type,
      service: 'gate',
      eventId: decided.id,
    });
    await bus.publish(decided);
    await waitFor(
      'the status',
      async () => (await call('GET', `/v1/tickets/${ticketId}`)).json.status === 'auto_sent',
    );

    const reply = replyRequested(ticketId, 1, `rpl_${ticketId}_1`);
    // The same message three times past the stream's duplicate check, and once re-requested under another
    // event id (as a second requester would): only the delivery ledger can keep it to one delivery.
    await bus.js.publish(`${h.prefix}.reply.requested.v1`, JSON.stringify(reply));
    await bus.js.publish(`${h.prefix}.reply.requested.v1`, JSON.stringify(reply));
    await bus.js.publish(
      `${h.prefix}.reply.requested.v1`,
      JSON.stringify({ ...reply, id: `${reply.id}:again` }),
    );
    const marker = replyRequested(ticketId, 1, `rpl_${ticketId}_marker`);
    await bus.publish(marker);
    await waitFor('the marker delivery', async () =>
      Boolean(
        await h.db.db
          .selectFrom('deliveries')
          .select('reply_id')
          .where('reply_id', '=', marker.payload.replyId)
          .executeTakeFirst(),
      ),
    );
    const deliveries = await h.db.db
      .selectFrom('deliveries')
      .selectAll()
      .where('reply_id', '=', reply.payload.replyId)
      .execute();
    expect(deliveries).toHaveLength(1);
    await waitFor(
      'reply.delivered events',
      async () => (await eventsFor('reply.delivered.v1', ticketId)).length === 2,
    );
    const delivered = await eventsFor('reply.delivered.v1', ticketId);
    expect(delivered.map((e) => (e.payload as { replyId: string }).replyId).sort()).toEqual(
      [reply.payload.replyId, marker.payload.replyId].sort(),
    );

    const view = (await call('GET', `/v1/tickets/${ticketId}`)).json;
    expect(view).toMatchObject({
      ticketId,
      status: 'auto_sent',
      intent: 'order_status',
      band: 'auto',
      decision: 'auto_sent',
      reply: {
        body: 'Your order #W3400144 ships within 2 days.',
        channel: 'api',
        citations: [
          { chunkId: 'shipping#1', articleId: 'shipping', section: 'Delivery times', title: 'Shipping' },
        ],
      },
    });
    expect(Date.parse((view.reply as { deliveredAt: string }).deliveredAt)).not.toBeNaN();
    const timeline = view.timeline as Array<{
      at: string;
      type: string;
      service: string;
      detail?: Record<string, unknown>;
    }>;
    // reply.requested is its requester's to record (the gate's, here published by hand); ingress records delivery.
    expect(timeline.map((t) => [t.type, t.service])).toEqual([
      ['ticket.received', 'ingress'],
      ['ticket.decided', 'gate'],
      ['reply.delivered', 'ingress'],
      ['reply.delivered', 'ingress'],
    ]);
    const times = timeline.map((t) => Date.parse(t.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(timeline[0]!.detail).toMatchObject({
      channel: 'api',
      crmId: 'yara_li_6570',
      matchedBy: 'email',
      ordersConfirmed: 1,
    });
    expect(timeline[1]!.detail).toBeUndefined();

    const bot = await h.db.db
      .selectFrom('messages')
      .select(['turn', 'role'])
      .where('ticket_id', '=', ticketId)
      .orderBy('id')
      .execute();
    expect(bot).toEqual([
      { turn: 1, role: 'customer' },
      { turn: 1, role: 'bot' },
      { turn: 1, role: 'bot' },
    ]);
  });
});

describe('POST /v1/tickets/:id/messages', () => {
  it('adds turn 2 with the earlier turns as history', async () => {
    const ticketId = await post({
      customer: { phone: '555 010 2000' },
      subject: 'Laptop',
      body: 'Where is my laptop?',
    });
    const reply = replyRequested(ticketId, 1, `rpl_${ticketId}_1`);
    await bus.publish(reply);
    await waitFor(
      'the first reply',
      async () => (await eventsFor('reply.delivered.v1', ticketId)).length === 1,
    );
    // An agent takes the ticket over (handoff announces it), then hands it back; the hand-back is heard first.
    await bus.publish(ownerChanged(ticketId, 'bot', 2));
    await bus.publish(ownerChanged(ticketId, 'agent', 1));
    await bus.publish(ownerChanged(ticketId, 'agent', 3));
    await waitFor('the owner change', async () => {
      const row = await h.db.db
        .selectFrom('tickets')
        .select(['owner', 'owner_seq'])
        .where('id', '=', ticketId)
        .executeTakeFirstOrThrow();
      return row.owner_seq === 3;
    });

    const res = await call('POST', `/v1/tickets/${ticketId}/messages`, {
      body: { body: 'Thanks. Card 5555-5555-5555-4444 was charged twice' },
    });
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ ticketId, turn: 2 });
    const [, second] = await awaitEvents('ticket.received.v1', ticketId, 2);
    const payload = second!.payload as {
      ticket: {
        body: string;
        subject: string;
        customer: { crmId: string };
        history: Array<{ turn: number; role: string; body: string }>;
      };
    };
    expect(payload.ticket.body).toBe('Thanks. Card [card] was charged twice');
    expect(payload.ticket.subject).toBe('Laptop');
    expect(payload.ticket.customer.crmId).toBe('yara_li_6570');
    expect(payload.ticket.history.map((m) => [m.turn, m.role, m.body])).toEqual([
      [1, 'customer', 'Where is my laptop?'],
      [1, 'bot', 'Your order #W3400144 ships within 2 days.'],
    ]);
    const ticket = await h.db.db
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', ticketId)
      .executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({ current_turn: 2, status: 'open', owner: 'agent' });

    // A late decision for turn 1 does not overwrite the view of turn 2.
    await bus.publish(ticketDecided(ticketId, 1, 'yara_li_6570'));
    const marker = await post({ customer: {}, body: 'marker' });
    await bus.publish(ticketDecided(marker, 1, null));
    await waitFor(
      'the marker decision',
      async () => (await call('GET', `/v1/tickets/${marker}`)).json.status === 'auto_sent',
    );
    expect((await call('GET', `/v1/tickets/${ticketId}`)).json.status).toBe('open');
  });

  it("carries the proposal a delivered reply read back to the customer's next message, before action.proposed is heard", async () => {
    const ticketId = await post({ customer: { phone: '555 010 2000' }, body: 'Cancel #W3400144 please' });
    const proposal = {
      actionId: `act_${ticketId}_1`,
      tool: 'cancel_pending_order',
      input: { order_id: '#W3400144', reason: 'no longer needed' },
      customerId: 'yara_li_6570',
      summary: 'Cancel order #W3400144',
    };
    // Only the reply: the action.proposed of the same turn has not reached ingress yet.
    const reply = replyRequested(ticketId, 1, `rpl_${ticketId}_1`);
    await bus.publish({
      ...reply,
      payload: { ...reply.payload, readsBack: { proposal, confirmBy: 'customer' } },
    });
    await waitFor(
      'the read-back',
      async () => (await eventsFor('reply.delivered.v1', ticketId)).length === 1,
    );
    const res = await call('POST', `/v1/tickets/${ticketId}/messages`, { body: { body: 'yes' } });
    expect(res.status).toBe(202);
    const [, second] = await awaitEvents('ticket.received.v1', ticketId, 2);
    expect((second!.payload as { ticket: { pendingAction?: unknown } }).ticket.pendingAction).toEqual({
      proposal,
      confirmBy: 'customer',
    });
    const shown = (await call('GET', `/v1/tickets/${ticketId}`)).json as {
      actions: Array<{ status: string }>;
    };
    expect(shown.actions).toMatchObject([{ actionId: proposal.actionId, status: 'proposed' }]);
  });

  it('makes one turn of a message sent twice with the same externalId, even concurrently', async () => {
    const ticketId = await post({ customer: {}, body: 'first message' });
    const send = (externalId: string, text: string) =>
      call('POST', `/v1/tickets/${ticketId}/messages`, { body: { body: text, externalId } });
    const [a, b] = await Promise.all([send('msg-1', 'Any news?'), send('msg-1', 'Any news?')]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.json).toEqual({ ticketId, turn: 2 });
    expect(b.json).toEqual({ ticketId, turn: 2 });
    expect((await send('msg-1', 'Any news?')).json).toEqual({ ticketId, turn: 2 });
    // Another message id is another turn.
    expect((await send('msg-2', 'Hello?')).json).toEqual({ ticketId, turn: 3 });
    await awaitEvents('ticket.received.v1', ticketId, 3);
    const stored = await h.db.db
      .selectFrom('messages')
      .select(['turn', 'external_id'])
      .where('ticket_id', '=', ticketId)
      .orderBy('id')
      .execute();
    expect(stored).toEqual([
      { turn: 1, external_id: null },
      { turn: 2, external_id: 'msg-1' },
      { turn: 3, external_id: 'msg-2' },
    ]);
    const received = await eventsFor('ticket.received.v1', ticketId);
    expect(received.map((e) => (e.payload as { turn: number }).turn).sort()).toEqual([1, 2, 3]);
  });

  it('answers 404 for an unknown ticket and 400 for an empty message', async () => {
    expect((await call('POST', '/v1/tickets/tkt_nope/messages', { body: { body: 'hi' } })).status).toBe(404);
    const ticketId = await post({ customer: {}, body: 'first' });
    const empty = await call('POST', `/v1/tickets/${ticketId}/messages`, { body: { body: '   ' } });
    expect(empty.json).toMatchObject({ error: 'invalid_request', message: 'body: must not be empty' });
  });
});

describe('overload', () => {
  it('answers 503 with Retry-After when the database pool is exhausted, and commits nothing late', async () => {
    const small = await startService(
      buildService(
        configFor({
          DATABASE_POOL_MAX: '1',
          INGRESS_REQUEST_TIMEOUT_MS: '300',
          INGRESS_RETRY_AFTER_SECONDS: '7',
        }),
      ),
      { migrate: false },
    );
    try {
      const held = await small.db.pool.connect();
      let res: Response;
      try {
        res = await fetch(`${small.url}/v1/tickets`, {
          method: 'POST',
          headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
          body: JSON.stringify({ customer: {}, body: 'hello', externalId: 'overload-1' }),
        });
      } finally {
        held.release();
      }
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(await res.json()).toEqual({
        error: 'unavailable',
        message: 'the service is overloaded or its database is unreachable; retry later',
      });
      // Once the queued work got its connection it must have rolled back.
      await waitFor(
        'the pool to drain',
        () => small.db.pool.waitingCount === 0 && small.db.pool.idleCount === small.db.pool.totalCount,
      );
      expect(
        await h.db.db.selectFrom('tickets').select('id').where('external_id', '=', 'overload-1').execute(),
      ).toEqual([]);
    } finally {
      await small.stop();
    }
  });
});
