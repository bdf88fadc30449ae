import { describe, expect, it } from '@jest/globals';
import { Registry } from '@parley/telemetry';
import { guardWith } from './access.js';
import { createOpsServer } from './ops-server.js';
import { rawRequest } from './testing.js';

const opsServer = () => createOpsServer({ registry: new Registry(), checks: {} });

describe('route access', () => {
  it('refuses to start a server with a route that declares no access', async () => {
    const app = opsServer();
    expect(() => app.get('/v1/open', async () => ({ secret: true }))).toThrow(
      /route GET \/v1\/open declares no access/,
    );
    await app.close();
  });

  it('decides on the route that matched, however the path is spelt', async () => {
    const app = opsServer();
    const guard = guardWith(async (request) =>
      request.headers.authorization === 'Bearer right'
        ? { ok: true, principal: { kind: 'key', id: 'k', workspace: 'default' } }
        : { ok: false, status: 401, message: 'no key' },
    );
    app.get('/v1/items', { config: { access: { guard } } }, async (request) => ({
      items: ['secret'],
      workspace: request.principal?.workspace,
    }));
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const get = (path: string, auth?: string) =>
      rawRequest(
        url,
        `GET ${path} HTTP/1.1\r\nHost: x\r\n${auth ? `Authorization: ${auth}\r\n` : ''}Connection: close\r\n\r\n`,
      );
    for (const path of [
      '/v1/items',
      '/%761/items',
      '/v1/%69tems',
      '/v1/items?x=1',
      '/V1/items',
      '//v1/items',
      '/v1/./items',
      '/x/../v1/items',
      '/v1/items/',
      '/v1/items;x',
      '/v1/items%00',
    ]) {
      const answer = await get(path);
      expect({ path, status: answer.status }).toEqual({ path, status: answer.status === 401 ? 401 : 404 });
      expect(answer.body).not.toContain('secret');
    }
    // The encoded spelling reaches the route and passes with the key, like the plain one.
    const ok = await get('/%761/items', 'Bearer right');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ items: ['secret'], workspace: 'default' });
    // HEAD, added by fastify for every GET, has the same guard.
    expect(
      (await rawRequest(url, 'HEAD /v1/items HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).status,
    ).toBe(401);
    await app.close();
  });

  it('sends security headers and one error shape without internal text', async () => {
    const app = opsServer();
    app.get('/boom', { config: { access: { public: 'test' } } }, async () => {
      throw new Error('relation "tickets" does not exist at /srv/app');
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const res = await fetch(`${url}/boom`);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'internal', message: 'internal error' });
    const probe = await fetch(`${url}/healthz`);
    expect(probe.headers.get('x-frame-options')).toBe('DENY');
    expect(probe.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(probe.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(probe.headers.get('x-content-type-options')).toBe('nosniff');
    const missing = await fetch(`${url}/nope?q=1`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'not_found', message: 'no route GET /nope' });
    await app.close();
  });
});
