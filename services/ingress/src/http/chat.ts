import cors from '@fastify/cors';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import { parseBearer } from '@parley/auth';
import type { ChatSession } from '../channels/chat/sessions.js';
import {
  chatTranscript,
  createChatSession,
  openChatSession,
  postChatMessage,
} from '../channels/chat/sessions.js';
import type { IngressContext } from '../context.js';
import { countIngested, dbWork, prepareEdge, requireKey } from './edge.js';
import { ApiError, invalidRequest } from './errors.js';
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

function unauthorized(message: string): ApiError {
  return new ApiError(401, { error: 'unauthorized', message });
}

/** Requires `Authorization: Bearer <session token>` of the session in the path; one answer for every failure. */
function requireSessionToken(context: IngressContext): onRequestHookHandler {
  return async (request) => {
    const params = ChatSessionParams.safeParse(request.params);
    if (!params.success) throw invalidRequest(issuesOf(params.error));
    const bearer = parseBearer(request.headers.authorization);
    if ('problem' in bearer) throw unauthorized(bearer.problem.replace('<key>', '<session token>'));
    const session = await dbWork(context, () =>
      openChatSession(context.platform.db.db, params.data.id, bearer.key),
    );
    // An unknown session and a wrong token look alike: ids cannot be probed.
    if (!session) throw unauthorized('unknown chat session or wrong session token');
    sessions.set(request, session);
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

      api.post(
        '/sessions',
        { bodyLimit: config.maxBodyBytes, onRequest: requireKey(context) },
        async (request, reply) => {
          const visitor = parseBody(ChatSessionBody, request.body ?? {});
          const created = await dbWork(context, () => createChatSession(db, visitor));
          return reply.code(201).send(created);
        },
      );

      api.post(
        '/sessions/:id/messages',
        { bodyLimit: config.maxBodyBytes, onRequest: requireSessionToken(context) },
        async (request, reply) => {
          const input = parseBody(ChatMessageBody, request.body);
          const result = await dbWork(context, (guard) =>
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

      api.get('/sessions/:id/messages', { onRequest: requireSessionToken(context) }, async (request) => {
        const query = TranscriptQuery.safeParse(request.query);
        if (!query.success) throw invalidRequest(issuesOf(query.error));
        const session = sessionOf(request);
        const messages = await dbWork(context, () => chatTranscript(db, session, query.data.after));
        return { sessionId: session.id, ticketId: session.ticketId, messages };
      });
    },
    { prefix: '/v1/chat' },
  );
}
