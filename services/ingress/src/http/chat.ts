import { readFileSync } from 'node:fs';
import cors from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findActiveKey, KeyVerifier, parseBearer } from '@parley/auth';
import type { Verified } from '@parley/runtime';
import { principalOf } from '@parley/runtime';
import { widgetFile } from '@parley/web';
import type { ChatSession } from '../channels/chat/sessions.js';
import {
  chatTranscript,
  createChatSession,
  openChatSession,
  postChatMessage,
  ticketOwner,
  ticketStates,
} from '../channels/chat/sessions.js';
import { RateLimiter } from '../channels/chat/rate.js';
import { ChatWatch } from '../channels/chat/watch.js';
import type { IngressDeps } from '../context.js';
import { ratingToken } from '../ratings/links.js';
import { countIngested, dbWork, leaveInFlight, prepareEdge, sessionAccess } from './edge.js';
import { ApiError, invalidRequest } from './errors.js';
import { addJsonParser } from './json-body.js';
import {
  ChatMessageBody,
  ChatSessionBody,
  ChatSessionParams,
  issuesOf,
  parseBody,
  PublicChatSessionBody,
  TranscriptQuery,
} from './schemas.js';

/** The scope of a store's public web chat key: it can only start sessions, from the configured origins. */
export const CHAT_SCOPE = 'chat';

const sessions = new WeakMap<FastifyRequest, ChatSession>();
/** Session requests made with a public chat key (a browser on the store's page), not the store's backend. */
const publicKeyRequests = new WeakSet<FastifyRequest>();

/** `Authorization: Bearer <session token>` of the session in the path; one answer for every failure. */
function sessionToken(context: IngressDeps) {
  return async (request: FastifyRequest): Promise<Verified> => {
    const params = ChatSessionParams.safeParse(request.params);
    if (!params.success) throw invalidRequest(issuesOf(params.error));
    const bearer = parseBearer(request.headers.authorization);
    if ('problem' in bearer)
      return { ok: false, status: 401, message: bearer.problem.replace('<key>', '<session token>') };
    const session = await dbWork(context, request, () =>
      openChatSession(context.platform.db.db, params.data.id, bearer.key),
    );
    // An unknown session and a wrong token look alike: ids cannot be probed.
    if (!session) return { ok: false, status: 401, message: 'unknown chat session or wrong session token' };
    sessions.set(request, session);
    return { ok: true, principal: { kind: 'session', id: session.id, workspace: session.workspace } };
  };
}

/**
 * Who may start a session: the store's backend with its `tickets` key (it may say who the visitor is), or the
 * widget in a visitor's browser with the store's public `chat` key, only from an origin in
 * `INGRESS_CHAT_ORIGINS`. Each visitor's address is then a client of its own for admission, so one busy visitor
 * never holds the places of the others.
 */
function sessionStarter(context: IngressDeps, chatKeys: KeyVerifier) {
  return async (request: FastifyRequest): Promise<Verified> => {
    const header = request.headers.authorization;
    const chat = await chatKeys.verify(header);
    if (chat.ok) {
      const origin = request.headers.origin;
      if (!origin || !context.config.chat.origins.includes(origin))
        return {
          ok: false,
          status: 403,
          message: 'a public chat key is accepted only from the origins in INGRESS_CHAT_ORIGINS',
        };
      publicKeyRequests.add(request);
      const address = request.socket.remoteAddress ?? 'unknown';
      return {
        ok: true,
        principal: { kind: 'key', id: `${chat.keyId}@${address}`, workspace: chat.workspace },
      };
    }
    const tickets = await context.verifier.verify(header);
    if (tickets.ok)
      return { ok: true, principal: { kind: 'key', id: tickets.keyId, workspace: tickets.workspace } };
    if (chat.status === 403 && tickets.status === 403)
      return {
        ok: false,
        status: 403,
        message: 'API key lacks the "tickets" or "chat" scope',
        scope: 'tickets',
      };
    return { ...tickets, scope: 'tickets' };
  };
}

/**
 * Web chat under `/v1/chat`: a session is started by the store's backend with its API key, or by the widget
 * with the store's public chat key; the widget then posts the visitor's messages and follows the transcript with
 * the session token alone. `GET /v1/chat/widget.js` is the widget itself.
 */
export function registerChatRoutes(app: FastifyInstance, context: IngressDeps): void {
  const { config, platform, metrics } = context;
  const db = platform.db.db;
  const deps = { db, outbox: platform.bus, crm: context.crm };
  const sessionOf = (request: FastifyRequest) => sessions.get(request)!;
  const chatKeys = new KeyVerifier(
    config.chat.publicKeys,
    (hash) => context.admission.db('key-lookups', () => findActiveKey(db, hash)),
    CHAT_SCOPE,
  );
  const limiter = new RateLimiter(config.chat.sessionsPerMinute);
  const ratings = config.ratings;
  const rateToken = ratings ? (replyId: string) => ratingToken(ratings, replyId, new Date()) : undefined;
  const watch = new ChatWatch({
    maxWaiting: config.chat.maxWaiting,
    intervalMs: config.chat.watchMs,
    check: (ids) => context.admission.db('chat-watch', () => ticketStates(db, ids)),
    onError: (err) => platform.log.warn({ err }, 'chat transcript watch failed; checking again'),
  });
  app.addHook('preClose', async () => watch.close());

  let widget: Buffer | null = null;
  try {
    widget = readFileSync(widgetFile);
  } catch {
    platform.log.warn('the chat widget is not built: run `pnpm install`; /v1/chat/widget.js answers 503');
  }

  void app.register(
    async (api) => {
      // The widget runs on the store's pages: browsers there may call these routes only from the configured
      // origins. Registered first so a preflight is answered before the edge's checks.
      if (config.chat.origins.length > 0) {
        await api.register(cors, {
          origin: config.chat.origins,
          methods: ['GET', 'POST'],
          allowedHeaders: ['authorization', 'content-type'],
          maxAge: 600,
        });
      }
      prepareEdge(api, context, { mediaType: 'application/json' });
      addJsonParser(api);
      const starter = { access: sessionAccess(context, sessionStarter(context, chatKeys)) };
      const withToken = { access: sessionAccess(context, sessionToken(context)) };

      api.get(
        '/widget.js',
        {
          config: {
            access: { public: 'the widget script is public code; the chat key it is given is public too' },
          },
        },
        async (_request, reply) => {
          if (!widget)
            return reply.code(503).send({ error: 'unavailable', message: 'the chat widget is not built' });
          return (
            reply
              .type('text/javascript; charset=utf-8')
              .header('cache-control', 'public, max-age=300')
              // Loaded by a <script> tag on the store's pages, which are another origin.
              .header('cross-origin-resource-policy', 'cross-origin')
              .send(widget)
          );
        },
      );

      api.post('/sessions', { bodyLimit: config.maxBodyBytes, config: starter }, async (request, reply) => {
        const { workspace } = principalOf(request);
        let visitor: { name?: string | undefined; email?: string | undefined };
        if (publicKeyRequests.has(request)) {
          const body = request.body as Record<string, unknown> | null | undefined;
          if (body && typeof body === 'object' && 'email' in body)
            throw invalidRequest([
              {
                path: 'email',
                message:
                  "not accepted with a public chat key (a visitor's address is unverified; start the session from your backend with a tickets key to identify a customer)",
              },
            ]);
          visitor = parseBody(PublicChatSessionBody, request.body ?? {});
          const waitMs = limiter.take(request.socket.remoteAddress ?? 'unknown');
          if (waitMs > 0) {
            metrics.refused.inc({ bound: 'chat_sessions' });
            throw new ApiError(
              429,
              {
                error: 'too_many_requests',
                message: `this address started ${config.chat.sessionsPerMinute} chat sessions in the last minute`,
              },
              Math.ceil(waitMs / 1000),
            );
          }
        } else {
          visitor = parseBody(ChatSessionBody, request.body ?? {});
        }
        const created = await dbWork(context, request, () => createChatSession(db, workspace, visitor));
        return reply.code(201).send(created);
      });

      api.post(
        '/sessions/:id/messages',
        { bodyLimit: config.maxBodyBytes, config: withToken },
        async (request, reply) => {
          const input = parseBody(ChatMessageBody, request.body);
          const result = await dbWork(context, request, (guard) =>
            postChatMessage(
              deps,
              sessionOf(request),
              { text: input.body, clientMessageId: input.clientMessageId },
              guard,
            ),
          );
          countIngested(metrics, 'chat', result);
          return reply.code(202).send({
            ticketId: result.ticketId,
            turn: result.turn,
            duplicate: result.outcome === 'duplicate',
          });
        },
      );

      api.get('/sessions/:id/messages', { config: withToken }, async (request) => {
        const query = TranscriptQuery.safeParse(request.query);
        if (!query.success) throw invalidRequest(issuesOf(query.error));
        const session = sessionOf(request);
        const { after, waitMs = 0 } = query.data;
        const read = () =>
          dbWork(context, request, async () => ({
            messages: await chatTranscript(db, session, after, rateToken),
            owner: await ticketOwner(db, session.ticketId),
          }));
        let now = await read();
        if (now.messages.length === 0 && waitMs > 0 && session.ticketId) {
          const gone = new AbortController();
          request.raw.once('close', () => gone.abort());
          const held = watch.wait(
            session.ticketId,
            { lastId: after ?? null, owner: now.owner },
            waitMs,
            gone.signal,
          );
          if (!held)
            throw new ApiError(
              429,
              { error: 'too_many_requests', message: 'too many transcript requests are waiting; poll again' },
              config.busyRetryAfterSeconds,
            );
          // A waiting visitor holds no place among the server's requests in flight (the watch has its own bound).
          leaveInFlight(request);
          metrics.chatWaiting.set(watch.waiting);
          const outcome = await held;
          metrics.chatWaiting.set(watch.waiting);
          if (outcome === 'changed') now = await read();
        }
        return {
          sessionId: session.id,
          ticketId: session.ticketId,
          messages: now.messages,
          agentJoined: now.owner === 'agent',
        };
      });
    },
    { prefix: '/v1/chat' },
  );
}
