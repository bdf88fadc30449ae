import cors from '@fastify/cors';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Rating } from '@parley/contracts';
import type { IngressDeps } from '../context.js';
import { choicePage, problemPage, ratedPage } from '../ratings/page.js';
import { rateReply } from '../ratings/rate.js';
import type { TokenCheck } from '../ratings/token.js';
import { verifyRatingToken } from '../ratings/token.js';
import { dbWork, prepareEdge } from './edge.js';
import { ApiError } from './errors.js';
import { addJsonParser } from './json-body.js';
import { parseBody, RatingBody, RatingQuery } from './schemas.js';

const ACCESS = {
  public:
    "a customer's rating link: the HMAC-signed token in the path is the credential, checked before any database work",
};

const PAGE_HEADERS = {
  'content-security-policy': "default-src 'none'; form-action 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store',
  // The token is in the URL: never hand it to another site.
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
};

function tokenOf(request: FastifyRequest): string {
  return (request.params as { token: string }).token;
}

/** Why a genuine token's reply cannot be rated. */
const REFUSED = {
  not_found: { status: 404, error: 'not_found', message: 'the reply this link rates does not exist' },
  not_rateable: { status: 409, error: 'not_rateable', message: 'only automated replies can be rated' },
} as const;

/**
 * Ratings of automated replies: `GET /r/:token?v=up|down` from the links in emails and SMS (a page, so a
 * customer sees what happened) and `POST /r/:token` `{ rating }` from the chat widget (JSON, from the chat
 * origins). Every refusal is a 4xx naming the problem; nothing is stored for a token that is not ours.
 */
export function registerRatingRoutes(app: FastifyInstance, context: IngressDeps): void {
  const { config, platform } = context;
  const db = platform.db.db;

  void app.register(
    async (api) => {
      if (config.chat.origins.length > 0) {
        await api.register(cors, {
          origin: config.chat.origins,
          methods: ['POST'],
          allowedHeaders: ['content-type'],
          maxAge: 600,
        });
      }
      prepareEdge(api, context, { mediaType: 'application/json' });
      addJsonParser(api);

      const check = (request: FastifyRequest): TokenCheck => {
        if (!config.ratings)
          throw new ApiError(404, {
            error: 'not_found',
            message: 'rating links are not enabled here (INGRESS_RATING_SECRET is not set)',
          });
        return verifyRatingToken(config.ratings.secret, tokenOf(request), new Date());
      };
      const rate = (request: FastifyRequest, replyId: string, rating: Rating) =>
        dbWork(context, request, () => rateReply(db, platform.bus, { replyId, rating, now: new Date() }));
      const html = (reply: FastifyReply, status: number, body: string) =>
        reply.code(status).headers(PAGE_HEADERS).type('text/html; charset=utf-8').send(body);

      api.get('/:token', { config: { access: ACCESS } }, async (request, reply) => {
        const checked = check(request);
        if (!checked.ok) return html(reply, checked.status, problemPage(checked.message));
        const query = RatingQuery.safeParse(request.query);
        if (!query.success) return html(reply, 400, problemPage('the answer must be v=up or v=down'));
        if (!query.data.v) return html(reply, 200, choicePage(tokenOf(request)));
        const outcome = await rate(request, checked.replyId, query.data.v);
        if (outcome.kind !== 'rated') {
          const refused = REFUSED[outcome.kind];
          return html(reply, refused.status, problemPage(refused.message));
        }
        return html(reply, 200, ratedPage(tokenOf(request), outcome.rating));
      });

      api.post('/:token', { config: { access: ACCESS } }, async (request) => {
        const checked = check(request);
        if (!checked.ok)
          throw new ApiError(checked.status, { error: checked.error, message: checked.message });
        const input = parseBody(RatingBody, request.body);
        const outcome = await rate(request, checked.replyId, input.rating);
        if (outcome.kind !== 'rated') {
          const { status, error, message } = REFUSED[outcome.kind];
          throw new ApiError(status, { error, message });
        }
        const { rating, revision, changed } = outcome;
        return { replyId: checked.replyId, rating, revision, changed };
      });
    },
    { prefix: '/r' },
  );
}
