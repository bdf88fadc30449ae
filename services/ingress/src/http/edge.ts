import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Ingested } from '../channels/ingest.js';
import type { IngressContext } from '../context.js';
import type { IngressMetrics } from '../events.js';
import { TICKETS_SCOPE } from '../context.js';
import { errorHandler, tooManyRequests } from './errors.js';
import { headerProblem } from './headers.js';
import { withDeadline } from './unavailable.js';

/**
 * What every route scope at the edge shares, whatever it parses: the in-flight bound (checked before
 * anything else), the header checks, the error bodies, and a JSON 404 for routes it does not have.
 * `mediaType` names what the scope's parsers accept and `bodyLimit` its largest body, for 415 and 413.
 */
export function prepareEdge(
  api: FastifyInstance,
  context: IngressContext,
  scope: { mediaType: string; bodyLimit?: number },
): void {
  const { config, platform, metrics, admission } = context;
  api.removeAllContentTypeParsers();
  api.setErrorHandler(
    errorHandler({
      log: platform.log,
      metrics,
      bodyLimit: scope.bodyLimit ?? config.maxBodyBytes,
      retryAfterSeconds: config.retryAfterSeconds,
      mediaType: scope.mediaType,
    }),
  );
  api.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );
  // Admission first: a request over the limit costs no key lookup and no body read.
  api.addHook('onRequest', async (request, reply) => {
    const release = admission.enter();
    if (!release) throw tooManyRequests(config.maxInFlight, config.busyRetryAfterSeconds);
    // 'close' also fires when the client goes away before the answer.
    reply.raw.once('finish', release);
    reply.raw.once('close', release);
    const problem = headerProblem(request.raw.rawHeaders, request.headers);
    if (problem) throw problem;
  });
}

/**
 * An onRequest hook requiring an API key with the `tickets` scope, before the body is read. `header`
 * picks the credential from the request (the Authorization header unless a channel says otherwise).
 */
export function requireKey(
  context: IngressContext,
  header: (request: FastifyRequest) => string | undefined = (request) => request.headers.authorization,
): onRequestHookHandler {
  const { config, metrics } = context;
  return async (request, reply) => {
    const auth = await withDeadline(config.requestTimeoutMs, () => context.verifier.verify(header(request)));
    if (!auth.ok) {
      const error = auth.status === 401 ? 'unauthorized' : 'forbidden';
      metrics.rejected.inc({ reason: error });
      return reply
        .code(auth.status)
        .header(
          'www-authenticate',
          auth.status === 401 ? 'Bearer' : `Bearer error="insufficient_scope", scope="${TICKETS_SCOPE}"`,
        )
        .send({ error, message: auth.message });
    }
  };
}

/** Database work of one request: within the request's deadline and a bounded wait for a pool slot. */
export function dbWork<T>(context: IngressContext, work: (guard: () => void) => Promise<T>): Promise<T> {
  return withDeadline(context.config.requestTimeoutMs, (guard) => context.admission.db(() => work(guard)));
}

/**
 * `Authorization: Basic <user:key>` read as `Bearer <key>`: mail providers' inbound webhooks can put
 * credentials in the URL (`https://parley:<key>@host/...`) but not a custom header. Anything else is as sent.
 */
export function bearerOrBasic(header: string | undefined): string | undefined {
  const basic = /^Basic[ ]+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!basic) return header;
  const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? 'Basic credentials without a password' : `Bearer ${decoded.slice(colon + 1)}`;
}

/** The business metrics of a channel message made into a turn. */
export function countIngested(metrics: IngressMetrics, channel: string, result: Ingested): void {
  if (result.outcome === 'follow_up') metrics.turns.inc({ owner: result.owner ?? 'bot' });
  else metrics.tickets.inc({ channel, outcome: result.outcome });
}
