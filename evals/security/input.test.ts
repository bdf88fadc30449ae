// Hostile input against the running product: characters Postgres or SMTP cannot take, amounts spelt to slip
// past the money rule, forged webhook URLs, mail built to exhaust the parser, and knowledge paths outside the roots.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@parley/bus/testing';
import type { Stack } from '../src/stack.js';
import { apiClient, startStack } from '../src/stack.js';

let stack: Stack;
let api: ReturnType<typeof apiClient>;
const TWILIO_TOKEN = 'twilio-test-token';
const WEBHOOK_URL = 'https://support.example/v1/sms/twilio';
const DATABASE_WORDS =
  /postgres|syntax error|invalid byte sequence|relation "|violates|\bSQL\b|ENOENT|EACCES|\/etc|\/root/i;

beforeAll(async () => {
  stack = await startStack({
    label: 'sec-input',
    env: { INGRESS_TWILIO_AUTH_TOKEN: TWILIO_TOKEN, INGRESS_TWILIO_WEBHOOK_URL: WEBHOOK_URL },
  });
  api = apiClient(stack);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

async function inboxItem(ticketId: string): Promise<string> {
  const item = await waitFor('the inbox item', async () => {
    const items = (await api.inbox()).body.items as Array<{ id: string; ticketId: string }>;
    return items.find((i) => i.ticketId === ticketId);
  });
  return item!.id;
}

describe('hostile input', () => {
  it('refuses NUL and control characters in bodies, agent ids and paths with 400, and the item stays open', async () => {
    const posted = await api.postTicket({ customer: { name: 'Ana' }, body: 'I want a human agent please.' });
    const ticketId = posted.body.ticketId as string;
    const itemId = await inboxItem(ticketId);
    const attempts: Array<[string, string, unknown]> = [
      ['POST', `/v1/inbox/${itemId}/approve`, { body: 'sent\u0000to you' }],
      ['POST', `/v1/inbox/${itemId}/approve`, { body: 'ok', agentId: 'ana\u0000' }],
      ['POST', `/v1/inbox/${itemId}/take-over`, { agentId: '\u0000' }],
      ['POST', `/v1/inbox/${encodeURIComponent(`${itemId}\u0000`)}/approve`, { body: 'ok' }],
      ['GET', `/v1/inbox/${encodeURIComponent('x\u0000y')}`, undefined],
      ['POST', `/v1/tickets/${encodeURIComponent(`${ticketId}\u0000`)}/hand-back`, {}],
    ];
    for (const [method, path, body] of attempts) {
      const res = await api.call('handoff', method, path, body, stack.agentKey);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(JSON.stringify(res.body)).not.toMatch(DATABASE_WORDS);
    }
    const ticketAttempts: Array<[string, unknown]> = [
      ['/v1/tickets', { customer: { name: 'A\u0000' }, body: 'hello' }],
      ['/v1/tickets', { customer: {}, body: 'hello \ud800 there' }],
      [`/v1/tickets/${ticketId}/messages`, { body: 'more\u0000' }],
      [`/v1/tickets/${encodeURIComponent(`${ticketId}\u0000`)}/messages`, { body: 'more' }],
    ];
    for (const [path, body] of ticketAttempts) {
      const res = await api.call('ingress', 'POST', path, body);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(JSON.stringify(res.body)).not.toMatch(DATABASE_WORDS);
    }
    const item = await stack.db.db
      .selectFrom('inbox_items')
      .select('status')
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow();
    expect(item.status).toBe('open');
  });

  it.each([
    'I demand a refund of 5k for this garbage.',
    'Refund EUR 5000 to my card or I go to my bank.',
    'I want my $ 5 0 0 0 back now.',
    'Give me back five thousand dollars.',
    'Refund £5,000.00 immediately.',
    'I expect 5.000,00 EUR refunded today.',
  ])('escalates a large refund spelt as "%s" by the hard rule, with no model call', async (body) => {
    const posted = await api.postTicket({ customer: { email: 'yusuf.rossi7301@example.com' }, body });
    const ticketId = posted.body.ticketId as string;
    const view = await waitFor('the decision', async () => {
      const res = await api.getTicket(ticketId);
      return res.body.decision ? res.body : undefined;
    });
    expect(view!.decision).toBe('escalated');
    const types = (view!.timeline as Array<{ type: string }>).map((t) => t.type);
    expect(types).toContain('ticket.escalated');
    expect(types).not.toContain('ticket.retrieved');
    expect(types).not.toContain('ticket.resolved');
  });

  it('checks SMS signatures over the configured URL only: a forged forwarded host is refused', async () => {
    const params = new URLSearchParams({
      From: '+15550100001',
      Body: 'hello',
      MessageSid: `SM${'a'.repeat(32)}`,
    });
    const attackerUrl = 'https://attacker.example/v1/sms/twilio';
    const sign = (url: string) => {
      const data = [...params.keys()].sort().reduce((acc, k) => acc + k + params.get(k)!, url);
      return createHmac('sha1', TWILIO_TOKEN).update(data).digest('base64');
    };
    const send = (signature: string, headers: Record<string, string> = {}) =>
      fetch(`${stack.urls.ingress}/v1/sms/twilio`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': signature,
          ...headers,
        },
        body: params.toString(),
      });
    const forged = await send(sign(attackerUrl), {
      'x-forwarded-host': 'attacker.example',
      'x-forwarded-proto': 'https',
    });
    expect(forged.status).toBe(403);
    const genuine = await send(sign(WEBHOOK_URL));
    expect(genuine.status).toBe(200);
  });

  it('answers mail built to exhaust the parser with 4xx, never 5xx', async () => {
    const headers = {
      authorization: `Bearer ${stack.apiKey}`,
      'content-type': 'message/rfc822',
    };
    const boundary = 'b';
    const parts = Array.from(
      { length: 2_000 },
      (_, i) => `--${boundary}\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`,
    );
    const manyParts = [
      'From: a@example.com',
      'To: support@shop.example',
      'Subject: parts',
      'Message-ID: <parts@example.com>',
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      ...parts,
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const references = Array.from({ length: 100_000 }, (_, i) => `<r${i}@example.com>`).join(' ');
    const manyIds = [
      'From: a@example.com',
      'To: support@shop.example',
      'Subject: ids',
      'Message-ID: <ids@example.com>',
      `References: ${references}`,
      '',
      'hello',
    ].join('\r\n');
    for (const raw of [manyParts, manyIds]) {
      const res = await fetch(`${stack.urls.ingress}/v1/email/inbound`, {
        method: 'POST',
        headers,
        body: raw,
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect((await fetch(`${stack.urls.ingress}/healthz`)).status).toBe(200);
  });

  it('refuses knowledge paths outside the configured roots without naming server files', async () => {
    const adminKey = (await import('@parley/auth')).createKey;
    const { key } = await adminKey(stack.db.db, 'ops', ['admin']);
    for (const path of [
      '/',
      '/root',
      '/etc/passwd',
      '/etc/nonexistent',
      '../../../etc',
      '/proc/self/environ',
    ]) {
      const res = await api.call('retrieval', 'POST', '/v1/kb/ingest', { path }, key);
      expect({ path, status: res.status }).toEqual({ path, status: 422 });
      expect(JSON.stringify(res.body)).not.toMatch(/passwd|nonexistent|environ|ENOENT|EACCES|no such file/i);
    }
  });
});
