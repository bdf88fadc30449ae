import { trace } from '@opentelemetry/api';
import type { FastifyInstance } from 'fastify';

/**
 * Names the HTTP server span of each request after its Fastify route (`POST /v1/tickets/:id/messages`, not the
 * raw URL with its ids) and records the route, as instrumentation of Fastify does. The span itself comes from
 * the HTTP instrumentation when traces are exported; otherwise there is none and this does nothing.
 */
export function nameSpansByRoute(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const route = request.routeOptions.url;
    const span = trace.getActiveSpan();
    if (!span || !route) return;
    span.updateName(`${request.method} ${route}`);
    span.setAttribute('http.route', route);
  });
}
