import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@parley/bus/testing';
import { makeEvent, ReplyRequested } from '@parley/contracts';
import { API_KEY, ownerChanged } from './fixtures.js';
import type { IngressHarness } from './harness.js';
import { startIngress } from './harness.js';

// The embeddable widget's side of web chat: a store's public chat key (from its pages only, sessions only,
// a bounded rate per address), the widget script itself, and transcript requests held until a reply comes.
const SHOP = 'https://shop.example';
const PUBLIC_KEY = 'pk_chat_public_for_tests_0001';
const STORED_CHAT_KEY = 'pk_chat_stored_for_tests_0002';
let ing: IngressHarness;

beforeAll(async () => {
  ing = await startIngress('ingress-chat-widget', {
    LOG_LEVEL: 'trace',
    INGRESS_CHAT_ORIGINS: SHOP,
    INGRESS_CHAT_KEYS: PUBLIC_KEY,
    INGRESS_CHAT_SESSIONS_PER_MINUTE: '3',
    INGRESS_CHAT_MAX_WAITING: '6',
    INGRESS_CHAT_WATCH_MS: '50',
    INGRESS_MAX_IN_FLIGHT: '4',
  });
  await ing.h.db.db
    .insertInto('api_keys')
    .values({
      id: 'key_chat',
      name: 'shop widget',
      key_hash: createHash('sha256').update(STORED_CHAT_KEY).digest('hex'),
      scopes: ['chat'],
      workspace_id: 'default',
      revoked_at: null,
    })
    .execute();
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
  opts: { auth?: string; origin?: string; body?: unknown; forwardedFor?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (opts.auth) headers.authorization = `Bearer ${opts.auth}`;
  if (opts.origin) headers.origin = opts.origin;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${ing.svc.url}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

type Session = { sessionId: string; token: string };

const startPublic = (key = PUBLIC_KEY, body: unknown = {}) =>
  call('POST', '/v1/chat/sessions', { auth: key, origin: SHOP, body });

const say = (s: Session, body: string, id: string) =>
  call('POST', `/v1/chat/sessions/${s.sessionId}/messages`, {
    auth: s.token,
    body: { body, clientMessageId: id },
  });

const follow = (s: Session, after?: string, waitMs = 20_000) =>
  call('GET', `/v1/chat/sessions/${s.sessionId}/messages?waitMs=${waitMs}${after ? `&after=${after}` : ''}`, {
    auth: s.token,
  });

async function waiting(): Promise<number> {
  const text = await (await fetch(`${ing.svc.url}/metrics`)).text();
  return Number(/^ingress_chat_waiting_requests(?:{[^}]*})? (\d+)/m.exec(text)?.[1] ?? NaN);
}

describe('the public chat key', () => {
  it('starts sessions from the configured origins only, for a visitor the store has not identified', async () => {
    const started = await startPublic();
    expect(started.status).toBe(201);
    expect(started.json.sessionId).toMatch(/^chs_/);
    const stored = await startPublic(STORED_CHAT_KEY, { name: 'Visitor' });
    expect(stored.status).toBe(201);

    const noOrigin = await call('POST', '/v1/chat/sessions', { auth: PUBLIC_KEY, body: {} });
    expect(noOrigin.status).toBe(403);
    expect(noOrigin.json.message).toBe(
      'a public chat key is accepted only from the origins in INGRESS_CHAT_ORIGINS',
    );
    const elsewhere = await call('POST', '/v1/chat/sessions', {
      auth: PUBLIC_KEY,
      origin: 'https://evil.example',
      body: {},
    });
    expect(elsewhere.status).toBe(403);

    // An address is something a visitor claims: only the store's backend may identify a customer.
    const claimed = await startPublic(PUBLIC_KEY, { email: 'yara.li6570@example.com' });
    expect(claimed.status).toBe(400);
    expect(claimed.json.message).toMatch(/^email: not accepted with a public chat key/);

    // The store's backend still starts identified sessions with its tickets key.
    const backend = await call('POST', '/v1/chat/sessions', {
      auth: API_KEY,
      body: { email: 'yara.li6570@example.com' },
    });
    expect(backend.status).toBe(201);
  });

  it('opens nothing else: no tickets, no reading other sessions', async () => {
    const before = await ing.ticketCount();
    for (const key of [PUBLIC_KEY, STORED_CHAT_KEY]) {
      const posted = await call('POST', '/v1/tickets', {
        auth: key,
        origin: SHOP,
        body: { customer: { email: 'a@b.example' }, body: 'hello' },
      });
      expect(posted.status).toBe(key === PUBLIC_KEY ? 401 : 403);
    }
    const s = (await startPublic()).json as Session;
    expect(
      (await call('GET', `/v1/chat/sessions/${s.sessionId}/messages`, { auth: PUBLIC_KEY })).status,
    ).toBe(401);
    expect(await ing.ticketCount()).toBe(before);
  });

  it('limits how many sessions one address starts per minute, with Retry-After', async () => {
    // Earlier tests of this file started some from this address already: the bucket runs dry within three more.
    const answers: Answer[] = [];
    for (let i = 0; i < 4; i++) answers.push(await startPublic());
    const refused = answers.find((a) => a.status === 429);
    expect(refused).toBeDefined();
    expect(refused!.json.error).toBe('too_many_requests');
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    // The store's backend is not limited by its visitors.
    expect((await call('POST', '/v1/chat/sessions', { auth: API_KEY, body: {} })).status).toBe(201);
  });
});

describe('the widget script', () => {
  it('is served to any page, as a script another origin may load', async () => {
    const res = await fetch(`${ing.svc.url}/v1/chat/widget.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const code = await res.text();
    expect(code).toContain('data-parley-key');
    expect(code).toContain('attachShadow');
  });
});

describe('held transcript requests', () => {
  async function chatting(): Promise<Session & { ticketId: string; lastId: string }> {
    const s = (await call('POST', '/v1/chat/sessions', { auth: API_KEY, body: {} })).json as Session;
    const sent = await say(s, 'Do you ship to Canada?', 'm1');
    expect(sent.status).toBe(202);
    const first = await follow(s, undefined, 0);
    const messages = first.json.messages as Array<{ id: string }>;
    return { ...s, ticketId: sent.json.ticketId as string, lastId: messages.at(-1)!.id };
  }

  it('answers when the reply arrives, and when a person takes the ticket over', async () => {
    const s = await chatting();
    const held = follow(s, s.lastId);
    await waitFor('the request to be held', async () => (await waiting()) >= 1);
    await ing.bus.publish(
      makeEvent(ReplyRequested, {
        ticketId: s.ticketId,
        payload: {
          turn: 1,
          replyId: `rpl_${s.ticketId}_1_auto`,
          channel: 'chat',
          source: 'auto',
          body: 'Yes, within 5 days.',
          citations: [],
        },
      }),
    );
    const answered = await held;
    expect(answered.status).toBe(200);
    expect(
      (answered.json.messages as Array<{ role: string; body: string }>).map((m) => [m.role, m.body]),
    ).toEqual([['bot', 'Yes, within 5 days.']]);
    expect(answered.json.agentJoined).toBe(false);

    const last = (answered.json.messages as Array<{ id: string }>)[0]!.id;
    const next = follow(s, last);
    await waitFor('the request to be held again', async () => (await waiting()) >= 1);
    // An agent takes the ticket over in the inbox: handoff announces it, and the held request wakes.
    await ing.bus.publish(ownerChanged(s.ticketId, 'agent', 1));
    const joined = await next;
    expect(joined.json).toMatchObject({ messages: [], agentJoined: true });
  });

  it('holds no place among the requests in flight, and holds at most INGRESS_CHAT_MAX_WAITING', async () => {
    const sessions: Array<Awaited<ReturnType<typeof chatting>>> = [];
    for (let i = 0; i < 7; i++) sessions.push(await chatting());
    // One at a time: a request counts among those in flight until it is held, so six sent at once on a loaded
    // machine may find four still reading the transcript and be refused for that, not for the waiting bound.
    const held: Array<ReturnType<typeof follow>> = [];
    for (const s of sessions.slice(0, 6)) {
      held.push(follow(s, s.lastId));
      const n = held.length;
      await waitFor(`${n} held requests`, async () => (await waiting()) === n);
    }
    // INGRESS_MAX_IN_FLIGHT is 4: the six waiting visitors do not stop anyone else.
    const other = sessions[6]!;
    expect((await follow(other, undefined, 0)).status).toBe(200);
    const refused = await follow(other, other.lastId);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).not.toBeNull();
    for (const s of sessions.slice(0, 6)) await ing.bus.publish(ownerChanged(s.ticketId, 'agent', 1));
    expect((await Promise.all(held)).map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
  });

  it('refuses a wait longer than it holds', async () => {
    const s = await chatting();
    const res = await follow(s, s.lastId, 60_000);
    expect(res.status).toBe(400);
    expect(res.json.message).toBe('waitMs: must be at most 25000');
  });

  it('logs no visitor text or token', () => {
    const text = ing.logs.join('');
    for (const pii of ['Canada', 'cst_', PUBLIC_KEY, STORED_CHAT_KEY]) expect(text).not.toContain(pii);
  });
});
