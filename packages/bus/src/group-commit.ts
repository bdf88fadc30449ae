import type { ConsumerSpec } from './catalog.js';

/** One item's outcome in a batch: its value, or the error that item alone failed with. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * At most this many messages in one transaction, whatever the consumer's concurrency: each runs after a
 * savepoint of its own, and Postgres keeps the first 64 subtransactions of a transaction in shared memory
 * (past that, every snapshot taken by any backend gets slower).
 */
export const MAX_BATCH = 32;

/**
 * How many messages a consumer commits together: as many as it handles at once (more are never ready), one
 * if it commits alone (`commitAlone`). A consumer handling one message at a time never batches.
 */
export function batchLimit(spec: Pick<ConsumerSpec, 'concurrency' | 'commitAlone'>): number {
  if (spec.commitAlone) return 1;
  return Math.max(1, Math.min(spec.concurrency, MAX_BATCH));
}

interface Waiting<T, R> {
  item: T;
  resolve(value: R): void;
  reject(error: unknown): void;
}

/**
 * Group commit: items that become ready while a batch is being committed wait and go together in the next one,
 * one batch at a time, each of at most `limit` items. Nothing waits on a timer: an item that finds no batch
 * running starts one at the end of the current event-loop turn, with whatever else became ready in that turn,
 * so at low load an item commits as soon as it would alone, and under load batches grow by themselves.
 *
 * `commit` settles each item of a batch on its own (a failing item does not fail the others); if it throws,
 * nothing of the batch was committed and every item of it is rejected with that error.
 */
export class GroupCommit<T, R> {
  private waiting: Array<Waiting<T, R>> = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly limit: number,
    private readonly commit: (items: readonly T[]) => Promise<ReadonlyArray<Settled<R>>>,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.running ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    // The rest of this turn: messages whose handlers finished in the same turn join the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.limit);
      try {
        const settled = await this.commit(batch.map((w) => w.item));
        batch.forEach((w, i) => {
          const outcome = settled[i];
          if (outcome?.ok) w.resolve(outcome.value);
          else w.reject(outcome ? outcome.error : new Error('group commit: no outcome for an item'));
        });
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    this.running = undefined;
  }
}
