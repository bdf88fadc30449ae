import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { RelayDeps } from '../desk/relay.js';
import { relayDeskReplies } from '../desk/relay.js';
import { ZendeskError } from '../desk/zendesk-client.js';
import { ZENDESK_SIGNATURE, ZENDESK_TIMESTAMP, zendeskSignatureValid } from '../desk/zendesk-signature.js';

/** What the Zendesk trigger's webhook sends: `{ "ticket_id": "{{ticket.id}}" }`. Nothing else is trusted. */
const Notice = z.object({
  ticket_id: z.union([z.number().int().positive(), z.string().regex(/^\d{1,18}$/)]),
});

/**
 * `POST /v1/desk/zendesk/events`: Zendesk says a mirrored ticket was updated; its public agent replies are read
 * from Zendesk's API and sent to the customer. Signed by Zendesk over the raw body, checked before the body is
 * looked at; a Zendesk API failure is a 503 so the webhook is retried.
 */
export function registerDeskWebhook(app: FastifyInstance, deps: RelayDeps & { secret: string }): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_req, body, done) => done(null, body),
    );
    scope.post(
      '/v1/desk/zendesk/events',
      {
        config: { access: { public: 'Zendesk signs the body (X-Zendesk-Webhook-Signature); checked first' } },
      },
      async (request, reply) => {
        const raw = typeof request.body === 'string' ? request.body : '';
        const signature = request.headers[ZENDESK_SIGNATURE];
        const timestamp = request.headers[ZENDESK_TIMESTAMP];
        if (
          !zendeskSignatureValid(
            deps.secret,
            raw,
            typeof signature === 'string' ? signature : undefined,
            typeof timestamp === 'string' ? timestamp : undefined,
            new Date(),
          )
        )
          return reply
            .code(401)
            .send({ error: 'unauthorized', message: 'missing, stale or wrong Zendesk signature' });
        let notice: z.infer<typeof Notice>;
        try {
          notice = Notice.parse(JSON.parse(raw));
        } catch {
          return reply
            .code(400)
            .send({ error: 'invalid_request', message: 'ticket_id: must be a Zendesk ticket id' });
        }
        try {
          return { relayed: await relayDeskReplies(deps, Number(notice.ticket_id)) };
        } catch (err) {
          if (!(err instanceof ZendeskError)) throw err;
          return reply
            .code(503)
            .header('retry-after', String(Math.ceil((err.retryAfterMs ?? 30_000) / 1000)))
            .send({ error: 'unavailable', message: err.message });
        }
      },
    );
  });
}
