// Attacks on admission: slow clients holding connections open, and bursts from one key. No single key, webhook
// or anonymous client may starve the others; a body that trickles in is cut off.
import { request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createKey } from '@parley/auth';
import type { Stack } from '../src/stack.js';
import { startStack } from '../src/stack.js';

let stack: Stack;
let keyA: string;
let keyB: string;
const BODY_TIMEOUT_MS = 3_000;
// Loopback addresses of their own, as separate clients on a network would have.
const ATTACKER = '127.0.0.3';
const HONEST = '127.0.0.2';

beforeAll(async () => {
  stack = await startStack({
    label: 'sec-admission',
    env: {
      INGRESS_BODY_TIMEOUT_MS: String(BODY_TIMEOUT_MS),
      INGRESS_TWILIO_AUTH_TOKEN: 'twilio-test-token',
      INGRESS_TWILIO_WEBHOOK_URL: 'https://support.example/v1/sms/twilio',
    },
  });
  keyA = (await createKey(stack.db.db, 'noisy integration', ['tickets'])).key;
  keyB = (await createKey(stack.db.db, 'quiet integration', ['tickets'])).key;
}, 180_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

const ingress = () => new URL(stack.urls.ingress);

/** One POST from `localAddress`; resolves with the status and Retry-After. */
function post(
  path: string,
  key: string,
  body: unknown,
  localAddress: string,
): Promise<{ status: number; retryAfter: string | undefined }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: ingress().hostname,
        port: Number(ingress().port),
        path,
        method: 'POST',
        localAddress,
        agent: false,
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'] as string | undefined,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * A client that sends its headers and the first byte of its body, then one byte now and then: it holds its
 * connection (and, were admission shared, a slot) for as long as the server lets it.
 */
function trickle(
  path: string,
  headers: string[],
  localAddress: string,
): { socket: Socket; answer: Promise<string> } {
  const socket = connect({ host: ingress().hostname, port: Number(ingress().port), localAddress });
  const body = 'x'.repeat(2_000);
  socket.write(
    [
      `POST ${path} HTTP/1.1`,
      `Host: ${ingress().host}`,
      ...headers,
      `Content-Length: ${body.length}`,
      '',
      '{',
    ].join('\r\n'),
  );
  let sent = 1;
  const timer = setInterval(() => {
    if (sent < body.length && !socket.destroyed) socket.write(body[sent++]!);
  }, 400);
  const answer = new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined);
    // The server has answered and closed its side: stop sending and close ours.
    socket.on('end', () => {
      clearInterval(timer);
      socket.end();
    });
    socket.on('close', () => {
      clearInterval(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
  return { socket, answer };
}

async function honestRequests(n: number): Promise<number[]> {
  const statuses: number[] = [];
  // Eight at a time, as an integration with a small pool would send them.
  for (let i = 0; i < n; i += 8) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(8, n - i) }, (_, j) =>
        post('/v1/tickets', keyB, { customer: { name: 'Quiet' }, body: `honest ticket ${i + j}` }, HONEST),
      ),
    );
    statuses.push(...batch.map((r) => r.status));
  }
  return statuses;
}

describe('admission under attack', () => {
  it('serves another key in full while 70 connections from one key trickle their bodies', async () => {
    const slow = Array.from({ length: 70 }, () =>
      trickle('/v1/tickets', [`Authorization: Bearer ${keyA}`, 'Content-Type: application/json'], ATTACKER),
    );
    const statuses = await honestRequests(40);
    expect(statuses).toEqual(Array.from({ length: 40 }, () => 202));
    // The slow ones were either refused at once (their key is over its share) or cut off at the body deadline.
    const answers = await Promise.all(slow.map((s) => s.answer));
    for (const answer of answers) expect(answer).toMatch(/^HTTP\/1\.1 (429|408) /);
    expect(answers.filter((a) => a.startsWith('HTTP/1.1 408')).length).toBeGreaterThan(0);
    expect(answers.some((a) => a.startsWith('HTTP/1.1 408') && /connection: close/i.test(a))).toBe(true);
  });

  it('serves the API in full while 70 unauthenticated connections trickle bodies to the SMS webhook', async () => {
    const slow = Array.from({ length: 70 }, () =>
      trickle(
        '/v1/sms/twilio',
        [
          'X-Twilio-Signature: AAAAAAAAAAAAAAAAAAAAAAAAAAA=',
          'Content-Type: application/x-www-form-urlencoded',
        ],
        ATTACKER,
      ),
    );
    const statuses = await honestRequests(40);
    expect(statuses).toEqual(Array.from({ length: 40 }, () => 202));
    const answers = await Promise.all(slow.map((s) => s.answer));
    for (const answer of answers) expect(answer).toMatch(/^HTTP\/1\.1 (429|408) /);
  });

  it('refuses a burst of 128 from one key beyond its share with Retry-After, and not a second key', async () => {
    const [burst, other] = await Promise.all([
      Promise.all(
        Array.from({ length: 128 }, (_, i) =>
          post('/v1/tickets', keyA, { customer: { name: 'Noisy' }, body: `burst ${i}` }, ATTACKER),
        ),
      ),
      honestRequests(24),
    ]);
    expect(other).toEqual(Array.from({ length: 24 }, () => 202));
    const refused = burst.filter((r) => r.status === 429 || r.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect(Number(r.retryAfter)).toBeGreaterThan(0);
    // The burst's own requests may also wait too long for their share of the database (503, also with Retry-After).
    for (const r of burst) expect([202, 429, 503]).toContain(r.status);
  });
});
