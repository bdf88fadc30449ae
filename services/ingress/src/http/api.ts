import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodType, ZodTypeDef } from 'zod';
import type { IngressContext } from '../context.js';
import { TICKETS_SCOPE } from '../context.js';
import { acceptTicket } from '../tickets/accept.js';
import { addCustomerTurn } from '../tickets/follow-up.js';
import { readTicketView } from '../tickets/view.js';
import { errorHandler, invalidRequest, notFound, tooManyRequests } from './errors.js';
import { headerProblem } from './headers.js';
import { parseJsonBody } from './json-body.js';
import type { Issue } from './schemas.js';
import { AddMessageBody, CreateTicketBody, issuesOf, TicketParams } from './schemas.js';
import { withDeadline } from './unavailable.js';

function parse<T>(schema: ZodType<T, ZodTypeDef, unknown>, value: unknown): T {
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
    const issue: Issue = { path: '(root)', message: 'request body must be a JSON object' };
    throw invalidRequest([issue]);
  }
  const result = schema.safeParse(value);
  if (!result.success) throw invalidRequest(issuesOf(result.error));
  return result.data;
}

function ticketId(request: FastifyRequest): string {
  const params = TicketParams.safeParse(request.params);
  if (!params.success) throw invalidRequest(issuesOf(params.error));
  return params.data.id;
}

/**
 * The public ticket API under /v1 on the service's HTTP server (beside /healthz, /readyz, /metrics).
 * Every request needs a key with the `tickets` scope; it is checked before the body is even read.
 */
export function registerApi(app: FastifyInstance, context: IngressContext): void {
  const { config, platform, metrics, admission } = context;
  const db = platform.db.db;
  const outbox = platform.bus;
  const deadline = config.requestTimeoutMs;

  // Slow or stalled clients must not hold sockets open: Node answers 408 past these limits.
  app.server.requestTimeout = deadline;
  app.server.headersTimeout = Math.min(app.server.headersTimeout, deadline);

  void app.register(
    async (api) => {
      // Only JSON is accepted (anything else is 415 rather than a confusing validation error), parsed
      // strictly: see json-body.ts.
      api.removeAllContentTypeParsers();
      api.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, raw, done) => {
        try {
          done(null, parseJsonBody(raw as Buffer));
        } catch (err) {
          done(err as Error, undefined);
        }
      });
      api.setErrorHandler(
        errorHandler({
          log: platform.log,
          metrics,
          bodyLimit: config.maxBodyBytes,
          retryAfterSeconds: config.retryAfterSeconds,
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

      api.addHook('onRequest', async (request, reply) => {
        const auth = await withDeadline(deadline, () =>
          context.verifier.verify(request.headers.authorization),
        );
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
      });

      api.post('/tickets', { bodyLimit: config.maxBodyBytes }, async (request, reply) => {
        const input = parse(CreateTicketBody, request.body);
        const result = await withDeadline(deadline, (guard) =>
          admission.db(() => acceptTicket({ db, outbox, crm: context.crm }, input, guard)),
        );
        metrics.tickets.inc({ channel: input.channel, outcome: result.created ? 'created' : 'duplicate' });
        return reply.code(202).send({ ticketId: result.ticketId });
      });

      api.post('/tickets/:id/messages', { bodyLimit: config.maxBodyBytes }, async (request, reply) => {
        const id = ticketId(request);
        const input = parse(AddMessageBody, request.body);
        const result = await withDeadline(deadline, (guard) =>
          admission.db(() => addCustomerTurn({ db, outbox }, id, { text: input.body, externalId: input.externalId }, guard)),
        );
        if (!result) throw notFound(`no ticket ${id}`);
        if (!result.duplicate) metrics.turns.inc({ owner: result.owner });
        return reply.code(202).send({ ticketId: result.ticketId, turn: result.turn });
      });

      api.get('/tickets/:id', async (request) => {
        const id = ticketId(request);
        const view = await withDeadline(deadline, () => admission.db(() => readTicketView(db, id)));
        if (!view) throw notFound(`no ticket ${id}`);
        return view;
      });
    },
    { prefix: '/v1' },
  );
}
