import { safeId, safeString } from '@parley/contracts';
import type { RouteAccess } from '@parley/runtime';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { InboxHub } from '../live/hub.js';
import { clearedSessionCookie, cookieValue, SESSION_COOKIE, sessionCookie } from '../session/cookies.js';
import type { SessionAccessDeps } from '../session/guard.js';
import { originAllowed, sessionGuard, sessionOf } from '../session/guard.js';
import { csrfTokenFor, endSession, envKeyIds, openSession } from '../session/sessions.js';
import type { Asset } from './assets.js';
import { loadWorkspaceAssets } from './assets.js';
import { inboxAuth } from './auth.js';
import { liveStream } from './live.js';
import type { InboxApiDeps } from './routes.js';
import { guard, registerSessionApi } from './routes.js';

const SignIn = z
  .object({
    key: safeString().pipe(z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters')),
    agentId: safeId('an agent id (your name: letters, digits, _ . : or -)', 100),
  })
  .strict();

export interface WorkspaceDeps extends InboxApiDeps {
  agentKeys: readonly string[];
  sessionHours: number;
  publicOrigin: string | null;
  hub: InboxHub;
  /** Where the built workspace is (`@parley/web`); its absence is reported on the page, not a crash. */
  dist: string;
}

const PAGE = {
  public: 'the workspace shell and its hashed assets hold no data; the API behind them needs a session',
};
const SIGN_IN = {
  public: 'signing in is how a session is obtained; the key is checked here, the Origin too',
};

function send(reply: FastifyReply, asset: Asset, cache: string): FastifyReply {
  return reply.type(asset.type).header('cache-control', cache).send(asset.body);
}

/**
 * The agent workspace: the built single-page app at `/inbox`, sign-in and sign-out, and its API under
 * `/inbox/api` behind the session cookie, with live updates at `/inbox/api/events`.
 */
export function registerWorkspace(app: FastifyInstance, deps: WorkspaceDeps): void {
  const envKeys = envKeyIds(deps.agentKeys);
  const sessionDeps: SessionAccessDeps = {
    db: deps.db,
    envKeys,
    publicOrigin: deps.publicOrigin,
    now: deps.now,
  };
  const access: RouteAccess = { guard: sessionGuard(sessionDeps) };
  const secure = deps.publicOrigin?.startsWith('https:') ?? false;
  const verify = inboxAuth(deps.db, deps.agentKeys);

  const assets = loadWorkspaceAssets(deps.dist);
  app.get('/inbox', { config: { access: PAGE } }, async (_req, reply) => {
    if (!assets)
      return reply.code(503).send({
        error: 'unavailable',
        message:
          'the agent workspace is not built: run `pnpm install` (or `pnpm --filter @parley/web build`)',
      });
    return send(reply, assets.index, 'no-cache');
  });
  app.get('/inbox/assets/:name', { config: { access: PAGE } }, async (req, reply) => {
    const asset = assets?.files.get((req.params as { name: string }).name);
    if (!asset) return reply.code(404).send({ error: 'not_found', message: 'no such asset' });
    // Names carry a content hash: a new build is a new name.
    return send(reply, asset, 'public, max-age=31536000, immutable');
  });

  app.post('/inbox/session', { config: { access: SIGN_IN } }, async (req, reply) =>
    guard(reply, async () => {
      if (!originAllowed(req.headers.origin, req.headers.host, deps.publicOrigin))
        return reply.code(403).send({ error: 'forbidden', message: 'sign-in from another origin refused' });
      const parsed = SignIn.safeParse(req.body ?? {});
      if (!parsed.success)
        return reply.code(400).send({
          error: 'invalid_request',
          message: parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '),
        });
      const auth = await verify(`Bearer ${parsed.data.key}`);
      if (!auth.ok)
        return reply
          .code(auth.status)
          .send({ error: auth.status === 401 ? 'unauthorized' : 'forbidden', message: auth.message });
      const { token, session } = await openSession(deps.db, {
        workspace: auth.workspace,
        keyId: auth.keyId,
        agentId: parsed.data.agentId,
        hours: deps.sessionHours,
        now: deps.now(),
      });
      reply.header('set-cookie', sessionCookie(token, { maxAgeSeconds: deps.sessionHours * 3600, secure }));
      return {
        agentId: session.agentId,
        workspace: session.workspace,
        csrfToken: csrfTokenFor(token),
        expiresAt: session.expiresAt.toISOString(),
      };
    }),
  );

  app.post('/inbox/session/end', { config: { access } }, async (req, reply) => {
    const token = cookieValue(req.headers.cookie, SESSION_COOKIE);
    if (token) await endSession(deps.db, token, deps.now());
    reply.header('set-cookie', clearedSessionCookie(secure));
    return { signedOut: true };
  });

  app.get('/inbox/api/me', { config: { access } }, async (req) => {
    const session = sessionOf(req);
    const token = cookieValue(req.headers.cookie, SESSION_COOKIE)!;
    return {
      agentId: session.agentId,
      workspace: session.workspace,
      csrfToken: csrfTokenFor(token),
      expiresAt: session.expiresAt.toISOString(),
    };
  });

  app.get('/inbox/api/events', { config: { access } }, liveStream(deps.hub, deps.metrics));
  // Browsers that stop before the stream ends (the server closing) reconnect to another replica.
  app.addHook('preClose', async () => deps.hub.close());

  registerSessionApi(app, deps, access);
}
