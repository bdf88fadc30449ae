// One ticket's trace, exported by the compiled services (as the image runs them) over OTLP/HTTP to a
// receiver in this test, decoded from the JSON encoding of the OTLP protocol.
import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@parley/bus/testing';
import type { Stack } from '../src/stack.js';
import { apiClient, startStack } from '../src/stack.js';

const ROOT = new URL('../../', import.meta.url).pathname;
/** The services a cancellation request passes through. */
const PATH = ['ingress', 'router', 'retrieval', 'resolver', 'gate', 'handoff'];

interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
}
interface OtlpKeyValue {
  key: string;
  value: OtlpValue;
}
interface OtlpTraces {
  resourceSpans?: Array<{
    resource?: { attributes?: OtlpKeyValue[] };
    scopeSpans?: Array<{
      spans?: Array<{
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind: number;
        attributes?: OtlpKeyValue[];
      }>;
    }>;
  }>;
}

function attributes(list: OtlpKeyValue[] = []): Record<string, unknown> {
  return Object.fromEntries(
    list.map((a) => [a.key, a.value.stringValue ?? a.value.intValue ?? a.value.boolValue]),
  );
}

/** An OTLP/HTTP trace receiver (POST /v1/traces, JSON encoding) that keeps every span it is sent. */
function otlpReceiver(): { server: Server; spans: ReceivedSpan[]; requests: string[] } {
  const spans: ReceivedSpan[] = [];
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push(`${req.method} ${req.url} ${req.headers['content-type']}`);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpTraces;
      for (const rs of body.resourceSpans ?? []) {
        const service = String(attributes(rs.resource?.attributes)['service.name']);
        for (const ss of rs.scopeSpans ?? []) {
          for (const s of ss.spans ?? []) {
            spans.push({
              service,
              traceId: s.traceId,
              spanId: s.spanId,
              parentSpanId: s.parentSpanId ?? '',
              name: s.name,
              kind: s.kind,
              attributes: attributes(s.attributes),
            });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return { server, spans, requests };
}

const receiver = otlpReceiver();
let stack: Stack;

beforeAll(async () => {
  // The services run from dist/, as in the image.
  await promisify(execFile)(process.execPath, ['--import', 'tsx', `${ROOT}scripts/build.ts`], { cwd: ROOT });
  await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.server.address() as { port: number };
  stack = await startStack({
    label: 'otlp',
    compiled: true,
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      // Export each batch quickly rather than every five seconds.
      OTEL_BSP_SCHEDULE_DELAY: '200',
      // Every store write needs an agent, so the cancellation below is handed off (the longest path).
      GATE_CUSTOMER_CONFIRMS: 'none',
    },
  });
});
afterAll(async () => {
  await stack?.stop();
  await new Promise((resolve) => receiver.server.close(resolve));
});

describe('traces that leave the process', () => {
  it("export one ticket's path through all six services as one connected trace", async () => {
    const api = apiClient(stack);
    // A cancellation goes the whole way: routed, grounded, drafted, gated to an agent, handed off.
    const posted = await api.call('ingress', 'POST', '/v1/tickets', {
      customer: { email: 'yusuf.rossi7301@example.com' },
      body: 'Please cancel my order #W6247578, I ordered it by mistake.',
    });
    expect(posted.status).toBe(202);
    const ticketId = String(posted.body.ticketId);
    await waitFor(
      'the decision',
      async () => (await api.call('ingress', 'GET', `/v1/tickets/${ticketId}`)).body.decision === 'suggested',
      60_000,
    );

    const traceOf = () => receiver.spans.find((s) => s.attributes['parley.ticket_id'] === ticketId)?.traceId;
    const inTrace = () => receiver.spans.filter((s) => s.traceId === traceOf());
    // Each process exports in its own batches, so a child can arrive before its parent: wait for both.
    const orphans = () => {
      const ids = new Set(inTrace().map((s) => s.spanId));
      return inTrace().filter((s) => s.parentSpanId !== '' && !ids.has(s.parentSpanId));
    };
    // A service can export one span of the ticket (another consumer's, say) while the hop's own span is
    // still open under load, so wait for each hop's span by name, not only for a span of each service.
    const hops = [
      ['router', 'router__ticket_received_v1'],
      ['retrieval', 'retrieval__ticket_routed_v1'],
      ['resolver', 'resolver__ticket_retrieved_v1'],
      ['gate', 'gate__ticket_resolved_v1'],
      ['handoff', 'handoff__handoff_requested_v1'],
    ];
    const hasHop = ([service, consumer]: string[]) =>
      inTrace().some((s) => s.service === service && s.name === `${consumer} process`);
    await waitFor(
      'spans from all six services on its path, each hop, each with its parent',
      () =>
        PATH.every((name) => inTrace().some((s) => s.service === name)) &&
        hops.every(hasHop) &&
        orphans().length === 0,
      60_000,
    ).catch(() => undefined);
    const spans = inTrace();
    // The actions service joins only when a customer confirms an action; this ticket asks for none.
    expect([...new Set(spans.map((s) => s.service))].sort()).toEqual([...PATH].sort());

    // One root, the ingress request; every other span's parent is in the same trace.
    const roots = spans.filter((s) => s.parentSpanId === '');
    expect(roots.map((s) => `${s.service} ${s.name}`)).toEqual(['ingress POST /v1/tickets']);
    const ids = new Set(spans.map((s) => s.spanId));
    expect(spans.filter((s) => s.parentSpanId !== '' && !ids.has(s.parentSpanId))).toEqual([]);

    // Each consumer's span is the child of the producer span of the event it handled.
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const hop = (service: string, consumer: string) => {
      const span = spans.find((s) => s.service === service && s.name === `${consumer} process`);
      expect({ consumer, found: span !== undefined }).toEqual({ consumer, found: true });
      return byId.get(span!.parentSpanId)!;
    };
    expect(hop('router', 'router__ticket_received_v1').name).toBe('publish ticket.received.v1');
    expect(hop('retrieval', 'retrieval__ticket_routed_v1').service).toBe('router');
    expect(hop('resolver', 'resolver__ticket_retrieved_v1').service).toBe('retrieval');
    expect(hop('gate', 'gate__ticket_resolved_v1').service).toBe('resolver');
    expect(hop('handoff', 'handoff__handoff_requested_v1').service).toBe('gate');
    // pg is instrumented: the ticket's database work is in the trace too.
    const isQuery = (s: ReceivedSpan) =>
      s.kind === 3 && [s.attributes['db.system'], s.attributes['db.system.name']].includes('postgresql');
    expect(spans.filter((s) => s.service === 'ingress' && isQuery(s)).length).toBeGreaterThan(0);
    expect(receiver.requests[0]).toBe('POST /v1/traces application/json');
  });

  it('parses email in worker threads from the compiled build', async () => {
    const raw = [
      'From: "Yara Li" <yara.li6570@example.com>',
      'Subject: Where is my laptop?',
      `Message-ID: <otlp.${Date.now()}@mail.example.com>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hello, where is my order?',
    ].join('\r\n');
    const res = await fetch(`${stack.urls.ingress}/v1/email/inbound`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'message/rfc822' },
      body: raw,
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ turn: 1, duplicate: false });
  });
});
