import type { Bus } from '@parley/bus';
import type { Envelope } from '@parley/contracts';
import { makeEvent, SlaBreached } from '@parley/contracts';
import type { Database } from '@parley/db';
import { entryFor, hasTimelineEntry, recordTimeline } from '@parley/audit';
import type { Kysely } from 'kysely';
import { raisePriority } from './policy.js';

type Policy = 'first_response' | 'resolution';

interface Due {
  id: string;
  ticket_id: string;
  turn: number;
  policy: Policy;
  due: Date;
}

/**
 * Finds breached SLAs and gives each its consequences once per (item, policy): the item's priority goes one
 * step up and it is marked breached (so it leads the overdue queue and every open workspace is told),
 * `handoff.sla_breached` is emitted (the webhook consumer sends it on), and `onBreach` counts it. The
 * timeline entry for the event is the record that all this happened (checked and written in the same
 * transaction as the outbox row), and the deterministic message id makes a duplicate publish harmless.
 * `now` is injected so tests control the clock.
 */
export async function checkSla(
  db: Kysely<Database>,
  bus: Bus,
  now: Date,
  onBreach: (policy: Policy) => void = () => undefined,
): Promise<number> {
  const firstResponse = await db
    .selectFrom('inbox_items')
    .select(['id', 'ticket_id', 'turn', 'first_response_due_at as due'])
    .where('status', '=', 'open')
    .where('first_response_due_at', '<', now)
    .execute();
  const resolution = await db
    .selectFrom('inbox_items')
    .select(['id', 'ticket_id', 'turn', 'resolution_due_at as due'])
    .where('status', 'in', ['open', 'taken_over'])
    .where('resolution_due_at', '<', now)
    .execute();
  const due: Due[] = [
    ...firstResponse.map((r) => ({ ...r, policy: 'first_response' as const })),
    ...resolution.map((r) => ({ ...r, policy: 'resolution' as const })),
  ];
  let emitted = 0;
  for (const item of due) {
    const event = makeEvent(SlaBreached, {
      ticketId: item.ticket_id,
      payload: {
        turn: item.turn,
        inboxItemId: item.id,
        policy: item.policy,
        dueAt: item.due.toISOString(),
        breachedAt: now.toISOString(),
      },
    });
    const rows = await db.transaction().execute(async (trx) => {
      if (await hasTimelineEntry(trx, { ticketId: item.ticket_id, type: event.type, eventId: event.id }))
        return [];
      const current = await trx
        .selectFrom('inbox_items')
        .select(['priority', 'sla_breached_at'])
        .where('id', '=', item.id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const priority = raisePriority(current.priority);
      await trx
        .updateTable('inbox_items')
        .set({ priority, sla_breached_at: current.sla_breached_at ?? now, updated_at: now })
        .where('id', '=', item.id)
        .execute();
      await recordTimeline(
        trx,
        entryFor(event, 'handoff', {
          inboxItemId: item.id,
          policy: item.policy,
          priority: { from: current.priority, to: priority },
        }),
      );
      return bus.emitInTransaction(trx, [event as Envelope]);
    });
    if (rows.length > 0) {
      emitted += 1;
      onBreach(item.policy);
    }
    await bus.flush(rows);
  }
  return emitted;
}
