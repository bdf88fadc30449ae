import type { Database } from '@parley/db';
import type { Transaction } from 'kysely';

export interface StoredTurn {
  ticketId: string;
  turn: number;
}

/**
 * Writes a caller adds to the transaction that stores a customer turn (a channel's message-id mapping, a
 * chat session's link to its ticket), so they commit or roll back with it. Throwing rolls the turn back.
 */
export type WithinCommit = (trx: Transaction<Database>, stored: StoredTurn) => Promise<void>;
