import { readPlatformConfig } from '@parley/config';
import { migrateDown, migrateToLatest } from '@parley/db';
import { strictArgs, UsageError } from '../args.js';
import type { Io } from '../io.js';
import { openDb } from '../io.js';
import { withProgress } from '@parley/runtime/progress';

export const USAGE = 'usage: parley migrate [up|down]';

export function parse(argv: readonly string[]): { direction: 'up' | 'down' } {
  const { positionals } = strictArgs(argv, {}, USAGE, { min: 0, max: 1 });
  const direction = positionals[0] ?? 'up';
  if (direction !== 'up' && direction !== 'down')
    throw new UsageError(`direction must be up or down (got ${JSON.stringify(direction)})\n${USAGE}`);
  return { direction };
}

export async function run(args: { direction: 'up' | 'down' }, io: Io): Promise<number> {
  const schema = readPlatformConfig(io.env).databaseSchema;
  const db = openDb(io.env, 'migrate');
  try {
    const applied = await withProgress(
      `migrating ${args.direction} (schema ${schema})`,
      () => (args.direction === 'up' ? migrateToLatest(db) : migrateDown(db)),
      io.err,
    );
    io.out(
      applied.length ? `${args.direction}: ${applied.join(', ')}\n` : `${args.direction}: nothing to do\n`,
    );
    return 0;
  } finally {
    await db.close();
  }
}
