import helmet from '@fastify/helmet';
import Fastify from 'fastify';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger, Registry } from '@parley/telemetry';
import { enforceRouteAccess } from './access.js';
import { recordRoutes } from './openapi.js';
import { nameSpansByRoute } from './route-spans.js';
import type { EventLoopLimits } from './event-loop.js';
import { DEFAULT_EVENT_LOOP_LIMITS, EventLoopWatch } from './event-loop.js';

export type ReadinessCheck = () => boolean | Promise<boolean>;

/** Every error answer of every service: a stable machine code and a message naming the problem. */
export interface ErrorBody {
  error: string;
  message: string;
}

export interface OpsServerOptions {
  registry: Registry;
  checks: Record<string, ReadinessCheck>;
  /** Largest request body accepted by any route on this server. */
  bodyLimitBytes?: number;
  /** Where a failed request (5xx) is logged; its body never carries the error's text. */
  log?: Logger;
  /** When `/healthz` calls the event loop stalled (default: late by 10 s, reported for 30 s after). */
  eventLoop?: EventLoopLimits;
}

const PROBE = { access: { public: 'probes and scrapes carry no customer data' } };

/**
 * The HTTP server every service runs: `/healthz` (the process answers and its event loop is not stalled),
 * `/readyz` (every check passes, naming those that do not), `/metrics` (Prometheus text). Services with an API
 * add routes to the same app; every route must declare who may call it (see access.ts), and every answer carries
 * the security headers.
 */
export function createOpsServer(opts: OpsServerOptions): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: opts.bodyLimitBytes ?? 1024 * 1024,
    return503OnClosing: true,
  });
  recordRoutes(app);
  enforceRouteAccess(app);
  nameSpansByRoute(app);
  // API answers may not be framed or sniffed; pages get a strict policy of their own (script from self only).
  void app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    hsts: false,
  });
  app.setErrorHandler(errorHandler(opts.log));
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(errorBody('not_found', `no route ${request.method} ${request.url.split('?')[0]!.slice(0, 200)}`)),
  );
  const loop = new EventLoopWatch(opts.eventLoop ?? DEFAULT_EVENT_LOOP_LIMITS);
  app.addHook('onClose', async () => loop.stop());
  app.get('/healthz', { config: PROBE }, async (_req, reply) => {
    const { healthy, lagMs } = loop.status();
    if (!healthy) {
      const late = Math.round(lagMs);
      return reply.code(503).send({
        status: 'unhealthy',
        eventLoopLagMs: late,
        ...errorBody('unhealthy', `the event loop is ${late} ms late`),
      });
    }
    return { status: 'ok' };
  });
  app.get('/readyz', { config: PROBE }, async (_req, reply) => {
    const failing: string[] = [];
    for (const [name, check] of Object.entries(opts.checks)) {
      const ok = await Promise.resolve()
        .then(check)
        .catch(() => false);
      if (!ok) failing.push(name);
    }
    if (failing.length > 0)
      return reply.code(503).send({
        status: 'not_ready',
        failing,
        ...errorBody('not_ready', `not ready: ${failing.join(', ')}`),
      });
    return { status: 'ready' };
  });
  app.get('/metrics', { config: PROBE }, async (_req, reply) => {
    reply.header('content-type', opts.registry.contentType);
    return opts.registry.metrics();
  });
  return app;
}

/**
 * One error shape for every service, `{ error, message }`. A client error keeps fastify's message (it names the
 * problem: a body too large, bad JSON); anything else is a bare 500, because the error's own text can hold a
 * database message or a server path.
 */
function errorHandler(log: Logger | undefined) {
  return (err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status >= 500) {
      log?.warn({ err, requestId: request.id, route: request.routeOptions.url }, 'request failed');
      return reply.code(500).send(errorBody('internal', 'internal error'));
    }
    return reply.code(status).send(errorBody(errorCode(status), err.message));
  };
}

export const errorBody = (error: string, message: string): ErrorBody => ({ error, message });

/** The error code of a client error status, as every service names it. */
export function errorCode(status: number): string {
  switch (status) {
    case 400:
      return 'invalid_request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 408:
      return 'request_timeout';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'too_many_requests';
    default:
      return 'bad_request';
  }
}
