import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BusHarness } from '@parley/bus/testing';
import { createBusHarness } from '@parley/bus/testing';
import type { RunningService } from '@parley/runtime';
import { startService } from '@parley/runtime';
import { Validator } from '@seriousme/openapi-schema-validator';
import { readServiceConfig } from '../src/config.js';
import { buildService } from '../src/service.js';

let h: BusHarness;
let svc: RunningService;
beforeAll(async () => {
  h = await createBusHarness('handoff-docs');
  svc = await startService(
    buildService(readServiceConfig(h.env({ HANDOFF_PORT: '0', HANDOFF_SLA_CHECK_MS: '0' }))),
    { migrate: false },
  );
});
afterAll(async () => {
  await svc?.stop();
  await h?.close();
});

interface Operation {
  security: unknown[];
  requestBody?: {
    content: Record<string, { schema: { properties?: object; additionalProperties?: unknown } }>;
  };
  parameters: Array<{ name: string; in: string }>;
}

describe('/docs', () => {
  it('serves a valid OpenAPI 3.1 document of every inbox route, without a key', async () => {
    const res = await fetch(`${svc.url}/docs/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, Record<string, Operation>> };
    expect(await new Validator().validate(doc)).toEqual({ valid: true });
    for (const path of [
      '/inbox',
      '/v1/inbox',
      '/v1/inbox/{id}',
      '/v1/inbox/{id}/approve',
      '/v1/inbox/{id}/take-over',
      '/v1/tickets/{id}/hand-back',
      '/v1/reports/quality',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const approve = doc.paths['/v1/inbox/{id}/approve']!.post!;
    expect(approve.security).toEqual([{ bearer: [] }]);
    // Strict zod objects: unknown fields are refused, and the document says so.
    const schema = approve.requestBody!.content['application/json']!.schema;
    expect(Object.keys(schema.properties!).sort()).toEqual(['agentId', 'body']);
    expect(schema.additionalProperties).toBe(false);
    expect(doc.paths['/v1/inbox']!.get!.parameters.map((p) => `${p.in} ${p.name}`)).toEqual([
      'query limit',
      'query before',
    ]);
    expect(doc.paths['/inbox']!.get!.security).toEqual([]);
  });
});
