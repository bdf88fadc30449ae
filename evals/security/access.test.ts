// Attacks on access control against the running product: every protected route of every service, spelt every
// way a router might still match it, without credentials and with a key of the wrong scope.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createKey } from '@parley/auth';
import { waitFor } from '@parley/bus/testing';
import { rawRequest } from '@parley/runtime/testing';
import type { ServiceName, Stack } from '../src/stack.js';
import { apiClient, SERVICE_NAMES, startStack } from '../src/stack.js';
import { pathVariants } from './paths.js';

let stack: Stack;
let itemId: string;
let ticketId: string;

beforeAll(async () => {
  stack = await startStack({ label: 'sec-access' });
  const api = apiClient(stack);
  // A ticket that reaches the inbox (a request for a person is escalated by a hard rule), with personal data in it.
  const posted = await api.postTicket({
    customer: { email: 'yusuf.rossi7301@example.com', name: 'Yusuf Rossi' },
    body: 'I want to speak to a human agent about my order #W2378156 right now.',
  });
  ticketId = posted.body.ticketId as string;
  const item = await waitFor('the inbox item', async () => {
    const inbox = await api.inbox();
    return (inbox.body.items as Array<{ id: string; ticketId: string }>).find((i) => i.ticketId === ticketId);
  });
  itemId = item!.id;
}, 180_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

interface Route {
  service: ServiceName;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  contentType?: string;
  /** Opened by the workspace's session cookie: a key of any scope is no credential there (401). */
  session?: boolean;
}

function protectedRoutes(): Route[] {
  const json = (body: unknown) => ({ body: JSON.stringify(body), contentType: 'application/json' });
  return [
    { service: 'handoff', method: 'GET', path: '/v1/inbox' },
    { service: 'handoff', method: 'GET', path: `/v1/inbox/${itemId}` },
    {
      service: 'handoff',
      method: 'POST',
      path: `/v1/inbox/${itemId}/approve`,
      ...json({ body: 'attacker text' }),
    },
    {
      service: 'handoff',
      method: 'POST',
      path: `/v1/inbox/${itemId}/take-over`,
      ...json({ agentId: 'mallory' }),
    },
    { service: 'handoff', method: 'POST', path: `/v1/tickets/${ticketId}/hand-back`, ...json({}) },
    { service: 'handoff', method: 'GET', path: '/v1/inbox/queues/needs_reply' },
    {
      service: 'handoff',
      method: 'POST',
      path: `/v1/inbox/${itemId}/assign`,
      ...json({ assignee: 'mallory' }),
    },
    { service: 'handoff', method: 'POST', path: `/v1/inbox/${itemId}/resolve`, ...json({}) },
    {
      service: 'handoff',
      method: 'POST',
      path: `/v1/inbox/${itemId}/action`,
      ...json({ decision: 'approve' }),
    },
    // The agent workspace's own API: a session cookie, never a key.
    { service: 'handoff', method: 'GET', path: '/inbox/api/me', session: true },
    { service: 'handoff', method: 'GET', path: '/inbox/api/events', session: true },
    { service: 'handoff', method: 'GET', path: '/inbox/api/queues/needs_reply', session: true },
    { service: 'handoff', method: 'GET', path: `/inbox/api/items/${itemId}`, session: true },
    {
      service: 'handoff',
      method: 'POST',
      path: `/inbox/api/items/${itemId}/approve`,
      session: true,
      ...json({ body: 'attacker text' }),
    },
    {
      service: 'handoff',
      method: 'POST',
      path: `/inbox/api/items/${itemId}/assign`,
      session: true,
      ...json({ assignee: 'mallory' }),
    },
    {
      service: 'handoff',
      method: 'POST',
      path: `/inbox/api/tickets/${ticketId}/hand-back`,
      session: true,
      ...json({}),
    },
    { service: 'ingress', method: 'GET', path: `/v1/tickets/${ticketId}` },
    { service: 'ingress', method: 'POST', path: '/v1/tickets', ...json({ customer: {}, body: 'x' }) },
    { service: 'ingress', method: 'POST', path: `/v1/tickets/${ticketId}/messages`, ...json({ body: 'x' }) },
    { service: 'ingress', method: 'POST', path: '/v1/chat/sessions', ...json({}) },
    {
      service: 'ingress',
      method: 'POST',
      path: '/v1/email/inbound',
      body: 'From: a@b.example\r\nSubject: x\r\n\r\nhello',
      contentType: 'message/rfc822',
    },
    { service: 'retrieval', method: 'POST', path: '/v1/kb/ingest', ...json({ path: '/' }) },
  ];
}

function request(route: Route, path: string, auth?: string): string {
  const body = route.body ?? '';
  return [
    `${route.method} ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    ...(auth ? [`Authorization: ${auth}`] : []),
    ...(route.contentType ? [`Content-Type: ${route.contentType}`] : []),
    ...(route.method === 'POST' ? [`Content-Length: ${Buffer.byteLength(body)}`] : []),
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** Runs `work` over `items` with at most `n` at once. */
async function inBatches<T>(items: T[], n: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** What must never be in an answer to an unauthenticated caller. */
const SECRETS = ['yusuf', 'rossi', '#W2378156', 'W2378156', '"items"', 'attacker text'];

describe('access is decided on the matched route, on every port', () => {
  it('refuses every spelling of every protected route without credentials, and changes nothing', async () => {
    const failures: string[] = [];
    let sent = 0;
    const cases = protectedRoutes().flatMap((route) =>
      SERVICE_NAMES.flatMap((service) =>
        // On its own port the route exists; on every other port none of its spellings may reach anything.
        pathVariants(route.path).map((path) => ({ route, service, path })),
      ),
    );
    await inBatches(cases, 16, async ({ route, service, path }) => {
      const answer = await rawRequest(stack.urls[service], request(route, path));
      sent += 1;
      const leaked = SECRETS.filter((s) => answer.body.toLowerCase().includes(s.toLowerCase()));
      if (answer.status < 400 || answer.status >= 500 || leaked.length > 0) {
        failures.push(`${service} ${route.method} ${path} -> ${answer.status} ${answer.body.slice(0, 120)}`);
      }
    });
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(3000);
    // Nothing an attacker sent took effect: the item is still open, unassigned, and no reply was sent.
    const item = await stack.db.db
      .selectFrom('inbox_items')
      .select(['status', 'assignee'])
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow();
    expect(item).toEqual({ status: 'open', assignee: null });
    const replies = await stack.db.db
      .selectFrom('replies')
      .select('id')
      .where('ticket_id', '=', ticketId)
      .execute();
    expect(replies).toEqual([]);
  });

  it('answers a valid key of the wrong scope with 403 on every spelling that reaches the route', async () => {
    // Stored keys: every service knows them (environment keys are each service's own).
    const integration = await createKey(stack.db.db, 'integration', ['tickets']);
    const agent = await createKey(stack.db.db, 'agent', ['inbox']);
    const wrongScope: Array<[Route, string]> = [
      ...protectedRoutes()
        .filter((r) => (r.service === 'handoff' && !r.session) || r.service === 'retrieval')
        .map((r): [Route, string] => [r, integration.key]),
      ...protectedRoutes()
        .filter((r) => r.service === 'ingress')
        .map((r): [Route, string] => [r, agent.key]),
    ];
    const failures: string[] = [];
    let reached = 0;
    for (const [route, key] of wrongScope) {
      for (const path of pathVariants(route.path)) {
        const answer = await rawRequest(stack.urls[route.service], request(route, path, `Bearer ${key}`));
        // 403 where the spelling reaches the route; a spelling that reaches nothing is 400 or 404.
        if (![400, 403, 404].includes(answer.status) || SECRETS.some((s) => answer.body.includes(s)))
          failures.push(`${route.service} ${route.method} ${path} -> ${answer.status}`);
        if (answer.status === 403) reached += 1;
      }
    }
    expect(failures).toEqual([]);
    // The encoded spellings do reach the routes (and meet their guard): the test is not passing on 404s alone.
    expect(reached).toBeGreaterThan(wrongScope.length * 5);
  });

  it('sends frame, sniffing and script protection on every service, and a strict policy on the inbox page', async () => {
    for (const service of SERVICE_NAMES) {
      const res = await fetch(`${stack.urls[service]}/healthz`);
      expect({ service, frame: res.headers.get('x-frame-options') }).toEqual({ service, frame: 'DENY' });
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const page = await fetch(`${stack.urls.handoff}/inbox`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(await page.text()).not.toMatch(/<script>(?!<\/script>)/);
  });
});
