import cors from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseBearer } from '@parley/auth';
import type { Verified } from '@parley/runtime';
import { principalOf } from '@parley/runtime';
import type { ChatSession } from '../channels/chat/sessions.js';
import {
  chatTranscript,
  createChatSession,
  openChatSession,
  postChatMessage,
} from '../channels/chat/sessions.js';
import type { IngressContext } from '../context.js';
import { countIngested, dbWork, keyAccess, prepareEdge, sessionAccess } from './edge.js';
import { invalidRequest } from './errors.js';
import { addJsonParser } from './json-body.js';
import {
  ChatMessageBody,
  ChatSessionBody,
  ChatSessionParams,
  issuesOf,
  parseBody,
  TranscriptQuery,
} from './schemas.js';

const sessions = new WeakMap<FastifyRequest, ChatSession>();

/** `Authorization: Bearer <session token>` of the session in the path; one answer for every failure. */
function sessionToken(context: IngressContext) {
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
 * Web chat under `/v1/chat`: the site's backend creates a session with its API key (`tickets` scope) and
 * gives the session id and token to its widget, which posts the visitor's messages and polls the transcript
 * with the token alone.
 */
export function registerChatRoutes(app: FastifyInstance, context: IngressContext): void {
  const { config, platform, metrics } = context;
  const db = platform.db.db;
  const deps = { db, outbox: platform.bus, crm: context.crm };
  const sessionOf = (request: FastifyRequest) => sessions.get(request)!;

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
      const withKey = { access: keyAccess(context) };
      const withToken = { access: sessionAccess(context, sessionToken(context)) };

      api.post('/sessions', { bodyLimit: config.maxBodyBytes, config: withKey }, async (request, reply) => {
        const visitor = parseBody(ChatSessionBody, request.body ?? {});
        const { workspace } = principalOf(request);
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
        const messages = await dbWork(context, request, () => chatTranscript(db, session, query.data.after));
        return { sessionId: session.id, ticketId: session.ticketId, messages };
      });
    },
    { prefix: '/v1/chat' },
  );
}
