import { describe, expect, it } from '@jest/globals';
import { createLogger, Registry } from '@parley/telemetry';
import { z } from 'zod';
import { openApiDocument } from './openapi.js';
import { createOpsServer } from './ops-server.js';

function server() {
  return createOpsServer({
    registry: new Registry(),
    log: createLogger({ service: 't', level: 'silent' }),
    checks: {},
  });
}

describe('openApiDocument', () => {
  it('lists every route, described or not, with path parameters and the zod body as JSON Schema', async () => {
    const app = server();
    const guard = async () => undefined;
    app.post('/v1/things/:thingId/parts', { config: { access: { guard } } }, async () => ({}));
    app.get('/v1/plain', { config: { access: { guard } } }, async () => ({}));
    await app.ready();
    const doc = openApiDocument(app, {
      title: 't',
      version: '1',
      description: 'd',
      operations: {
        'POST /v1/things/:thingId/parts': {
          summary: 'Add a part',
          body: z.object({ name: z.string().max(10), count: z.number().int().optional() }).strict(),
          responses: { 201: 'created' },
        },
      },
    }) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    const add = doc.paths['/v1/things/{thingId}/parts']!.post!;
    expect(add.operationId).toBe('postV1ThingsThingIdParts');
    expect(add.parameters).toEqual([
      { name: 'thingId', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    expect(add.requestBody).toEqual({
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: { name: { type: 'string', maxLength: 10 }, count: { type: 'integer' } },
            required: ['name'],
            additionalProperties: false,
          },
        },
      },
    });
    expect(Object.keys(add.responses as object)).toEqual(['201', '4XX']);
    expect(doc.paths['/v1/plain']!.get!.summary).toBe('GET /v1/plain');
    await app.close();
  });

  it('refuses to describe a route that does not exist, so the document cannot drift from the routes', async () => {
    const app = server();
    await app.ready();
    expect(() =>
      openApiDocument(app, {
        title: 't',
        version: '1',
        description: 'd',
        operations: { 'GET /gone': { summary: 'x' } },
      }),
    ).toThrow('documented routes that do not exist: GET /gone');
    await app.close();
  });
});
