import { entryFor, recordTimeline } from '@parley/audit';
import type { Bus } from '@parley/bus';
import type { Channel, Rating } from '@parley/contracts';
import { makeEvent, ReplyRated } from '@parley/contracts';
import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';

export type RateOutcome =
  | { kind: 'rated'; rating: Rating; revision: number; changed: boolean }
  | { kind: 'not_found' }
  | { kind: 'not_rateable' };

/**
 * Records the customer's rating of an automated reply: one row per reply, a different rating replaces it under
 * the next revision (and is announced as `reply.rated`), the same rating again changes nothing. The reply's
 * row lock serialises two clicks at once.
 */
export async function rateReply(
  db: Kysely<Database>,
  bus: Bus,
  input: { replyId: string; rating: Rating; now: Date },
): Promise<RateOutcome> {
  const { outcome, rows } = await db.transaction().execute(async (trx) => {
    const reply = await trx
      .selectFrom('replies')
      .innerJoin('tickets', 'tickets.id', 'replies.ticket_id')
      .select(['replies.id', 'replies.ticket_id', 'replies.turn', 'replies.channel', 'replies.source'])
      .select('tickets.workspace_id')
      .where('replies.id', '=', input.replyId)
      .forUpdate('replies')
      .executeTakeFirst();
    if (!reply) return { outcome: { kind: 'not_found' } as const, rows: [] };
    if (reply.source !== 'auto') return { outcome: { kind: 'not_rateable' } as const, rows: [] };
    const before = await trx
      .selectFrom('reply_ratings')
      .select(['rating', 'revision'])
      .where('reply_id', '=', reply.id)
      .executeTakeFirst();
    if (before?.rating === input.rating)
      return {
        outcome: { kind: 'rated', rating: input.rating, revision: before.revision, changed: false } as const,
        rows: [],
      };
    const revision = (before?.revision ?? 0) + 1;
    const row = {
      reply_id: reply.id,
      workspace_id: reply.workspace_id,
      ticket_id: reply.ticket_id,
      turn: reply.turn,
      channel: reply.channel,
      rating: input.rating,
      revision,
      rated_at: input.now,
    };
    await trx
      .insertInto('reply_ratings')
      .values(row)
      .onConflict((oc) =>
        oc.column('reply_id').doUpdateSet({ rating: input.rating, revision, rated_at: input.now }),
      )
      .execute();
    const event = makeEvent(ReplyRated, {
      ticketId: reply.ticket_id,
      occurredAt: input.now,
      payload: {
        turn: reply.turn,
        replyId: reply.id,
        workspace: reply.workspace_id,
        channel: reply.channel as Channel,
        rating: input.rating,
        revision,
        ratedAt: input.now.toISOString(),
      },
    });
    await recordTimeline(
      trx,
      entryFor(event, 'ingress', { replyId: reply.id, rating: input.rating, revision }),
    );
    return {
      outcome: { kind: 'rated', rating: input.rating, revision, changed: true } as const,
      rows: await bus.emitInTransaction(trx, [event]),
    };
  });
  await bus.flush(rows);
  return outcome;
}
