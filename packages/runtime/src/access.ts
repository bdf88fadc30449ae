import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';

/** Who a request acts for, set by the guard of the route it matched. */
export interface Principal {
  /** `key` for an API key, `session` for a chat session token, `webhook` for a signed provider callback. */
  kind: 'key' | 'session' | 'webhook';
  /** The key id, session id or provider: what admission and logs name the caller by. */
  id: string;
  /** Everything the request creates or reads is scoped to this workspace. */
  workspace: string;
}

/**
 * Who may call a route, declared on the route itself (`config.access`). Authorisation is decided on the
 * route that actually matched, never on the raw URL, so an encoded, doubled or dotted path either matches a
 * route (and meets its guard) or matches none (404).
 */
export type RouteAccess =
  /** No credentials: say why (probes, the page shell, routes whose guard is a signature on the body). */
  | { public: string }
  /** Run before anything else of the route: authenticate, set `request.principal`, or answer 401/403. */
  | { guard: onRequestHookHandler | readonly onRequestHookHandler[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The principal a guard set; a route behind a guard can rely on it. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error(`route ${request.routeOptions.url} ran without a principal`);
  return request.principal;
}

/**
 * Deny by default: a route registered without `config.access` fails the server's start-up, so a forgotten
 * declaration can never serve an open route. Guards run first among the route's own onRequest hooks.
 */
export function enforceRouteAccess(app: FastifyInstance): void {
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    // CORS preflights (registered by @fastify/cors) carry no credentials by definition and run no handler.
    if (!access && route.method === 'OPTIONS') return;
    if (!access || (!('public' in access) && !('guard' in access))) {
      throw new Error(
        `route ${route.method} ${route.url} declares no access: set config.access to { guard } or { public: why }`,
      );
    }
    if ('public' in access) return;
    const guards = Array.isArray(access.guard) ? access.guard : [access.guard];
    const own = route.onRequest ? (Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest]) : [];
    route.onRequest = [...(guards as onRequestHookHandler[]), ...(own as onRequestHookHandler[])];
  });
}

/** What a credential check found: a principal, or the status and message to refuse with. */
export type Verified =
  { ok: true; principal: Principal } | { ok: false; status: 401 | 403; message: string; scope?: string };

/**
 * A guard from a credential check: sets the principal, or answers 401 (with `WWW-Authenticate: Bearer`) or 403
 * (`insufficient_scope`) in the one error shape every service uses.
 */
export function guardWith(verify: (request: FastifyRequest) => Promise<Verified>): onRequestHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const result = await verify(request);
    if (result.ok) {
      request.principal = result.principal;
      return;
    }
    const challenge =
      result.status === 401
        ? 'Bearer'
        : `Bearer error="insufficient_scope"${result.scope ? `, scope="${result.scope}"` : ''}`;
    return reply
      .code(result.status)
      .header('www-authenticate', challenge)
      .send({ error: result.status === 401 ? 'unauthorized' : 'forbidden', message: result.message });
  };
}

/** What `KeyVerifier` (`@parley/auth`) answers for a bearer header. */
export type KeyCheckResult =
  { ok: true; keyId: string; workspace: string } | { ok: false; status: 401 | 403; message: string };

/**
 * A guard requiring an API key with `scope`, read from the request by `header` (the Authorization header
 * unless a channel says otherwise). Runs on headers alone, before any body is read.
 */
export function keyGuard(
  check: (header: string | undefined) => Promise<KeyCheckResult>,
  scope: string,
  header: (request: FastifyRequest) => string | undefined = (request) => request.headers.authorization,
): onRequestHookHandler {
  return guardWith(async (request) => {
    const result = await check(header(request));
    if (!result.ok) return { ...result, scope };
    return { ok: true, principal: { kind: 'key', id: result.keyId, workspace: result.workspace } };
  });
}
