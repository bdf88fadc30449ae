import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PreparingClient } from './prepared.js';
import type { Database } from './schema/index.js';

export interface DbConfig {
  url: string;
  /** Postgres schema holding the tables; a test file uses its own. */
  schema: string;
  poolMax: number;
  statementTimeoutMs: number;
  connectTimeoutMs?: number;
  applicationName?: string;
  /**
   * The version of the code using the pool (PARLEY_VERSION), set as the session setting `parley.version` on
   * every connection, so rows that record who did something (the timeline) can say which version did it.
   */
  version?: string;
  /** Called for connection errors that node-postgres would otherwise raise as uncaught. */
  onError?: (err: Error) => void;
}

export interface Db {
  db: Kysely<Database>;
  pool: pg.Pool;
  config: DbConfig;
  close(): Promise<void>;
}

// Postgres returns bigint (int8) as string by default; counts and ids we keep as strings where they are ids
// and convert explicitly where they are numbers.

export function createDb(config: DbConfig): Db {
  const pool = new pg.Pool({
    // Sends the statements marked `prepared` by name (parsed and planned once per connection).
    Client: PreparingClient,
    connectionString: config.url,
    max: config.poolMax,
    connectionTimeoutMillis: config.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: config.statementTimeoutMs,
    // A transaction left open by a crashed handler must not hold locks forever.
    idle_in_transaction_session_timeout: Math.max(config.statementTimeoutMs * 2, 10_000),
    application_name: config.applicationName ?? 'parley',
    // Both values are tokens (validated by @parley/config): nothing here needs quoting.
    options: `-c search_path=${config.schema}${config.version ? ` -c parley.version=${config.version}` : ''}`,
  });
  const report = config.onError ?? (() => undefined);
  // Without a listener on each client, a Postgres restart kills the process (checked-out clients are not
  // covered by the pool's own listener).
  pool.on('connect', (client) => {
    client.on('error', report);
  });
  pool.on('error', report);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    config,
    close: () => db.destroy(),
  };
}
