import type { TimelineEntry } from '@parley/audit';
import type { Envelope } from '@parley/contracts';
import type { Database } from '@parley/db';
import type { Kysely, Transaction } from 'kysely';
import { CompiledQuery } from 'kysely';
import type { ClaimedStatement } from './catalog.js';
import type { Settled } from './group-commit.js';
import type { OutboxRow } from './outbox.js';
import { claimAndWriteOutbox, writeOutbox } from './outbox.js';

/** What one handled message commits: its ledger key, the writes its handler queued, the events it emitted. */
export interface CommitWork {
  messageId: string;
  writes: ReadonlyArray<(trx: Transaction<Database>) => Promise<void>>;
  /** Timeline entries the handler recorded: written by the claim statement itself. */
  recorded?: readonly TimelineEntry[];
  /** Statements the handler queued to run in the claim statement (`writeInClaim`). */
  statements?: readonly ClaimedStatement[];
  /** Grows while the writes run: a write may emit (only it knows whether an event is due). */
  emitted: Envelope[];
  /** Outbox rows the writes wrote themselves (`writeGuarded`), published with the others after the commit. */
  written?: OutboxRow[];
  /**
   * Runs the message's part of a shared transaction in the message's own trace context, so that what its
   * writes emit continues its trace, not the trace of the message that happened to start the batch.
   */
  inContext?: <V>(fn: () => Promise<V>) => Promise<V>;
}

export interface Committed {
  /** The ledger already held the message: nothing was written. */
  duplicate: boolean;
  /** Outbox rows to publish once the transaction has committed. */
  rows: OutboxRow[];
}

/**
 * One message's ledger row, writes and outbox rows in the caller's transaction. The ledger row goes in one
 * statement with the events the handler emitted and the timeline entries it recorded, first, so a duplicate is
 * refused before any write runs; events a write emits follow in a statement of their own.
 */
function apply(
  trx: Transaction<Database> | Kysely<Database>,
  ledger: string,
  work: CommitWork,
): Promise<Committed> {
  return work.inContext ? work.inContext(() => applyHere(trx, ledger, work)) : applyHere(trx, ledger, work);
}

async function applyHere(
  trx: Transaction<Database> | Kysely<Database>,
  ledger: string,
  work: CommitWork,
): Promise<Committed> {
  const { emitted } = work;
  const before = emitted.length;
  const { claimed, rows } = await claimAndWriteOutbox(
    trx,
    { consumer: ledger, messageId: work.messageId },
    emitted.slice(0, before),
    work.recorded,
    work.statements,
  );
  if (!claimed) return { duplicate: true, rows: [] };
  if (work.writes.length === 0) return { duplicate: false, rows };
  if (!inTransaction(trx)) throw new Error('commit: a message with writes must commit in a transaction');
  for (const write of work.writes) await write(trx);
  if (emitted.length > before) rows.push(...(await writeOutbox(trx, emitted.slice(before))));
  if (work.written) rows.push(...work.written);
  return { duplicate: false, rows };
}

const inTransaction = (db: Transaction<Database> | Kysely<Database>): db is Transaction<Database> =>
  db.isTransaction;

/**
 * A message with no writes commits in the one statement that claims it (with its events and timeline entries):
 * that statement is atomic by itself, so it needs no `BEGIN` and `COMMIT`, two round trips of three.
 */
const claimOnly = (work: CommitWork): boolean => work.writes.length === 0;

/** One message in a transaction of its own (or its one statement): all or nothing. */
export function commitAlone(db: Kysely<Database>, ledger: string, work: CommitWork): Promise<Committed> {
  if (claimOnly(work)) return apply(db, ledger, work);
  return db.transaction().execute((trx) => apply(trx, ledger, work));
}

/**
 * Several messages in one transaction (group commit): one `BEGIN`, one `COMMIT` and one WAL flush for all of
 * them. Each message after the first runs after a savepoint of its own: one that fails (a write throws, a
 * statement errs, its claim deadlocks) is rolled back to that savepoint, its ledger row with it, and reported
 * failed, while the others go on and commit. The first needs no savepoint: if it fails, nothing else is in the
 * transaction yet, so the transaction is rolled back and the rest go in a new one. Savepoints are not released:
 * a release is one more round trip per message, and they end with the transaction anyway. So a batch of one
 * commits as a message alone (`commitAlone`), and each further message costs one statement (its savepoint)
 * instead of a `BEGIN` and a `COMMIT`. A message with nothing but its claim statement commits alone in it, beside
 * the transaction.
 *
 * Rejects if the transaction itself fails (the connection lost, the commit refused) when every message was in it:
 * then nothing of the batch committed, and every message takes its failure path. When some committed alone, only
 * the transaction's messages fail.
 */
export async function commitTogether(
  db: Kysely<Database>,
  ledger: string,
  works: readonly CommitWork[],
): Promise<Array<Settled<Committed>>> {
  // A message with nothing to commit but its claim statement commits alone in that one statement: in the batch's
  // transaction it would cost a savepoint besides, and its share of the BEGIN and COMMIT.
  if (works.some(claimOnly)) {
    const alone = works.map((work) => (claimOnly(work) ? settle(commitAlone(db, ledger, work)) : undefined));
    const inTransaction = works.filter((work) => !claimOnly(work));
    // Those alone may have committed: a lost transaction fails only its own messages.
    const together = commitInTransaction(db, ledger, inTransaction).catch((error: unknown) =>
      inTransaction.map((): Settled<Committed> => ({ ok: false, error })),
    );
    const [settledAlone, settledTogether] = await Promise.all([Promise.all(alone), together]);
    let next = 0;
    return settledAlone.map((settled) => settled ?? settledTogether[next++]!);
  }
  return commitInTransaction(db, ledger, works);
}

const settle = <R>(promise: Promise<R>): Promise<Settled<R>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

async function commitInTransaction(
  db: Kysely<Database>,
  ledger: string,
  works: readonly CommitWork[],
): Promise<Array<Settled<Committed>>> {
  const [first, ...rest] = works;
  if (!first) return [];
  if (rest.length === 0) {
    try {
      return [{ ok: true, value: await commitAlone(db, ledger, first) }];
    } catch (error) {
      return [{ ok: false, error }];
    }
  }
  let firstFailed: { error: unknown } | undefined;
  try {
    return await db.transaction().execute(async (trx) => {
      const settled: Array<Settled<Committed>> = [];
      try {
        settled.push({ ok: true, value: await apply(trx, ledger, first) });
      } catch (error) {
        firstFailed = { error };
        throw error;
      }
      for (const [i, work] of rest.entries()) {
        await trx.executeQuery(CompiledQuery.raw(`savepoint m${i}`));
        try {
          settled.push({ ok: true, value: await apply(trx, ledger, work) });
        } catch (error) {
          // Undoes this message's statements (and clears the transaction's error state); if even that fails,
          // the transaction is lost and the whole batch fails.
          await trx.executeQuery(CompiledQuery.raw(`rollback to savepoint m${i}`));
          settled.push({ ok: false, error });
        }
      }
      return settled;
    });
  } catch (err) {
    if (!firstFailed) throw err;
    return [{ ok: false, error: firstFailed.error }, ...(await commitInTransaction(db, ledger, rest))];
  }
}
