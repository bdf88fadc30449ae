import type { Bus } from '@parley/bus';
import { MAX_BODY_CHARS, safeId, safeText } from '@parley/contracts';
import type { Database } from '@parley/db';
import { keyGuard, principalOf } from '@parley/runtime';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { getItem, listOpen } from '../inbox/store.js';
import type { PageCursor } from '../inbox/store.js';
import { toInboxView } from './view.js';
import { ActionError, approve, handBack, takeOver } from './actions.js';
import { INBOX_SCOPE, inboxAuth } from './auth.js';
import { INBOX_CSS, INBOX_HTML, INBOX_JS } from './page.js';

const AgentId = safeId('an agent id');
export const ApproveBody = z
  .object({ body: safeText(MAX_BODY_CHARS).optional(), agentId: AgentId.optional() })
  .strict();
export const TakeOverBody = z.object({ agentId: AgentId }).strict();
export const HandBackBody = z.object({ agentId: AgentId.optional() }).strict();
const ItemParams = z.object({ id: safeId('an inbox item id') });
const TicketParams = z.object({ id: safeId('a ticket id') });
const PAGE_MAX = 100;
export const ListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(PAGE_MAX).default(50),
    before: z
      .string()
      .max(400)
      .transform((c, ctx) => {
        const cursor = decodeCursor(c);
        if (!cursor) ctx.addIssue({ code: 'custom', message: 'must be a cursor from nextCursor' });
        return cursor ?? z.NEVER;
      })
      .optional(),
  })
  .strict();

/** Opaque to clients: base64url of the last item's creation time and id. */
function encodeCursor(c: PageCursor): string {
  return Buffer.from(JSON.stringify([c.createdAt.toISOString(), c.id])).toString('base64url');
}

function decodeCursor(text: string): PageCursor | undefined {
  try {
    const [at, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    const createdAt = new Date(String(at));
    if (
      typeof id !== 'string' ||
      !safeId('an inbox item id').safeParse(id).success ||
      Number.isNaN(createdAt.getTime())
    )
      return undefined;
    return { createdAt, id };
  } catch {
    return undefined;
  }
}

class BadRequest extends Error {}

/** Parses a part of the request or refuses it with 400 naming each problem. */
function parse<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown): T {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  throw new BadRequest(r.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '));
}

async function guard<T>(reply: FastifyReply, run: () => Promise<T>): Promise<T | FastifyReply> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof BadRequest)
      return reply.code(400).send({ error: 'invalid_request', message: err.message });
    if (err instanceof ActionError)
      return reply
        .code(err.status)
        .send({ error: err.status === 404 ? 'not_found' : 'conflict', message: err.message });
    throw err;
  }
}

const workspaceOf = (req: FastifyRequest) => principalOf(req).workspace;

export function registerInboxRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<Database>; bus: Bus; agentKeys: readonly string[]; now: () => Date },
): void {
  const verify = inboxAuth(deps.db, deps.agentKeys);
  // Every agent route is behind the inbox key, decided on the route that matched (see @parley/runtime access).
  const agent = { config: { access: { guard: keyGuard(verify, INBOX_SCOPE) } } };
  const page = {
    config: { access: { public: 'the page shell holds no data; it calls the API with a key' } },
  };

  app.get('/inbox', page, async (_req, reply) => reply.type('text/html; charset=utf-8').send(INBOX_HTML));
  app.get('/inbox/app.js', page, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').send(INBOX_JS),
  );
  app.get('/inbox/app.css', page, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').send(INBOX_CSS),
  );

  app.get('/v1/inbox', agent, async (req, reply) =>
    guard(reply, async () => {
      const query = parse(ListQuery, req.query);
      const { items, next } = await listOpen(deps.db, workspaceOf(req), query);
      return { items: items.map(toInboxView), nextCursor: next ? encodeCursor(next) : null };
    }),
  );

  app.get('/v1/inbox/:id', agent, async (req, reply) =>
    guard(reply, async () => {
      const { id } = parse(ItemParams, req.params);
      const item = await getItem(deps.db, workspaceOf(req), id);
      if (!item) throw new ActionError(404, `inbox item ${id} not found`);
      return toInboxView(item);
    }),
  );

  app.post('/v1/inbox/:id/approve', agent, async (req, reply) =>
    guard(reply, async () => {
      const { id } = parse(ItemParams, req.params);
      const body = parse(ApproveBody, req.body);
      return { status: 'sent', ...(await approve(deps.db, deps.bus, workspaceOf(req), id, body)) };
    }),
  );

  app.post('/v1/inbox/:id/take-over', agent, async (req, reply) =>
    guard(reply, async () => {
      const { id } = parse(ItemParams, req.params);
      const body = parse(TakeOverBody, req.body);
      await takeOver(deps.db, workspaceOf(req), id, body.agentId);
      return { status: 'taken_over' };
    }),
  );

  app.post('/v1/tickets/:id/hand-back', agent, async (req, reply) =>
    guard(reply, async () => {
      const { id } = parse(TicketParams, req.params);
      const body = parse(HandBackBody, req.body);
      await handBack(deps.db, workspaceOf(req), id, body.agentId, deps.now());
      return { owner: 'bot' };
    }),
  );
}
