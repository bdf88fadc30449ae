import type { Bus } from '@parley/bus';
import { MAX_BODY_CHARS, safeId, safeText } from '@parley/contracts';
import type { Database } from '@parley/db';
import type { RouteAccess } from '@parley/runtime';
import { keyGuard, principalOf } from '@parley/runtime';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { HandoffMetrics } from '../events.js';
import type { Actor } from '../inbox/actions.js';
import { ActionError, approve, assign, decideAction, handBack, resolve, takeOver } from '../inbox/actions.js';
import { itemWithContext } from '../inbox/detail.js';
import type { Queue, QueueCursor } from '../inbox/queues.js';
import {
  CHANNELS,
  listQueue,
  openIntents,
  PRIORITIES,
  QUEUES,
  queueCounts,
  validCursor,
} from '../inbox/queues.js';
import type { PageCursor } from '../inbox/store.js';
import { listOpen } from '../inbox/store.js';
import { parseDayRange } from '../quality/range.js';
import { qualityReport } from '../quality/report.js';
import { sessionOf } from '../session/guard.js';
import { INBOX_SCOPE, inboxAuth } from './auth.js';
import { toInboxView } from './view.js';

const AgentId = safeId('an agent id');
const Note = safeText(1000);
const Decision = z.enum(['approve', 'reject']);

// The key API's bodies may name the acting agent; the workspace's never do (the agent is the one signed in).
export const ApproveBody = z
  .object({ body: safeText(MAX_BODY_CHARS).optional(), agentId: AgentId.optional() })
  .strict();
export const TakeOverBody = z.object({ agentId: AgentId }).strict();
export const HandBackBody = z.object({ agentId: AgentId.optional() }).strict();
export const AssignBody = z.object({ assignee: AgentId.nullable(), agentId: AgentId.optional() }).strict();
export const ResolveBody = z.object({ agentId: AgentId.optional() }).strict();
export const ActionBody = z
  .object({ decision: Decision, note: Note.optional(), agentId: AgentId.optional() })
  .strict();

const SessionBodies = {
  approve: z.object({ body: safeText(MAX_BODY_CHARS).optional() }).strict(),
  takeOver: z.object({}).strict(),
  handBack: z.object({}).strict(),
  assign: z.object({ assignee: AgentId.nullable() }).strict(),
  resolve: z.object({}).strict(),
  action: z.object({ decision: Decision, note: Note.optional() }).strict(),
};
const KeyBodies = {
  approve: ApproveBody,
  takeOver: TakeOverBody,
  handBack: HandBackBody,
  assign: AssignBody,
  resolve: ResolveBody,
  action: ActionBody,
};
const ItemParams = z.object({ id: safeId('an inbox item id') });
const TicketParams = z.object({ id: safeId('a ticket id') });
const QueueParams = z.object({
  queue: z.enum(QUEUES, { errorMap: () => ({ message: `must be one of ${QUEUES.join(', ')}` }) }),
});
const PAGE_MAX = 100;

/** `GET .../reports/quality?from&to`: UTC days as YYYY-MM-DD (checked by parseDayRange). */
export const ReportQuery = z
  .object({ from: z.string().max(40).optional(), to: z.string().max(40).optional() })
  .strict();

export const QueueQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(PAGE_MAX).default(50),
    after: z.string().max(600).optional(),
    intent: safeId('an intent', 100).optional(),
    channel: z.enum(CHANNELS).optional(),
    priority: z.enum(PRIORITIES).optional(),
  })
  .strict();

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

function decodeQueueCursor(queue: Queue, text: string): QueueCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!validCursor(queue, parsed))
    throw new BadRequest('after: must be a cursor from nextCursor of this queue');
  return parsed;
}

export class BadRequest extends Error {}

/** Parses a part of the request or refuses it with 400 naming each problem. */
function parse<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown): T {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  throw new BadRequest(r.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '));
}

export async function guard<T>(reply: FastifyReply, run: () => Promise<T>): Promise<T | FastifyReply> {
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

export interface InboxApiDeps {
  db: Kysely<Database>;
  bus: Bus;
  now: () => Date;
  metrics: HandoffMetrics;
}

/**
 * How one mount of the inbox API names its routes, who may call them, and who acts: the `/v1` API takes an
 * inbox key and an optional `agentId` in the body; the workspace's own API takes the session cookie, and the
 * agent is the one signed in (bodies carry no agent id there).
 */
interface Mount {
  access: RouteAccess;
  items: string;
  tickets: string;
  queues: string;
  reports: string;
  /** The body each action takes on this mount. */
  bodies: typeof KeyBodies | typeof SessionBodies;
  actorOf(request: FastifyRequest, body: object): Actor;
}

function mountInboxApi(app: FastifyInstance, deps: InboxApiDeps, mount: Mount): void {
  const config = { config: { access: mount.access } };
  const { db, bus, now, metrics } = deps;
  const bodies = mount.bodies;

  app.get(`${mount.queues}/:queue`, config, async (req, reply) =>
    guard(reply, async () => {
      const { queue } = parse(QueueParams, req.params);
      const query = parse(QueueQuery, req.query);
      const agentId = mount.actorOf(req, {}).agentId ?? null;
      const filter = { intent: query.intent, channel: query.channel, priority: query.priority };
      const at = now();
      const workspace = workspaceOf(req);
      const page = await listQueue(db, workspace, {
        queue,
        filter,
        agentId,
        limit: query.limit,
        after: query.after ? decodeQueueCursor(queue, query.after) : undefined,
        now: at,
      });
      return {
        queue,
        items: page.items.map(toInboxView),
        nextCursor: page.next ? Buffer.from(JSON.stringify(page.next)).toString('base64url') : null,
        counts: await queueCounts(db, workspace, filter, agentId, at),
        intents: await openIntents(db, workspace),
        now: at.toISOString(),
      };
    }),
  );

  app.get(`${mount.reports}/quality`, config, async (req, reply) =>
    guard(reply, async () => {
      const checked = parseDayRange(parse(ReportQuery, req.query), now());
      if (!checked.ok) throw new BadRequest(checked.problems.join('; '));
      return qualityReport(db, workspaceOf(req), checked.range);
    }),
  );

  app.get(`${mount.items}/:id`, config, async (req, reply) =>
    guard(reply, async () => {
      const { id } = parse(ItemParams, req.params);
      const found = await itemWithContext(db, workspaceOf(req), id);
      if (!found) throw new ActionError(404, `inbox item ${id} not found`);
      return { ...toInboxView(found.item), ...found.context };
    }),
  );

  const post = <B extends object>(
    path: string,
    params: typeof ItemParams | typeof TicketParams,
    schema: z.ZodType<B, z.ZodTypeDef, unknown>,
    action: string,
    run: (req: FastifyRequest, id: string, body: B, actor: Actor) => Promise<unknown>,
  ) =>
    app.post(path, config, async (req, reply) =>
      guard(reply, async () => {
        const { id } = parse(params, req.params);
        const parsed = parse(schema, req.body);
        const result = await run(req, id, parsed, mount.actorOf(req, parsed));
        metrics.agentActions.inc({ action });
        return result;
      }),
    );

  post(`${mount.items}/:id/approve`, ItemParams, bodies.approve, 'approve', async (req, id, b, actor) => ({
    status: 'sent',
    ...(await approve(db, bus, workspaceOf(req), id, { body: b.body, actor, now: now() })),
  }));

  post(
    `${mount.items}/:id/take-over`,
    ItemParams,
    bodies.takeOver,
    'take_over',
    async (req, id, _b, actor) => {
      // The key API's body requires the agent; the workspace's agent is the one signed in.
      if (!actor.agentId) throw new BadRequest('agentId: Required');
      await takeOver(db, bus, workspaceOf(req), id, actor.agentId, now());
      return { status: 'taken_over' };
    },
  );

  post(`${mount.items}/:id/assign`, ItemParams, bodies.assign, 'assign', async (req, id, b, actor) => {
    await assign(db, workspaceOf(req), id, { assignee: b.assignee, agentId: actor.agentId, now: now() });
    return { assignee: b.assignee };
  });

  post(`${mount.items}/:id/resolve`, ItemParams, bodies.resolve, 'resolve', async (req, id, _b, actor) => {
    await resolve(db, workspaceOf(req), id, { agentId: actor.agentId, now: now() });
    return { status: 'closed' };
  });

  post(`${mount.items}/:id/action`, ItemParams, bodies.action, 'action', async (req, id, b, actor) => {
    const decided = await decideAction(db, bus, workspaceOf(req), id, {
      decision: b.decision === 'approve' ? 'approved' : 'rejected',
      agentId: actor.agentId,
      note: b.note,
      now: now(),
    });
    return { actionDecision: decided };
  });

  post(
    `${mount.tickets}/:id/hand-back`,
    TicketParams,
    bodies.handBack,
    'hand_back',
    async (req, id, _b, actor) => {
      await handBack(db, bus, workspaceOf(req), id, actor.agentId, now());
      return { owner: 'bot' };
    },
  );
}

/** The inbox API for integrations and scripts: `Authorization: Bearer <inbox key>`. */
export function registerKeyApi(
  app: FastifyInstance,
  deps: InboxApiDeps & { agentKeys: readonly string[] },
): void {
  const verify = inboxAuth(deps.db, deps.agentKeys);
  // Every agent route is behind the inbox key, decided on the route that matched (see @parley/runtime access).
  const access = { guard: keyGuard(verify, INBOX_SCOPE) };

  app.get('/v1/inbox', { config: { access } }, async (req, reply) =>
    guard(reply, async () => {
      const query = parse(ListQuery, req.query);
      const { items, next } = await listOpen(deps.db, workspaceOf(req), query);
      return { items: items.map(toInboxView), nextCursor: next ? encodeCursor(next) : null };
    }),
  );

  mountInboxApi(app, deps, {
    access,
    items: '/v1/inbox',
    tickets: '/v1/tickets',
    queues: '/v1/inbox/queues',
    reports: '/v1/reports',
    bodies: KeyBodies,
    actorOf: (_req, body) => ({ agentId: (body as { agentId?: string }).agentId, via: 'api' }),
  });
}

/** The workspace's own API, behind the agent's session cookie (see session/guard.ts). */
export function registerSessionApi(app: FastifyInstance, deps: InboxApiDeps, access: RouteAccess): void {
  mountInboxApi(app, deps, {
    access,
    items: '/inbox/api/items',
    tickets: '/inbox/api/tickets',
    queues: '/inbox/api/queues',
    reports: '/inbox/api/reports',
    bodies: SessionBodies,
    actorOf: (req) => ({ agentId: sessionOf(req).agentId, via: 'workspace' }),
  });
}
