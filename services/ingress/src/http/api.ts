import type { FastifyInstance, FastifyRequest } from 'fastify';
import { principalOf } from '@parley/runtime';
import type { IngressDeps } from '../context.js';
import { acceptTicket } from '../tickets/accept.js';
import { addCustomerTurn } from '../tickets/follow-up.js';
import { readTicketView } from '../tickets/view.js';
import { dbWork, keyAccess, prepareEdge } from './edge.js';
import { invalidRequest, notFound } from './errors.js';
import { addJsonParser } from './json-body.js';
import { AddMessageBody, CreateTicketBody, issuesOf, parseBody, TicketParams } from './schemas.js';

function ticketId(request: FastifyRequest): string {
  const params = TicketParams.safeParse(request.params);
  if (!params.success) throw invalidRequest(issuesOf(params.error));
  return params.data.id;
}

/**
 * The public ticket API under /v1 on the service's HTTP server (beside /healthz, /readyz, /metrics).
 * Every request needs a key with the `tickets` scope; it is checked before the body is even read, and
 * everything the key reaches is its workspace's: another workspace's ticket is a 404, like a missing one.
 */
export function registerApi(app: FastifyInstance, context: IngressDeps): void {
  const { config, platform, metrics } = context;
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
      prepareEdge(api, context, { mediaType: 'application/json' });
      addJsonParser(api);
      const withKey = { access: keyAccess(context) };

      api.post('/tickets', { bodyLimit: config.maxBodyBytes, config: withKey }, async (request, reply) => {
        const input = parseBody(CreateTicketBody, request.body);
        const { workspace } = principalOf(request);
        const result = await dbWork(context, request, (guard) =>
          acceptTicket({ db, workspace, outbox, crm: context.crm }, input, guard),
        );
        metrics.tickets.inc({ channel: input.channel, outcome: result.created ? 'created' : 'duplicate' });
        return reply.code(202).send({ ticketId: result.ticketId });
      });

      api.post(
        '/tickets/:id/messages',
        { bodyLimit: config.maxBodyBytes, config: withKey },
        async (request, reply) => {
          const id = ticketId(request);
          const input = parseBody(AddMessageBody, request.body);
          const { workspace } = principalOf(request);
          const result = await dbWork(context, request, (guard) =>
            addCustomerTurn(
              { db, workspace, outbox },
              id,
              { text: input.body, externalId: input.externalId },
              guard,
            ),
          );
          if (!result) throw notFound(`no ticket ${id}`);
          if (!result.duplicate) metrics.turns.inc({ owner: result.owner });
          return reply.code(202).send({ ticketId: result.ticketId, turn: result.turn });
        },
      );

      api.get('/tickets/:id', { config: withKey }, async (request) => {
        const id = ticketId(request);
        const view = await dbWork(context, request, () =>
          readTicketView(db, principalOf(request).workspace, id),
        );
        if (!view) throw notFound(`no ticket ${id}`);
        return view;
      });
    },
    { prefix: '/v1' },
  );
}
