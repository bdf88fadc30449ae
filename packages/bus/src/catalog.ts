import type { Database } from '@parley/db';
import type { TimelineEntry } from '@parley/audit';
import type { Envelope, EventDefinition, EventOf } from '@parley/contracts';
import type { Logger } from '@parley/telemetry';
import type { Transaction } from 'kysely';
import type { GuardedWrites } from './outbox.js';

/**
 * One data-modifying statement (insert, update, delete) run as part of the claim statement. Its text is a
 * constant (it is prepared once per connection with the claim), its parameters are `$1`, `$2`... of `params`
 * (no `$` elsewhere in the text), and it says where its rows apply only to a new claim with `IF_CLAIMED`.
 */
export interface ClaimedStatement {
  sql: string;
  params: readonly unknown[];
}

/** The condition a `ClaimedStatement` holds its rows to: true only when the claim is new. */
export const IF_CLAIMED = 'exists (select 1 from claimed)';

export interface HandlerContext {
  /** 1 on the first delivery. */
  deliveryCount: number;
  /** Queue an event; it is written to the outbox in the commit transaction and published after it. */
  emit(envelope: Envelope): void;
  /** Queue a database change; it runs in the commit transaction together with the ledger row. */
  write(effect: (trx: Transaction<Database>) => Promise<void>): void;
  /**
   * Queue an entry for the ticket's timeline (`@parley/audit`); it is written by the statement that claims the
   * message, so it costs no round trip of its own, and only when the claim is new.
   */
  record(entry: TimelineEntry): void;
  /**
   * Queue a change that is one statement (`ClaimedStatement`): it runs inside the statement that claims the
   * message, only when the claim is new, so a message whose changes are all such statements commits in one
   * round trip with no transaction. A change that must read first, or act on what it wrote, is a `write`.
   */
  writeInClaim(statement: ClaimedStatement): void;
  /**
   * Inside a `write`: one statement that inserts `guard`'s row and, only if it is new, writes `writes` (events,
   * timeline entries, statements), as `writeGuarded`; the events are published after the commit like emitted ones.
   * Resolves whether the guard's row was new. For a change that is itself the proof of "only once" (a turn's
   * decision), so that it and everything it announces take one round trip.
   */
  writeGuarded(trx: Transaction<Database>, guard: ClaimedStatement, writes: GuardedWrites): Promise<boolean>;
  /** Tell JetStream we are still working (the bus also does this on a timer). */
  heartbeat(): void;
  log: Logger;
}

export interface ConsumerSpec<D extends EventDefinition = EventDefinition> {
  event: D;
  /**
   * Names the durable when a service has a second consumer of the same event (each then gets every message,
   * with its own retries and ledger); without it the durable is named after the event.
   */
  durable?: string;
  /** Redelivery deadline for one attempt; long handlers are kept alive by heartbeats. */
  ackWaitMs: number;
  /** Total deliveries before the message goes to the dead-letter stream. */
  maxDeliver: number;
  /** Delay before retry n (nak with delay); the last value repeats. */
  backoffMs: readonly number[];
  /** Messages handled at once by one process. */
  concurrency: number;
  /** Unacknowledged messages across all replicas; defaults to 4 x concurrency. */
  maxAckPending?: number;
  handler: (event: EventOf<D>, ctx: HandlerContext) => Promise<void>;
  /**
   * The handler's only effects are its writes and events; whatever else it does (reading, classifying,
   * searching, even through a hosted model) may run again for a duplicate without harm. A first delivery is
   * then handled without reading the ledger first, one round trip less per message: a duplicate is still
   * refused at commit, where the ledger row is claimed before any write runs. A redelivery, the likely
   * duplicate, reads the ledger first as always.
   */
  effectsOnlyInCommit?: boolean;
  /**
   * Commit each message in a transaction of its own, never together with other messages ready at the same
   * time (the bus's group commit, `group-commit.ts`). For a handler that changes another system: a reply sent
   * from inside its write, a webhook posted, an order changed in the store. Batched, one slow call would hold
   * every other message's commit (and their row locks) behind it, and a transaction lost as a whole (the
   * connection dropped before `COMMIT`) would repeat the call of every message in it instead of one.
   */
  commitAlone?: boolean;
  /**
   * Runs once when a message that decoded is given up on (a permanent failure, retries used up, or a crash
   * loop), before it is copied to the dead-letter stream. What it writes and emits commits in one transaction
   * with a ledger row of its own, so the rest of the system hears exactly once that the work was not done
   * (a reply that could not be delivered reopens its inbox item).
   */
  onDeadLetter?: (event: EventOf<D>, reason: string, ctx: HandlerContext) => Promise<void>;
}

/** Keeps the handler's event type tied to its definition; a missing handler fails to compile. */
export function consumer<D extends EventDefinition>(spec: ConsumerSpec<D>): ConsumerSpec<D> {
  return spec;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Catalog = Record<string, ConsumerSpec<any>>;
