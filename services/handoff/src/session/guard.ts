import type { Database } from '@parley/db';
import type { Verified } from '@parley/runtime';
import { guardWith } from '@parley/runtime';
import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import { cookieValue, SESSION_COOKIE } from './cookies.js';
import type { AgentSession } from './sessions.js';
import { csrfMatches, findSession } from './sessions.js';

export interface SessionAccessDeps {
  db: Kysely<Database>;
  envKeys: ReadonlySet<string>;
  /** The only origin state-changing requests may come from; null: the origin of the request's Host. */
  publicOrigin: string | null;
  now: () => Date;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const sessions = new WeakMap<FastifyRequest, AgentSession>();

/** The signed-in agent of a request that passed `sessionGuard`. */
export function sessionOf(request: FastifyRequest): AgentSession {
  const session = sessions.get(request);
  if (!session) throw new Error(`route ${request.routeOptions.url} ran without an agent session`);
  return session;
}

/**
 * Whether a state-changing request comes from the workspace's own pages: its `Origin` must be the configured
 * public origin, or name the host the request was sent to. Browsers send `Origin` on every POST, and a page
 * cannot forge it.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  publicOrigin: string | null,
): boolean {
  if (!origin || origin === 'null') return false;
  if (publicOrigin) return origin === publicOrigin;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host;
  } catch {
    return false;
  }
}

/**
 * Access for the workspace's own API: the session cookie names a live session (401 otherwise), and every
 * state-changing request also comes from our origin and carries the session's CSRF token (403 otherwise).
 * Sets the principal to the session, in the workspace of the key the agent signed in with.
 */
export function sessionGuard(deps: SessionAccessDeps): onRequestHookHandler {
  return guardWith(async (request: FastifyRequest): Promise<Verified> => {
    const token = cookieValue(request.headers.cookie, SESSION_COOKIE);
    if (!token) return { ok: false, status: 401, message: 'not signed in' };
    const session = await findSession(deps.db, token, deps.envKeys, deps.now());
    if (!session) return { ok: false, status: 401, message: 'the session ended or expired: sign in again' };
    if (!SAFE_METHODS.has(request.method)) {
      if (!originAllowed(request.headers.origin, request.headers.host, deps.publicOrigin))
        return { ok: false, status: 403, message: 'request from another origin refused' };
      const sent = request.headers['x-csrf-token'];
      if (!csrfMatches(token, typeof sent === 'string' ? sent : undefined))
        return { ok: false, status: 403, message: 'missing or wrong X-CSRF-Token' };
    }
    sessions.set(request, session);
    return { ok: true, principal: { kind: 'session', id: session.id, workspace: session.workspace } };
  });
}
