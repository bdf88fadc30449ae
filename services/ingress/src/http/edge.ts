import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { RouteAccess, Verified } from '@parley/runtime';
import { guardWith } from '@parley/runtime';
import type { Refusal } from '../admission/admission.js';
import { isRefusal } from '../admission/admission.js';
import type { Ingested } from '../channels/ingest.js';
import type { IngressDeps } from '../context.js';
import type { IngressMetrics } from '../events.js';
import { TICKETS_SCOPE } from '../context.js';
import { ApiError, errorHandler } from './errors.js';
import { headerProblem } from './headers.js';
import { withDeadline } from './unavailable.js';

/**
 * What every route scope at the edge shares, whatever it parses: the header checks, a deadline for the body,
 * the error bodies, and a JSON 404 for routes it does not have. Who may call a route and how much of the
 * server they may take is the route's own access guard (`keyAccess`, `sessionAccess`, `webhookAccess`).
 * `mediaType` names what the scope's parsers accept and `bodyLimit` its largest body, for 415 and 413.
 */
export function prepareEdge(
  api: FastifyInstance,
  context: IngressDeps,
  scope: { mediaType: string; bodyLimit?: number },
): void {
  const { config, platform, metrics } = context;
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
    reply.code(404).send({
      error: 'not_found',
      message: `no route ${request.method} ${request.url.split('?')[0]!.slice(0, 200)}`,
    }),
  );
  // Cheap and without I/O, so it runs before the route's guard.
  api.addHook('onRequest', async (request) => {
    const problem = headerProblem(request.raw.rawHeaders, request.headers);
    if (problem) throw problem;
  });
  api.addHook('preParsing', async (request, reply, payload) => {
    bodyDeadline(request, reply, payload, config.bodyTimeoutMs);
    return payload;
  });
  // Refused before its body arrived (a bad key, no room): close the connection rather than wait to drain a body
  // the client may never finish sending.
  api.addHook('onSend', async (request, reply) => {
    if (reply.statusCode >= 400 && hasBody(request) && !request.raw.complete)
      reply.header('connection', 'close');
  });
}

function hasBody(request: FastifyRequest): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length']) > 0;
}

/**
 * A body must arrive within `ms` of being admitted: a client trickling bytes holds its slot for that long at
 * most, then gets 408 and its connection is closed.
 */
function bodyDeadline(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: NodeJS.ReadableStream,
  ms: number,
): void {
  const hasBody =
    request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length']) > 0;
  if (!hasBody) return;
  const timer = setTimeout(() => {
    // An error on the body stream ends fastify's read of it with this answer; destroying the stream instead would
    // take the socket with it, and the client would get no answer at all. The connection closes after the answer.
    reply.header('connection', 'close');
    payload.emit(
      'error',
      new ApiError(408, {
        error: 'request_timeout',
        message: `the request body did not arrive within ${ms} ms`,
      }),
    );
  }, ms);
  timer.unref();
  const clear = () => clearTimeout(timer);
  payload.once('end', clear);
  payload.once('error', clear);
  reply.raw.once('close', clear);
}

/** The client a request comes from on the network: what credential checks are bounded by. */
function addressOf(request: FastifyRequest): string {
  return `addr:${request.socket.remoteAddress ?? 'unknown'}`;
}

function tooBusy(refusal: Refusal, retryAfterSeconds: number): ApiError {
  const who = {
    server: 'the server has',
    client: 'this client has',
    route: 'this route has',
    address: 'this address has',
  }[refusal.refused];
  return new ApiError(
    429,
    {
      error: 'too_many_requests',
      message: `${who} ${refusal.limit} requests in flight; retry after ${retryAfterSeconds} s`,
    },
    retryAfterSeconds,
  );
}

/**
 * Admits the request of the principal the guard before it set (per client, and per `route` group when given)
 * and holds its place until the answer is sent or the client goes away.
 */
function admit(context: IngressDeps, route?: string): onRequestHookHandler {
  const { admission, config, metrics } = context;
  return async (request, reply) => {
    const principal = request.principal!;
    const entered = admission.enter(`${principal.kind}:${principal.id}`, route);
    if (isRefusal(entered)) {
      metrics.refused.inc({ bound: entered.refused });
      throw tooBusy(entered, config.busyRetryAfterSeconds);
    }
    // 'close' also fires when the client goes away before the answer.
    reply.raw.once('finish', entered);
    reply.raw.once('close', entered);
    admitted.set(request, entered);
  };
}

const admitted = new WeakMap<FastifyRequest, () => void>();

/**
 * Gives the request's in-flight place back before its answer is sent: for a request that goes on to wait
 * (a held transcript request) under a bound of its own, so waiting visitors never fill the server's places.
 */
export function leaveInFlight(request: FastifyRequest): void {
  admitted.get(request)?.();
}

/** A credential check within its address's bound and the request deadline; a refusal is a 429. */
function checked(
  context: IngressDeps,
  verify: (request: FastifyRequest) => Promise<Verified>,
): (request: FastifyRequest) => Promise<Verified> {
  const { admission, config, metrics } = context;
  return async (request) => {
    const result = await withDeadline(config.requestTimeoutMs, () =>
      admission.authenticate(addressOf(request), () => verify(request)),
    );
    if (isRefusal(result)) {
      metrics.refused.inc({ bound: result.refused });
      throw tooBusy(result, config.busyRetryAfterSeconds);
    }
    if (!result.ok) metrics.rejected.inc({ reason: result.status === 401 ? 'unauthorized' : 'forbidden' });
    return result;
  };
}

/**
 * Access for routes called with an API key with the `tickets` scope, checked on headers before the body is
 * read; `header` picks the credential from the request (the Authorization header unless a channel says
 * otherwise). The key is then admitted as its own client.
 */
export function keyAccess(
  context: IngressDeps,
  header: (request: FastifyRequest) => string | undefined = (request) => request.headers.authorization,
): RouteAccess {
  const verify = checked(context, async (request): Promise<Verified> => {
    const auth = await context.verifier.verify(header(request));
    if (!auth.ok) return { ...auth, scope: TICKETS_SCOPE };
    return { ok: true, principal: { kind: 'key', id: auth.keyId, workspace: auth.workspace } };
  });
  return { guard: [guardWith(verify), admit(context)] };
}

/** Access for routes whose own check (a chat session token) sets the principal; each session is a client. */
export function sessionAccess(
  context: IngressDeps,
  verify: (request: FastifyRequest) => Promise<Verified>,
): RouteAccess {
  return { guard: [guardWith(checked(context, verify)), admit(context)] };
}

/**
 * Access for a provider's webhook signed over its body (the signature is checked once the body is parsed):
 * before that only the header's presence is known, so each sending address is a client and the route group
 * has its own bound, and the webhook can never take the server from the API's keys.
 */
export function webhookAccess(
  context: IngressDeps,
  route: string,
  workspace: string,
  precheck: (request: FastifyRequest) => void,
): RouteAccess {
  const identify: onRequestHookHandler = async (request) => {
    precheck(request);
    request.principal = { kind: 'webhook', id: `${route}:${addressOf(request)}`, workspace };
  };
  return { guard: [identify, admit(context, route)] };
}

/**
 * Database work of one request: within the request's deadline and a bounded wait for a pool slot, in the share
 * of the pool of the client it is for (its principal, or its address before it has one).
 */
export function dbWork<T>(
  context: IngressDeps,
  request: FastifyRequest,
  work: (guard: () => void) => Promise<T>,
): Promise<T> {
  const principal = request.principal;
  const client = principal ? `${principal.kind}:${principal.id}` : addressOf(request);
  return withDeadline(context.config.requestTimeoutMs, (guard) =>
    context.admission.db(client, () => work(guard)),
  );
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
