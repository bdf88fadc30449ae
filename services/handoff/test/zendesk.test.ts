import { localRouting } from '@parley/contracts/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Bus } from '@parley/bus';
import type { BusHarness } from '@parley/bus/testing';
import { createBusHarness, waitFor } from '@parley/bus/testing';
import type { EnvelopeBase, TicketTurn } from '@parley/contracts';
import { HandoffRequested, makeEvent } from '@parley/contracts';
import type { RunningService } from '@parley/runtime';
import { startService } from '@parley/runtime';
import { readServiceConfig } from '../src/config.js';
import { buildService } from '../src/service.js';
import { API_USER_ID, FakeZendesk, HUMAN_AGENT_ID } from './fake-zendesk.js';

// The Zendesk desk adapter against a local server speaking Zendesk's API: escalations and drafts become Zendesk
// tickets with an internal note holding the draft and the summary, and an agent's public reply written in
// Zendesk reaches the customer through our own reply path, once. The built-in inbox keeps every item.
const EMAIL = 'parley@shop.example';
const TOKEN = 'zendesk-api-token-0001';
const SECRET = 'zendesk-webhook-secret-0001';
const KEY = 'zendesk-agent-key-0001';
let h: BusHarness;
let bus: Bus;
let svc: RunningService;
let zd: FakeZendesk;
const replies: EnvelopeBase[] = [];

const turn = (
  body: string,
  customer: TicketTurn['customer'],
  extra: Partial<TicketTurn> = {},
): TicketTurn => ({
  channel: 'email',
  customer,
  body,
  history: [],
  receivedAt: new Date().toISOString(),
  ...extra,
});

const YARA = { crmId: 'yara_li_6570', email: 'yara.li6570@example.com', name: 'Yara Li' };

function handoff(ticketId: string, t: TicketTurn, n = 1, kind: 'suggest' | 'escalate' = 'suggest') {
  return makeEvent(HandoffRequested, {
    ticketId,
    payload: {
      turn: n,
      kind,
      reasons: [
        {
          code: kind === 'escalate' ? 'hard_rule' : 'band_suggest',
          detail: kind === 'escalate' ? 'human_requested' : undefined,
        },
      ],
      priority: kind === 'escalate' ? 'high' : 'normal',
      ticket: t,
      routing: localRouting({ intent: 'cancel_order', confidence: 0.91, band: 'suggest' }),
      draft:
        kind === 'escalate'
          ? null
          : {
              body: 'Hi Yara, your order #W3400144 is pending, so it can be cancelled.',
              citations: [
                {
                  chunkId: 'cancel#which',
                  articleId: 'cancel-an-order',
                  section: 'Which orders can be cancelled',
                },
              ],
              facts: [],
              groundedness: 1,
              toolCalls: [{ name: 'cancel_order', input: { orderId: '#W3400144' }, status: 'proposed' }],
              model: { provider: 'local', name: 'grounded-composer-v1', tier: 'local' },
              usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
              action: 'cancel_order',
            },
      sources: [
        {
          chunkId: 'cancel#which',
          articleId: 'cancel-an-order',
          title: 'Cancelling an order',
          section: 'Which orders can be cancelled',
          text: 'Pending orders can be cancelled.',
          score: 0.9,
          scores: {},
        },
      ],
      customer: null,
    },
  });
}

async function mirrored(itemId: string) {
  return waitFor(`${itemId} mirrored`, () =>
    h.db.db.selectFrom('desk_items').selectAll().where('item_id', '=', itemId).executeTakeFirst(),
  );
}

async function webhook(ticketId: number, opts: { secret?: string; at?: Date; body?: string } = {}) {
  const signed = zd.webhook(ticketId, opts.secret ?? SECRET, opts.at);
  const res = await fetch(`${svc.url}/v1/desk/zendesk/events`, {
    method: 'POST',
    headers: signed.headers,
    body: opts.body ?? signed.body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  zd = new FakeZendesk(EMAIL, TOKEN);
  await zd.start();
  h = await createBusHarness('handoff-zendesk');
  bus = await h.bus();
  h.record('reply.requested.v1', replies);
  const config = readServiceConfig(
    h.env({
      HANDOFF_PORT: '0',
      HANDOFF_AGENT_KEYS: KEY,
      HANDOFF_SLA_CHECK_MS: '0',
      HANDOFF_DESK: 'zendesk',
      HANDOFF_ZENDESK_URL: zd.url,
      HANDOFF_ZENDESK_EMAIL: EMAIL,
      HANDOFF_ZENDESK_TOKEN: TOKEN,
      HANDOFF_ZENDESK_WEBHOOK_SECRET: SECRET,
    }),
  );
  svc = await startService(buildService(config), { migrate: false });
});

afterAll(async () => {
  await svc?.stop();
  await h?.close();
  await zd?.stop();
});

describe('mirroring into Zendesk', () => {
  it('opens a ticket requested by the customer, with an internal note holding the draft and the summary', async () => {
    await bus.publish(
      handoff(
        'tk_zd',
        turn('Please cancel my order #W3400144, I no longer need it.', YARA, { subject: 'Cancel' }),
      ),
    );
    const link = await mirrored('inb_tk_zd_1');
    const ticket = zd.tickets.get(Number(link!.desk_ticket_id))!;
    const requester = zd.users.get(ticket.requester_id)!;
    expect(requester).toMatchObject({
      name: 'Yara Li',
      email: YARA.email,
      external_id: 'parley:customer:yara_li_6570',
    });
    expect(ticket).toMatchObject({ subject: 'Cancel', external_id: 'tk_zd', priority: 'normal' });
    expect(ticket.tags).toEqual(['parley', 'parley_suggest', 'cancel_order']);
    const [first, note] = ticket.comments;
    expect(first).toMatchObject({
      body: 'Please cancel my order #W3400144, I no longer need it.',
      public: true,
      author_id: requester.id,
    });
    expect(note).toMatchObject({ public: false, author_id: API_USER_ID });
    expect(note!.body).toContain('[parley inb_tk_zd_1] turn 1 · draft to review · priority normal');
    expect(note!.body).toContain('Hi Yara, your order #W3400144 is pending, so it can be cancelled.');
    expect(note!.body).toContain('Summary: cancel order (#W3400144): Please cancel my order #W3400144');
    expect(note!.body).toContain('Cancelling an order: Which orders can be cancelled');
    expect(note!.body).toContain('Proposed action: cancel_order');
    expect(zd.requests.find((r) => r.path === '/api/v2/tickets.json')?.idempotencyKey).toBe(
      'parley-ticket-tk_zd',
    );
    // The built-in workspace has the item too: it stays the default.
    // The mirror and the item are written by separate consumers of the same event, in either order.
    const status = await waitFor('the built-in inbox item', async () => {
      const res = await fetch(`${svc.url}/v1/inbox/inb_tk_zd_1`, {
        headers: { authorization: `Bearer ${KEY}` },
      });
      return res.status === 200 && res.status;
    });
    expect(status).toBe(200);
  });

  it('adds later turns to the same ticket, and never files an unmatched sender under an address', async () => {
    await bus.publish(handoff('tk_zd', turn('Any news? Please hurry.', YARA), 2, 'escalate'));
    const second = await mirrored('inb_tk_zd_2');
    const ticket = zd.tickets.get(Number(second!.desk_ticket_id))!;
    expect(ticket.comments.map((c) => [c.public, c.body.slice(0, 24)])).toEqual([
      [true, 'Please cancel my order #'],
      [false, '[parley inb_tk_zd_1] tur'],
      [true, 'Any news? Please hurry.'],
      [false, '[parley inb_tk_zd_2] tur'],
    ]);
    expect(ticket.priority).toBe('high');
    expect(ticket.comments[3]!.body).toContain('No draft: write the reply.');

    await bus.publish(
      handoff('tk_zd_anon', turn('Where is my order?', { crmId: null, email: YARA.email, name: 'Someone' })),
    );
    const anon = await mirrored('inb_tk_zd_anon_1');
    const requester = zd.users.get(zd.tickets.get(Number(anon!.desk_ticket_id))!.requester_id)!;
    expect(requester).toMatchObject({
      email: null,
      external_id: 'parley:ticket:tk_zd_anon',
      name: 'Someone',
    });
  });

  it('creates one ticket when Zendesk fails or its answer is lost, retrying with the same idempotency key', async () => {
    zd.failNext(503);
    zd.failNext(500, { afterEffect: true });
    const before = zd.tickets.size;
    await bus.publish(handoff('tk_zd_retry', turn('Cancel it please', YARA)));
    await mirrored('inb_tk_zd_retry_1');
    const created = [...zd.tickets.values()].filter((t) => t.external_id === 'tk_zd_retry');
    expect(created).toHaveLength(1);
    expect(zd.tickets.size).toBe(before + 1);
  });
});

describe("an agent's public reply in Zendesk", () => {
  it('reaches the customer through our reply path, once, and answers the inbox item', async () => {
    const link = await mirrored('inb_tk_zd_2');
    const deskId = Number(link!.desk_ticket_id);
    zd.agentReplies(deskId, 'Hi Yara, I have cancelled order #W3400144 for you.');
    const first = await webhook(deskId);
    expect(first).toEqual({ status: 200, body: { relayed: 1 } });
    const reply = await waitFor('the reply', () =>
      replies.find((e) => e.ticketId === 'tk_zd' && (e.payload as { source: string }).source === 'agent'),
    );
    expect(reply!.payload).toMatchObject({
      turn: 2,
      source: 'agent',
      channel: 'email',
      body: 'Hi Yara, I have cancelled order #W3400144 for you.',
      agentId: `zendesk:${HUMAN_AGENT_ID}`,
    });
    // Zendesk calls again (another update): nothing is sent twice.
    expect(await webhook(deskId)).toEqual({ status: 200, body: { relayed: 0 } });
    const item = await h.db.db
      .selectFrom('inbox_items')
      .select(['status', 'replies'])
      .where('id', '=', 'inb_tk_zd_2')
      .executeTakeFirstOrThrow();
    expect(item.status).toBe('sent');
    expect(item.replies).toEqual([
      expect.objectContaining({ via: 'zendesk', agentId: `zendesk:${HUMAN_AGENT_ID}` }),
    ]);
    await waitFor('one reply stored', async () => (await h.count('reply.requested.v1')) >= 1);
    expect(replies.filter((e) => e.ticketId === 'tk_zd')).toHaveLength(1);
  });

  it('refuses an unsigned, wrongly signed or stale call, and ignores a ticket we never mirrored', async () => {
    const link = await mirrored('inb_tk_zd_1');
    const deskId = Number(link!.desk_ticket_id);
    expect((await webhook(deskId, { secret: 'not-the-secret-0000' })).status).toBe(401);
    expect((await webhook(deskId, { at: new Date(Date.now() - 3_600_000) })).status).toBe(401);
    const signed = zd.webhook(deskId, SECRET);
    const tampered = await fetch(`${svc.url}/v1/desk/zendesk/events`, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body.replace(String(deskId), '1'),
    });
    expect(tampered.status).toBe(401);
    const unsigned = await fetch(`${svc.url}/v1/desk/zendesk/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: signed.body,
    });
    expect(unsigned.status).toBe(401);
    expect(await webhook(999_999)).toEqual({ status: 200, body: { relayed: 0 } });
  });

  it('asks Zendesk to call again when its API is down', async () => {
    const link = await mirrored('inb_tk_zd_anon_1');
    zd.failNext(429, { retryAfter: 7 });
    const res = await fetch(`${svc.url}/v1/desk/zendesk/events`, {
      method: 'POST',
      ...(() => {
        const s = zd.webhook(Number(link!.desk_ticket_id), SECRET);
        return { headers: s.headers, body: s.body };
      })(),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('7');
  });
});
