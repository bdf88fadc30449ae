import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeEvent, ReplyRequested } from '@parley/contracts';
import { API_KEY, CARD_NEEDLES } from './fixtures.js';
import type { IngressHarness } from './harness.js';
import { startIngress } from './harness.js';

// Web chat end to end: a session created with the site's key, messages and transcript with the session
// token alone, replies recorded into the transcript, on the real bus and database.
let ing: IngressHarness;

beforeAll(async () => {
  ing = await startIngress('ingress-chat', {
    LOG_LEVEL: 'trace',
    INGRESS_CHAT_ORIGINS: 'https://shop.example',
  });
});
afterAll(async () => {
  await ing?.close();
});

interface Answer {
  status: number;
  json: Record<string, unknown>;
}

async function call(method: string, path: string, auth: string | null, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (auth !== null) headers.authorization = `Bearer ${auth}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${ing.svc.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function session(visitor: Record<string, string> = {}): Promise<{ sessionId: string; token: string }> {
  const res = await call('POST', '/v1/chat/sessions', API_KEY, visitor);
  expect(res.status).toBe(201);
  return res.json as { sessionId: string; token: string };
}

const say = (s: { sessionId: string; token: string }, body: string, clientMessageId: string) =>
  call('POST', `/v1/chat/sessions/${s.sessionId}/messages`, s.token, { body, clientMessageId });

const transcript = async (s: { sessionId: string; token: string }, after?: string) =>
  (await call('GET', `/v1/chat/sessions/${s.sessionId}/messages${after ? `?after=${after}` : ''}`, s.token))
    .json;

describe('web chat', () => {
  it('lets the configured origin call the widget routes from a browser, and no other', async () => {
    const s = await session();
    const preflight = (origin: string) =>
      fetch(`${ing.svc.url}/v1/chat/sessions/${s.sessionId}/messages`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
    const allowed = await preflight('https://shop.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/^authorization, ?content-type$/);
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    const posted = await fetch(`${ing.svc.url}/v1/chat/sessions/${s.sessionId}/messages`, {
      method: 'POST',
      headers: {
        origin: 'https://shop.example',
        authorization: `Bearer ${s.token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ body: 'Hello from the widget', clientMessageId: 'w1' }),
    });
    expect(posted.status).toBe(202);
    expect(posted.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });

  it('opens the ticket with the first message, adds turns after it, and takes a resent message once', async () => {
    const s = await session({ name: 'Yara Li', email: 'yara.li6570@example.com' });
    expect(s.sessionId).toMatch(/^chs_[0-9A-Z]{26}$/);
    expect(s.token).toMatch(/^cst_[A-Za-z0-9_-]{43}$/);
    expect(await transcript(s)).toEqual({
      sessionId: s.sessionId,
      ticketId: null,
      messages: [],
      agentJoined: false,
    });

    const first = await say(s, 'Where is #W3400144? My card is 4111 1111 1111 1111', 'm1');
    expect(first.status).toBe(202);
    expect(first.json).toMatchObject({ turn: 1, duplicate: false });
    const ticketId = first.json.ticketId as string;
    const [event] = await ing.awaitEvents('ticket.received.v1', ticketId, 1);
    expect(event!.payload).toMatchObject({
      ticket: {
        channel: 'chat',
        customer: { crmId: 'yara_li_6570', name: 'Yara Li', email: 'yara.li6570@example.com' },
        body: 'Where is #W3400144? My card is [card]',
      },
    });

    expect((await say(s, 'Where is #W3400144? My card is 4111 1111 1111 1111', 'm1')).json).toEqual({
      ticketId,
      turn: 1,
      duplicate: true,
    });
    expect((await say(s, 'Hello?', 'm2')).json).toEqual({ ticketId, turn: 2, duplicate: false });
    await ing.awaitEvents('ticket.received.v1', ticketId, 2);
  });

  it('shows customer, bot and agent messages in the transcript, polled after the last one seen', async () => {
    const s = await session();
    const ticketId = (await say(s, 'Do you ship to Canada?', 'a')).json.ticketId as string;
    const reply = (turn: number, source: 'auto' | 'agent', body: string) =>
      makeEvent(ReplyRequested, {
        ticketId,
        payload: {
          turn,
          replyId: `rpl_${ticketId}_${turn}_${source}`,
          channel: 'chat',
          source,
          body,
          citations: [],
        },
      });
    await ing.bus.publish(reply(1, 'auto', 'Yes, within 5 days.'));
    await ing.awaitEvents('reply.delivered.v1', ticketId, 1);
    await say(s, 'And to Mexico?', 'b');
    await ing.bus.publish(reply(2, 'agent', 'Mexico too, within 7 days.'));
    await ing.awaitEvents('reply.delivered.v1', ticketId, 2);

    const all = await transcript(s);
    const messages = all.messages as Array<{ id: string; role: string; body: string; turn: number }>;
    expect(all.ticketId).toBe(ticketId);
    expect(messages.map((m) => [m.turn, m.role, m.body])).toEqual([
      [1, 'customer', 'Do you ship to Canada?'],
      [1, 'bot', 'Yes, within 5 days.'],
      [2, 'customer', 'And to Mexico?'],
      [2, 'agent', 'Mexico too, within 7 days.'],
    ]);
    const later = await transcript(s, messages[1]!.id);
    expect((later.messages as Array<{ body: string }>).map((m) => m.body)).toEqual([
      'And to Mexico?',
      'Mexico too, within 7 days.',
    ]);
  });

  it('opens one ticket when the first messages of a session race', async () => {
    const s = await session();
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => say(s, `message ${i}`, `race-${i}`)),
    );
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202, 202]);
    expect(new Set(answers.map((a) => a.json.ticketId)).size).toBe(1);
    expect(answers.map((a) => a.json.turn).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('refuses a wrong token, another session’s token, no token, and bad input, naming the problem', async () => {
    const a = await session();
    const b = await session();
    await say(a, 'private question', 'p1');
    const tickets = await ing.ticketCount();
    const wrong = await call('GET', `/v1/chat/sessions/${a.sessionId}/messages`, b.token);
    expect(wrong).toEqual({
      status: 401,
      json: { error: 'unauthorized', message: 'unknown chat session or wrong session token' },
    });
    expect((await say({ sessionId: a.sessionId, token: 'cst_nope' }, 'x', 'x1')).status).toBe(401);
    expect((await call('GET', `/v1/chat/sessions/${a.sessionId}/messages`, null)).status).toBe(401);
    expect((await call('GET', '/v1/chat/sessions/chs_bad/messages', a.token)).json).toMatchObject({
      error: 'invalid_request',
      message: 'id: must be a chat session id (chs_...)',
    });
    expect((await call('POST', '/v1/chat/sessions', null, {})).status).toBe(401);
    expect((await call('POST', '/v1/chat/sessions', a.token, {})).status).toBe(401);
    expect((await call('POST', '/v1/chat/sessions', API_KEY, { email: 'nope' })).json).toMatchObject({
      error: 'invalid_request',
      message: 'email: must be an email address',
    });
    expect((await say(a, '   ', 'e1')).json).toMatchObject({ message: 'body: must not be empty' });
    expect((await say(a, 'hi', 'no spaces allowed')).json).toMatchObject({
      message: expect.stringMatching(/^clientMessageId: must be/),
    });
    expect(
      (await call('GET', `/v1/chat/sessions/${a.sessionId}/messages?after=x`, a.token)).json,
    ).toMatchObject({ message: 'after: must be a message id (digits)' });
    expect(await ing.ticketCount()).toBe(tickets);
  });

  it('logs no visitor text, name or token, and says at start-up which channels only record replies', () => {
    const text = ing.logs.join('');
    expect(text).toContain('ingress ready');
    // This service has no SMTP server or Twilio account configured.
    expect(text).toContain('replies are recorded, not sent, on: email (INGRESS_SMTP_HOST is not set); sms (');
    for (const pii of ['Yara Li', 'yara.li6570', 'Canada', 'private question', 'cst_', ...CARD_NEEDLES]) {
      expect(text).not.toContain(pii);
    }
  });
});
