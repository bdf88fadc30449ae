import type { HandlerContext } from '@parley/bus';
import type { Database } from '@parley/db';
import type { EventOf, SlaBreached } from '@parley/contracts';
import { DEFAULT_WORKSPACE } from '@parley/contracts';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { SlaWebhookConfig } from '../config.js';
import { postSigned } from '../sla/webhook.js';

/**
 * Sends a breach to the configured webhook, signed (`X-Parley-Signature`), with what a pager or chat rota needs:
 * the item, its workspace, its priority after the breach and its intent. Ids and codes only, never customer text.
 * Retries are the bus's: bounded by the consumer's `maxDeliver`, then the breach is dead-lettered.
 */
export async function onSlaBreached(
  event: EventOf<typeof SlaBreached>,
  ctx: HandlerContext,
  deps: { db: Kysely<Database>; webhook: SlaWebhookConfig },
): Promise<void> {
  const item = await deps.db
    .selectFrom('inbox_items')
    .select(['workspace_id', 'priority', 'kind', 'status', sql<string>`routing->>'intent'`.as('intent')])
    .where('id', '=', event.payload.inboxItemId)
    .executeTakeFirst();
  const body = JSON.stringify({
    type: event.type,
    id: event.id,
    occurredAt: event.occurredAt,
    workspace: item?.workspace_id ?? DEFAULT_WORKSPACE,
    ticketId: event.ticketId,
    inboxItemId: event.payload.inboxItemId,
    turn: event.payload.turn,
    policy: event.payload.policy,
    dueAt: event.payload.dueAt,
    breachedAt: event.payload.breachedAt,
    priority: item?.priority ?? null,
    kind: item?.kind ?? null,
    status: item?.status ?? null,
    intent: item?.intent ?? null,
  });
  await postSigned(
    deps.webhook.url,
    deps.webhook.secret,
    body,
    { 'x-parley-event-id': event.id },
    {
      timeoutMs: deps.webhook.timeoutMs,
      // The wall clock, whatever clock the SLA runs on: receivers refuse a stale signature.
      now: new Date(),
    },
  );
  ctx.log.info({ inboxItemId: event.payload.inboxItemId, attempt: ctx.deliveryCount }, 'SLA breach sent');
}
