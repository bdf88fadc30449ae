import { describe, expect, it } from '@jest/globals';
import { Counter, Registry } from '@parley/telemetry';
import type { FastifyInstance } from 'fastify';
import { createOpsServer } from './ops-server.js';

// Real HTTP rather than app.inject: its helper pulls an ESM-only dependency through require().
async function get(app: FastifyInstance, path: string): Promise<Response> {
  const base = app.server.listening ? undefined : await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address() as { port: number };
  return fetch(`${base ?? `http://127.0.0.1:${address.port}`}${path}`);
}

describe('ops server', () => {
  it('is healthy while running and ready only when every check passes, naming those that fail', async () => {
    let consumersUp = false;
    const registry = new Registry();
    const app = createOpsServer({
      registry,
      checks: {
        nats: () => true,
        consumers: () => consumersUp,
        postgres: async () => Promise.reject(new Error('x')),
      },
    });
    expect((await get(app, '/healthz')).status).toBe(200);
    const notReady = await get(app, '/readyz');
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({
      status: 'not_ready',
      failing: ['consumers', 'postgres'],
      error: 'not_ready',
      message: 'not ready: consumers, postgres',
    });
    consumersUp = true;
    expect(await (await get(app, '/readyz')).json()).toMatchObject({
      failing: ['postgres'],
      error: 'not_ready',
      message: 'not ready: postgres',
    });
    await app.close();
  });

  it('reports a stalled event loop as unhealthy on /healthz, then healthy once it has run freely again', async () => {
    const app = createOpsServer({
      registry: new Registry(),
      checks: {},
      eventLoop: { maxLagMs: 200, holdMs: 5000 },
    });
    try {
      expect(await (await get(app, '/healthz')).json()).toEqual({ status: 'ok' });
      // Block this process's loop for 600 ms: whatever the machine's load, the loop is then at least that late.
      const until = Date.now() + 600;
      while (Date.now() < until);
      const stalled = await get(app, '/healthz');
      expect(stalled.status).toBe(503);
      const body = (await stalled.json()) as { status: string; eventLoopLagMs: number };
      expect(body).toEqual({
        status: 'unhealthy',
        eventLoopLagMs: expect.any(Number),
        error: 'unhealthy',
        message: `the event loop is ${body.eventLoopLagMs} ms late`,
      });
      expect(body.eventLoopLagMs).toBeGreaterThan(200);
      for (const deadline = Date.now() + 60_000; ;) {
        if ((await get(app, '/healthz')).status === 200) break;
        if (Date.now() > deadline) throw new Error('/healthz did not recover');
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await app.close();
    }
  });

  it('serves Prometheus text', async () => {
    const registry = new Registry();
    new Counter({ name: 'things_total', help: 'things', registers: [registry] }).inc(3);
    const app = createOpsServer({ registry, checks: {} });
    const res = await get(app, '/metrics');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toContain('things_total 3');
    await app.close();
  });
});
