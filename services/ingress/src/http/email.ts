import type { FastifyInstance } from 'fastify';
import { EmailLimitExceeded, EmailUnparseable } from '../channels/email/limits.js';
import { receiveEmail } from '../channels/email/receive.js';
import { unauthenticatedReason } from '../channels/email/sender-auth.js';
import type { IngressDeps } from '../context.js';
import { principalOf } from '@parley/runtime';
import { bearerOrBasic, countIngested, dbWork, keyAccess, prepareEdge } from './edge.js';
import { ApiError, invalidRequest } from './errors.js';

export const EMAIL_MEDIA_TYPE = 'message/rfc822';

/**
 * `POST /v1/email/inbound`: a raw RFC 822 message, as a mail provider's inbound-parse webhook posts it,
 * authenticated by an API key with the `tickets` scope (Bearer, or Basic with the key as password).
 */
export function registerEmailRoutes(app: FastifyInstance, context: IngressDeps): void {
  const { config, platform, metrics, emailParser: parser } = context;
  const { email } = config;
  const bodyLimit = email.maxBytes;
  const deps = { db: platform.db.db, outbox: platform.bus, crm: context.crm };
  const access = keyAccess(context, (request) => bearerOrBasic(request.headers.authorization));
  if (email.senderAuth === 'require' && email.authservIds.length === 0) {
    // Info, not warn: a deployment without email needs no mail host; one with email learns why nobody matches.
    platform.log.info(
      'INGRESS_EMAIL_AUTHSERV_ID is not set: no email sender can be authenticated, so every email opens a ' +
        'new ticket from an unknown customer (no CRM match, no threading)',
    );
  }

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
        // Parsing is CPU work: it runs in a worker thread, before the request takes a database slot.
        const mail = await parser.parse(raw).catch((err: unknown) => {
          const refused = refusal(err);
          if (refused) {
            // A parser that fails on a message may be a bug of ours: worth a warning, unlike a limit.
            const level = err instanceof EmailUnparseable ? 'warn' : 'info';
            platform.log[level](
              { requestId: request.id, refused: refused.body.error, reason: refused.body.message },
              'email refused by the parser',
            );
          }
          throw refused ?? err;
        });
        if (mail.automatic) {
          // Answered 200 so the provider does not retry it; nothing is stored.
          metrics.tickets.inc({ channel: 'email', outcome: 'ignored' });
          return reply.code(200).send({ ignored: mail.automatic });
        }
        const { workspace } = principalOf(request);
        const unauthenticated = unauthenticatedReason(email.senderAuth, mail.authentication);
        const result = await dbWork(context, request, (guard) =>
          receiveEmail({ ...deps, workspace }, mail, unauthenticated, guard),
        );
        countIngested(metrics, 'email', result);
        if (unauthenticated && result.outcome === 'created') {
          // Ids and a code only: who the email claims to be from stays out of the logs.
          platform.log.info(
            { ticketId: result.ticketId, senderAuth: unauthenticated },
            'email sender not authenticated: new ticket from an unknown customer',
          );
        }
        return reply
          .code(202)
          .send({ ticketId: result.ticketId, turn: result.turn, duplicate: result.outcome === 'duplicate' });
      });
    },
    { prefix: '/v1/email' },
  );
}

/**
 * A message the parser will never accept, as a 422 naming the limit or the failure: the provider must not
 * retry it (a 5xx would be retried for days). Anything else (503 when no parser is free) is left as it is.
 */
function refusal(err: unknown): ApiError | null {
  if (err instanceof EmailLimitExceeded) {
    return new ApiError(422, {
      error: 'email_limit_exceeded',
      message: err.message,
      issues: [{ path: err.path, message: err.problem }],
    });
  }
  if (err instanceof EmailUnparseable) {
    return new ApiError(422, { error: 'email_unparseable', message: err.message });
  }
  return null;
}
