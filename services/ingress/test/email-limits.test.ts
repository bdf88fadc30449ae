import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@parley/bus/testing';
import type { RunningService } from '@parley/runtime';
import { startService } from '@parley/runtime';
import { buildService } from '../src/service.js';
import { API_KEY } from './fixtures.js';
import type { IngressHarness } from './harness.js';
import { startIngress } from './harness.js';
import { ParseGate } from './parse-gate.js';

// Hostile email at the inbound endpoint: messages past the parser's limits are refused 4xx naming the limit
// (a 5xx would be retried by the provider forever), and parsing runs in worker threads, so a large message
// costs a worker, not the event loop. The gate holds parses inside their worker: while held, a parse is
// certainly in flight, whatever the machine's speed.
const gate = new ParseGate();
let ing: IngressHarness;

beforeAll(async () => {
  ing = await startIngress(
    'ingress-email-limits',
    {
      // Long enough that no parse here meets it, however loaded the machine; the time limit has its own instance.
      INGRESS_EMAIL_PARSE_TIMEOUT_MS: '60000',
      INGRESS_EMAIL_PARSE_WORKERS: '2',
      LOG_LEVEL: 'info',
    },
    { emailParseWorker: gate.worker },
  );
});
afterAll(async () => {
  gate.release(100);
  await ing?.close();
});

async function inbound(
  url: string,
  raw: string | Buffer,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${url}/v1/email/inbound`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'message/rfc822' },
    body: raw,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

let seq = 0;
function email(opts: { body: string; headers?: string[]; contentType?: string }): string {
  const headers = [
    'From: "Yara Li" <yara.li6570@example.com>',
    'Subject: Where is my laptop?',
    `Message-ID: <limits${++seq}.${Date.now()}@mail.example.com>`,
    ...(opts.headers ?? []),
    `Content-Type: ${opts.contentType ?? 'text/plain; charset=utf-8'}`,
  ];
  return `${headers.join('\r\n')}\r\n\r\n${opts.body}`;
}

describe('limits', () => {
  it('answers 422 naming the limit for 2,000 MIME parts or a 100,000-id References header, and stores nothing', async () => {
    const tickets = await ing.ticketCount();
    const parts = Array.from(
      { length: 2000 },
      (_, i) => `--b\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`,
    );
    const manyParts = await inbound(
      ing.svc.url,
      email({ body: `${parts.join('')}--b--\r\n`, contentType: 'multipart/mixed; boundary="b"' }),
    );
    expect(manyParts).toEqual({
      status: 422,
      json: {
        error: 'email_limit_exceeded',
        message: 'MIME parts: the message has more than 100 MIME parts (INGRESS_EMAIL_MAX_PARTS)',
        issues: [
          {
            path: 'MIME parts',
            message: 'the message has more than 100 MIME parts (INGRESS_EMAIL_MAX_PARTS)',
          },
        ],
      },
    });

    const ids = Array.from({ length: 100_000 }, (_, i) => `<m${i}@mail.example.com>`).join('\r\n ');
    const references = await inbound(ing.svc.url, email({ body: 'Hello', headers: [`References: ${ids}`] }));
    expect(references).toMatchObject({
      status: 422,
      json: {
        error: 'email_limit_exceeded',
        message: 'header: a header section is larger than 131072 bytes (INGRESS_EMAIL_MAX_HEADER_BYTES)',
      },
    });
    // A parser that throws on a message refuses it too: a 5xx would be retried for days.
    const failing = await inbound(ing.svc.url, email({ body: 'Hello', headers: ['X-Test-Parse: throw'] }));
    expect(failing).toEqual({
      status: 422,
      json: { error: 'email_unparseable', message: 'message: the message could not be parsed (TypeError)' },
    });
    expect(await ing.ticketCount()).toBe(tickets);
    // Refusals, not failures: nothing was logged as a failed request.
    expect(ing.logs.join('')).not.toContain('request failed');
    // The parser's own error quoted the sender; only its name left the worker.
    expect(ing.logs.join('')).toContain('"refused":"email_unparseable"');
    expect(ing.logs.join('')).not.toContain('yara.li6570');
  });

  it('parses large HTML emails off the event loop: the service answers while both workers are mid-parse', async () => {
    const html = `<div>Where is my laptop #W3400144?</div>${'<div><p>Our <b>autumn</b> sale</p></div>\n'.repeat(220_000)}`;
    expect(html.length).toBeGreaterThan(9_000_000);
    const held = [1, 2].map(() =>
      inbound(ing.svc.url, email({ body: html, contentType: 'text/html', headers: ['X-Test-Parse: hold'] })),
    );
    // Two 9 MB uploads handed to the workers: slow on a loaded machine, so a generous deadline.
    await waitFor('both parses to be held in their workers', () => gate.held === 2, 90_000);

    // Both workers are busy with a parse; the event loop is not.
    expect((await fetch(`${ing.svc.url}/healthz`)).status).toBe(200);
    const api = await fetch(`${ing.svc.url}/v1/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customer: {}, body: 'Submitted while emails parse' }),
    });
    expect(api.status).toBe(202);
    expect(gate.held).toBe(2);

    gate.release(2);
    for (const answer of await Promise.all(held)) {
      expect(answer).toMatchObject({ status: 202, json: { turn: 1 } });
      const [event] = await ing.awaitEvents('ticket.received.v1', answer.json.ticketId as string, 1);
      const body = (event!.payload as { ticket: { body: string } }).ticket.body;
      // The top of the HTML as text, cut to the ticket's limit.
      expect(body.startsWith('Where is my laptop #W3400144?\n\nOur autumn sale')).toBe(true);
      expect(body.endsWith('[message truncated]')).toBe(true);
    }
  });

  it('abandons a parse past its time limit with 422, and the next email parses', async () => {
    const quick: RunningService = await startService(
      buildService(
        ing.configFor({
          INGRESS_EMAIL_PARSE_TIMEOUT_MS: '500',
          INGRESS_EMAIL_PARSE_WORKERS: '1',
          LOG_LEVEL: 'silent',
        }),
        { emailParseWorker: gate.worker },
      ),
      { migrate: false },
    );
    try {
      const stuck = await inbound(
        quick.url,
        email({ body: 'Never parsed', headers: ['X-Test-Parse: spin'] }),
      );
      expect(stuck).toEqual({
        status: 422,
        json: {
          error: 'email_limit_exceeded',
          message: 'parse time: parsing the message took longer than 500 ms (INGRESS_EMAIL_PARSE_TIMEOUT_MS)',
          issues: [
            {
              path: 'parse time',
              message: 'parsing the message took longer than 500 ms (INGRESS_EMAIL_PARSE_TIMEOUT_MS)',
            },
          ],
        },
      });
      // The one worker was terminated; the pool starts another for the next email.
      const next = await inbound(quick.url, email({ body: 'Is my laptop shipped yet?' }));
      expect(next).toMatchObject({ status: 202, json: { turn: 1, duplicate: false } });
    } finally {
      await quick.stop();
    }
  });
});
