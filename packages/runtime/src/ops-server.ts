import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { Registry } from '@parley/telemetry';
import type { EventLoopLimits } from './event-loop.js';
import { DEFAULT_EVENT_LOOP_LIMITS, EventLoopWatch } from './event-loop.js';

export type ReadinessCheck = () => boolean | Promise<boolean>;

export interface OpsServerOptions {
  registry: Registry;
  checks: Record<string, ReadinessCheck>;
  /** Largest request body accepted by any route on this server. */
  bodyLimitBytes?: number;
  /** When `/healthz` calls the event loop stalled (default: late by 10 s, reported for 30 s after). */
  eventLoop?: EventLoopLimits;
}

/**
 * The HTTP server every service runs: `/healthz` (the process answers and its event loop is not stalled),
 * `/readyz` (every check passes, naming those that do not), `/metrics` (Prometheus text). Services with an API
 * add routes to the same app.
 */
export function createOpsServer(opts: OpsServerOptions): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: opts.bodyLimitBytes ?? 1024 * 1024,
    return503OnClosing: true,
  });
  const loop = new EventLoopWatch(opts.eventLoop ?? DEFAULT_EVENT_LOOP_LIMITS);
  app.addHook('onClose', async () => loop.stop());
  app.get('/healthz', async (_req, reply) => {
    const { healthy, lagMs } = loop.status();
    if (!healthy) return reply.code(503).send({ status: 'unhealthy', eventLoopLagMs: Math.round(lagMs) });
    return { status: 'ok' };
  });
  app.get('/readyz', async (_req, reply) => {
    const failing: string[] = [];
    for (const [name, check] of Object.entries(opts.checks)) {
      const ok = await Promise.resolve()
        .then(check)
        .catch(() => false);
      if (!ok) failing.push(name);
    }
    if (failing.length > 0) return reply.code(503).send({ status: 'not_ready', failing });
    return { status: 'ready' };
  });
  app.get('/metrics', async (_req, reply) => {
    reply.header('content-type', opts.registry.contentType);
    return opts.registry.metrics();
  });
  return app;
}
