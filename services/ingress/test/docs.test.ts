import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { IngressHarness } from './harness.js';
import { startIngress } from './harness.js';

let ing: IngressHarness;
beforeAll(async () => {
  ing = await startIngress('ingress-docs');
});
afterAll(async () => {
  await ing?.close();
});

interface Operation {
  security: unknown[];
  parameters: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { schema: { required?: string[]; properties?: object } }> };
}

describe('/docs', () => {
  it('serves a valid OpenAPI 3.1 document of every route, without a key', async () => {
    const res = await fetch(`${ing.svc.url}/docs/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, Operation>> };
    const result = await new Validator().validate(doc);
    expect(result).toEqual({ valid: true });
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/docs',
        '/docs/openapi.json',
        '/healthz',
        '/metrics',
        '/r/{token}',
        '/readyz',
        '/v1/chat/sessions',
        '/v1/chat/sessions/{id}/messages',
        '/v1/chat/widget.js',
        '/v1/email/inbound',
        '/v1/sms/twilio',
        '/v1/tickets',
        '/v1/tickets/{id}',
        '/v1/tickets/{id}/messages',
      ].sort(),
    );
    // The body schema is the one the route parses with, from zod.
    const create = doc.paths['/v1/tickets']!.post!;
    expect(create.security).toEqual([{ bearer: [] }]);
    const body = create.requestBody!.content['application/json']!.schema;
    expect(body.required).toEqual(expect.arrayContaining(['customer', 'body']));
    expect(Object.keys(body.properties!)).toEqual(
      expect.arrayContaining(['channel', 'customer', 'subject', 'body', 'externalId']),
    );
    expect(doc.paths['/v1/tickets/{id}']!.get!.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    expect(Object.keys(doc.paths['/v1/email/inbound']!.post!.requestBody!.content)).toEqual([
      'message/rfc822',
    ]);
    // Probes are public (the document says why); the SMS webhook is authenticated by Twilio's signature.
    expect(doc.paths['/healthz']!.get!.security).toEqual([]);
    expect(doc.paths['/v1/chat/widget.js']!.get!.security).toEqual([]);
    expect(doc.paths['/v1/sms/twilio']!.post!.security).toEqual([{ twilioSignature: [] }]);
    // A rating link is public: its signed token is the credential.
    expect(doc.paths['/r/{token}']!.get!.security).toEqual([]);
    expect(Object.keys(doc.paths['/r/{token}']!)).toEqual(expect.arrayContaining(['get', 'post']));
  });

  it('serves a page listing the operations', async () => {
    const res = await fetch(`${ing.svc.url}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<code>/v1/tickets/{id}/messages</code>');
    expect(html).toContain('/docs/openapi.json');
  });
});
