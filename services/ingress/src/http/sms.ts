import type { FastifyInstance, FastifyRequest } from 'fastify';
import { twilioSignatureValid } from '../channels/sms/signature.js';
import { readSmsForm, receiveSms } from '../channels/sms/receive.js';
import type { IngressDeps } from '../context.js';
import { countIngested, dbWork, prepareEdge, webhookAccess } from './edge.js';
import { ApiError } from './errors.js';

const FORM = 'application/x-www-form-urlencoded';
/** HMAC-SHA1 in base64: 28 characters. */
const SIGNATURE = /^[A-Za-z0-9+/]{27}=$/;
/** Twilio's form for one message is a few kilobytes; nothing larger is read from an unauthenticated caller. */
const SMS_BODY_LIMIT = 32 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** An empty TwiML document: the message is taken and Twilio sends nothing back by itself. */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/**
 * `POST /v1/sms/twilio`: Twilio's incoming-message webhook, authenticated by its `X-Twilio-Signature`
 * (HMAC-SHA1 with `INGRESS_TWILIO_AUTH_TOKEN`), not by an API key. Off (404) without the token. The signed URL
 * is always the configured `INGRESS_TWILIO_WEBHOOK_URL`, never one rebuilt from `Host` or `X-Forwarded-*`:
 * those are the caller's to choose, and would let a request Twilio signed for another URL be replayed here.
 */
export function registerSmsRoutes(app: FastifyInstance, context: IngressDeps): void {
  const { config, platform, metrics } = context;
  const { sms } = config;
  const { webhook } = sms;
  const deps = { db: platform.db.db, outbox: platform.bus, crm: context.crm };

  void app.register(
    async (api) => {
      prepareEdge(api, context, { mediaType: FORM });
      api.addContentTypeParser(FORM, { parseAs: 'buffer' }, (_request, raw, done) => {
        try {
          done(null, new URLSearchParams(utf8.decode(raw as Buffer)));
        } catch {
          done(new ApiError(400, { error: 'invalid_encoding', message: 'request body is not valid UTF-8' }));
        }
      });
      // Before the body: the channel must be on and the request must carry a signature to check.
      const precheck = (request: FastifyRequest) => {
        if (!webhook) {
          throw new ApiError(404, {
            error: 'not_found',
            message: 'the sms channel is off: INGRESS_TWILIO_AUTH_TOKEN is not set',
          });
        }
        const header = request.headers['x-twilio-signature'];
        if (typeof header !== 'string' || !SIGNATURE.test(header)) {
          throw new ApiError(403, {
            error: 'forbidden',
            message: 'missing or malformed X-Twilio-Signature header',
          });
        }
      };
      const access = webhookAccess(context, 'sms', sms.workspace, precheck);
      // After parsing: the signature covers the parameters.
      api.addHook('preHandler', async (request) => {
        const params = request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
        const header = request.headers['x-twilio-signature'];
        const signature = Array.isArray(header) ? undefined : header;
        if (!webhook || !twilioSignatureValid(webhook.authToken, webhook.url, params, signature)) {
          throw new ApiError(403, {
            error: 'forbidden',
            message: signature
              ? 'X-Twilio-Signature does not match this request (check the auth token and INGRESS_TWILIO_WEBHOOK_URL)'
              : 'missing X-Twilio-Signature header',
          });
        }
      });

      api.post('/twilio', { bodyLimit: SMS_BODY_LIMIT, config: { access } }, async (request, reply) => {
        const message = readSmsForm(request.body as URLSearchParams);
        const result = await dbWork(context, request, (guard) =>
          receiveSms({ ...deps, workspace: sms.workspace }, message, sms.threadWindowMs, guard),
        );
        countIngested(metrics, 'sms', result);
        return reply.code(200).type('text/xml').send(EMPTY_TWIML);
      });
    },
    { prefix: '/v1/sms' },
  );
}
