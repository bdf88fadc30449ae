import type { FastifyInstance } from 'fastify';
import { parseEmail } from '../channels/email/parse.js';
import { receiveEmail } from '../channels/email/receive.js';
import type { IngressContext } from '../context.js';
import { principalOf } from '@parley/runtime';
import { bearerOrBasic, countIngested, dbWork, keyAccess, prepareEdge } from './edge.js';
import { invalidRequest } from './errors.js';

export const EMAIL_MEDIA_TYPE = 'message/rfc822';

/**
 * `POST /v1/email/inbound`: a raw RFC 822 message, as a mail provider's inbound-parse webhook posts it,
 * authenticated by an API key with the `tickets` scope (Bearer, or Basic with the key as password).
 */
export function registerEmailRoutes(app: FastifyInstance, context: IngressContext): void {
  const { config, platform, metrics } = context;
  const bodyLimit = config.email.maxBytes;
  const deps = { db: platform.db.db, outbox: platform.bus, crm: context.crm };
  const access = keyAccess(context, (request) => bearerOrBasic(request.headers.authorization));

  void app.register(
    async (api) => {
      prepareEdge(api, context, { mediaType: EMAIL_MEDIA_TYPE, bodyLimit });
      api.addContentTypeParser(EMAIL_MEDIA_TYPE, { parseAs: 'buffer', bodyLimit }, (_request, raw, done) =>
        done(null, raw),
      );

      api.post('/inbound', { bodyLimit, config: { access } }, async (request, reply) => {
        const raw = request.body;
        if (!Buffer.isBuffer(raw) || raw.length === 0) {
          throw invalidRequest([
            { path: '(root)', message: 'request body is empty; expected a raw RFC 822 message' },
          ]);
        }
        // Parsing is CPU work: it happens before the request takes a database slot.
        const mail = await parseEmail(raw);
        if (mail.automatic) {
          // Answered 200 so the provider does not retry it; nothing is stored.
          metrics.tickets.inc({ channel: 'email', outcome: 'ignored' });
          return reply.code(200).send({ ignored: mail.automatic });
        }
        const { workspace } = principalOf(request);
        const result = await dbWork(context, (guard) => receiveEmail({ ...deps, workspace }, mail, guard));
        countIngested(metrics, 'email', result);
        return reply
          .code(202)
          .send({ ticketId: result.ticketId, turn: result.turn, duplicate: result.outcome === 'duplicate' });
      });
    },
    { prefix: '/v1/email' },
  );
}
