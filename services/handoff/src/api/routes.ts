import type { Bus } from '@parley/bus';
import type { Database } from '@parley/db';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { getItem, listOpen } from '../inbox/store.js';
import { toInboxView } from './view.js';
import { ActionError, approve, handBack, takeOver } from './actions.js';
import { INBOX_SCOPE, inboxAuth } from './auth.js';
import { inboxPage } from './page.js';

const ApproveBody = z
  .object({ body: z.string().max(20_000).optional(), agentId: z.string().min(1).max(200).optional() })
  .strict();
const TakeOverBody = z.object({ agentId: z.string().min(1).max(200) }).strict();
const HandBackBody = z.object({ agentId: z.string().min(1).max(200).optional() }).strict();

function parse<T>(schema: z.ZodType<T>, body: unknown, reply: FastifyReply): T | undefined {
  const r = schema.safeParse(body ?? {});
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
  void reply.code(400).send({ error: 'invalid request body', problems });
  return undefined;
}

async function guard<T>(reply: FastifyReply, run: () => Promise<T>): Promise<T | FastifyReply> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ActionError) return reply.code(err.status).send({ error: err.message });
    throw err;
  }
}

export function registerInboxRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<Database>; bus: Bus; agentKeys: readonly string[]; now: () => Date },
): void {
  const authorised = inboxAuth(deps.db, deps.agentKeys);
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/v1/')) return;
    const auth = await authorised(req.headers.authorization);
    if (auth.ok) return;
    await reply
      .code(auth.status)
      .header(
        'www-authenticate',
        auth.status === 401 ? 'Bearer' : `Bearer error="insufficient_scope", scope="${INBOX_SCOPE}"`,
      )
      .send({ error: auth.status === 401 ? 'unauthorized' : 'forbidden', message: auth.message });
  });

  app.get('/inbox', async (_req, reply) => reply.type('text/html; charset=utf-8').send(inboxPage()));

  app.get('/v1/inbox', async () => ({ items: (await listOpen(deps.db)).map(toInboxView) }));

  app.get<{ Params: { id: string } }>('/v1/inbox/:id', async (req, reply) => {
    const item = await getItem(deps.db, req.params.id);
    return item
      ? toInboxView(item)
      : reply.code(404).send({ error: `inbox item ${req.params.id} not found` });
  });

  app.post<{ Params: { id: string } }>('/v1/inbox/:id/approve', async (req, reply) => {
    const body = parse(ApproveBody, req.body, reply);
    if (!body) return reply;
    return guard(reply, async () => ({
      status: 'sent',
      ...(await approve(deps.db, deps.bus, req.params.id, body)),
    }));
  });

  app.post<{ Params: { id: string } }>('/v1/inbox/:id/take-over', async (req, reply) => {
    const body = parse(TakeOverBody, req.body, reply);
    if (!body) return reply;
    return guard(reply, async () => {
      await takeOver(deps.db, req.params.id, body.agentId);
      return { status: 'taken_over' };
    });
  });

  app.post<{ Params: { id: string } }>('/v1/tickets/:id/hand-back', async (req, reply) => {
    const body = parse(HandBackBody, req.body, reply);
    if (!body) return reply;
    return guard(reply, async () => {
      await handBack(deps.db, req.params.id, body.agentId, deps.now());
      return { owner: 'bot' };
    });
  });
}
