import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Channel } from '@parley/contracts';
import { makeEvent, ReplyRequested } from '@parley/contracts';
import type { OutboundReply } from '../src/delivery/senders.js';
import { signRatingToken } from '../src/ratings/token.js';
import { API_KEY } from './fixtures.js';
import type { IngressHarness } from './harness.js';
import { startIngress } from './harness.js';

// Customers rate automated replies through signed links (email, SMS) and the chat widget's thumbs: one rating
// per reply, a change replaces it and is announced as reply.rated; a token that is not ours, has expired, or
// names a reply that cannot be rated is a 4xx and stores nothing. Real NATS and Postgres.
const SECRET = 'ratings-test-secret-at-least-32-characters';
const SHOP = 'https://shop.example';
let ing: IngressHarness;
const sent: OutboundReply[] = [];
const recording = {
  async send(reply: OutboundReply) {
    sent.push(reply);
    return {};
  },
};

beforeAll(async () => {
  ing = await startIngress(
    'ingress-ratings',
    {
      INGRESS_RATING_SECRET: SECRET,
      INGRESS_PUBLIC_URL: 'https://help.example.com/',
      INGRESS_CHAT_ORIGINS: SHOP,
    },
    { senders: { email: recording, sms: recording } },
  );
});
afterAll(async () => {
  await ing?.close();
});

async function ticket(channel: Channel): Promise<string> {
  const customer =
    channel === 'email'
      ? { email: 'yara.li6570@example.com' }
      : channel === 'sms'
        ? { phone: '+1 (555) 010-2000' }
        : { name: 'Ana' };
  const res = await fetch(`${ing.svc.url}/v1/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ channel, customer, body: 'Where is my order #W3400144?' }),
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { ticketId: string }).ticketId;
}

/** Publishes the turn's reply and waits until it was delivered; returns its id. */
async function reply(ticketId: string, channel: Channel, source: 'auto' | 'agent' = 'auto'): Promise<string> {
  const replyId = `rpl_${ticketId}_1${source === 'agent' ? '_agent' : ''}`;
  await ing.bus.publish(
    makeEvent(ReplyRequested, {
      ticketId,
      payload: {
        turn: 1,
        replyId,
        channel,
        source,
        body: 'Your order #W3400144 ships within 2 days.',
        citations: [],
      },
    }),
  );
  await ing.awaitEvents('reply.delivered.v1', ticketId, 1);
  return replyId;
}

const ratingsOf = (replyId: string) =>
  ing.h.db.db
    .selectFrom('reply_ratings')
    .select(['rating', 'revision', 'workspace_id', 'channel', 'turn'])
    .where('reply_id', '=', replyId)
    .execute();

const linkPath = (url: string) => new URL(url).pathname + new URL(url).search;

describe('rating links in automated replies', () => {
  let ticketId: string;
  let replyId: string;
  let up: string;
  let down: string;

  beforeAll(async () => {
    ticketId = await ticket('email');
    replyId = await reply(ticketId, 'email');
    const email = sent.find((r) => r.ticketId === ticketId)!;
    const links = [...email.body.matchAll(/https:\/\/help\.example\.com\/r\/\S+/g)].map((m) => m[0]);
    expect(links).toHaveLength(2);
    [up, down] = links.map(linkPath) as [string, string];
  });

  it('go out in the email, and the reply is stored as written', async () => {
    expect(up).toMatch(/^\/r\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\?v=up$/);
    expect(down).toBe(up.replace('v=up', 'v=down'));
    const stored = await ing.h.db.db
      .selectFrom('replies')
      .select('body')
      .where('id', '=', replyId)
      .executeTakeFirstOrThrow();
    expect(stored.body).toBe('Your order #W3400144 ships within 2 days.');
  });

  it('record one rating per reply; the same again changes nothing, another replaces it', async () => {
    const first = await fetch(`${ing.svc.url}${up}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/html/);
    expect(first.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await first.text()).toContain('glad the answer helped');
    expect(await ratingsOf(replyId)).toEqual([
      { rating: 'up', revision: 1, workspace_id: 'default', channel: 'email', turn: 1 },
    ]);

    expect((await fetch(`${ing.svc.url}${up}`)).status).toBe(200);
    expect(await ratingsOf(replyId)).toEqual([expect.objectContaining({ rating: 'up', revision: 1 })]);

    const changed = await fetch(`${ing.svc.url}${down}`);
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain('did not help');
    expect(await ratingsOf(replyId)).toEqual([expect.objectContaining({ rating: 'down', revision: 2 })]);

    const events = await ing.awaitEvents('reply.rated.v1', ticketId, 2);
    expect(events.map((e) => e.payload)).toEqual([
      expect.objectContaining({ replyId, rating: 'up', revision: 1, workspace: 'default', channel: 'email' }),
      expect.objectContaining({ replyId, rating: 'down', revision: 2 }),
    ]);
    const timeline = await ing.h.db.db
      .selectFrom('timeline')
      .select('type')
      .where('ticket_id', '=', ticketId)
      .where('type', '=', 'reply.rated')
      .execute();
    expect(timeline).toHaveLength(2);
  });

  it('without an answer offer the choice and record nothing', async () => {
    const res = await fetch(`${ing.svc.url}${up.split('?')[0]}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('?v=up');
    expect(page).toContain('?v=down');
    expect(await ratingsOf(replyId)).toEqual([expect.objectContaining({ revision: 2 })]);
  });

  it('refuse a malformed, forged or expired token, a bad answer, and a reply that cannot be rated', async () => {
    const token = up.slice('/r/'.length).split('?')[0]!;
    const inAMonth = new Date(Date.now() + 30 * 86_400_000);
    const forged = signRatingToken('someone-elses-secret-of-32-characters-x', replyId, inAMonth);
    const expired = signRatingToken(SECRET, replyId, new Date(Date.now() - 60_000));
    const unknown = signRatingToken(SECRET, 'rpl_tkt_nope_1', inAMonth);
    const agentTicket = await ticket('api');
    const agentReply = await reply(agentTicket, 'api', 'agent');
    const agents = signRatingToken(SECRET, agentReply, inAMonth);
    const [payload, sig] = token.split('.') as [string, string];
    const tampered = `${payload}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`;

    const cases: Array<[string, number, RegExp]> = [
      ['/r/not-a-token?v=up', 400, /malformed/],
      [`/r/${forged}?v=up`, 403, /not issued by this service/],
      [`/r/${tampered}?v=up`, 403, /not issued by this service/],
      [`/r/${expired}?v=up`, 410, /expired on \d{4}-\d{2}-\d{2}/],
      [`/r/${unknown}?v=up`, 404, /does not exist/],
      [`/r/${agents}?v=up`, 409, /only automated replies/],
      [`/r/${token}?v=sideways`, 400, /v=up or v=down/],
    ];
    for (const [path, status, message] of cases) {
      const res = await fetch(`${ing.svc.url}${path}`);
      expect([path, res.status]).toEqual([path, status]);
      expect(await res.text()).toMatch(message);
    }
    const post = (t: string, body: unknown) =>
      fetch(`${ing.svc.url}/r/${t}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const forgedPost = await post(forged, { rating: 'up' });
    expect(forgedPost.status).toBe(403);
    expect(await forgedPost.json()).toEqual({
      error: 'invalid_signature',
      message: 'the rating link was not issued by this service',
    });
    expect((await post(expired, { rating: 'up' })).status).toBe(410);
    const bad = await post(token, { rating: 'meh' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/^rating: /);
    // Nothing was stored for any of them.
    expect(await ratingsOf(replyId)).toEqual([expect.objectContaining({ rating: 'down', revision: 2 })]);
    expect(await ratingsOf(agentReply)).toEqual([]);
    expect(await ratingsOf('rpl_tkt_nope_1')).toEqual([]);
  });
});

describe('an SMS reply', () => {
  it('carries one link, to the choice', async () => {
    const ticketId = await ticket('sms');
    await reply(ticketId, 'sms');
    const sms = sent.find((r) => r.ticketId === ticketId)!;
    expect(sms.body).toMatch(
      /^Your order #W3400144 ships within 2 days\.\n\nRate this answer: https:\/\/help\.example\.com\/r\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/,
    );
  });
});

describe('the chat widget', () => {
  it('gets a rating token on automated replies and rates with POST from the store origin', async () => {
    const start = await fetch(`${ing.svc.url}/v1/chat/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: '{}',
    });
    const session = (await start.json()) as { sessionId: string; token: string };
    const said = await fetch(`${ing.svc.url}/v1/chat/sessions/${session.sessionId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'Where is my order?', clientMessageId: 'm1' }),
    });
    const { ticketId } = (await said.json()) as { ticketId: string };
    const replyId = await reply(ticketId, 'chat');
    const read = async () =>
      (
        (await (
          await fetch(`${ing.svc.url}/v1/chat/sessions/${session.sessionId}/messages`, {
            headers: { authorization: `Bearer ${session.token}` },
          })
        ).json()) as { messages: Array<{ role: string; rating?: { token: string; value: string | null } }> }
      ).messages;
    const [customer, bot] = await read();
    expect(customer!.rating).toBeUndefined();
    expect(bot!.rating).toEqual({ token: expect.stringMatching(/^[\w-]+\.[\w-]+$/), value: null });

    const preflight = await fetch(`${ing.svc.url}/r/${bot!.rating!.token}`, {
      method: 'OPTIONS',
      headers: { origin: SHOP, 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(SHOP);
    const rated = await fetch(`${ing.svc.url}/r/${bot!.rating!.token}`, {
      method: 'POST',
      headers: { origin: SHOP, 'content-type': 'application/json' },
      body: JSON.stringify({ rating: 'up' }),
    });
    expect(rated.status).toBe(200);
    expect(rated.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(await rated.json()).toEqual({ replyId, rating: 'up', revision: 1, changed: true });
    expect((await read())[1]!.rating!.value).toBe('up');
    expect(await ratingsOf(replyId)).toEqual([
      { rating: 'up', revision: 1, workspace_id: 'default', channel: 'chat', turn: 1 },
    ]);
  });
});
