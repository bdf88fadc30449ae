// `pnpm migrate [up|down]`: applies (or rolls back one) migration against DATABASE_URL / DATABASE_SCHEMA.
import { ConfigError, readPlatformConfig } from '@parley/config';
import { createDb } from './pool.js';
import { migrateDown, migrateToLatest } from './migrate.js';

const command = process.argv[2] ?? 'up';
if (command !== 'up' && command !== 'down') {
  process.stderr.write(`usage: migrate [up|down] (got "${command}")\n`);
  process.exit(2);
}
try {
  const config = readPlatformConfig(process.env);
  const db = createDb({
    url: config.databaseUrl,
    schema: config.databaseSchema,
    poolMax: 2,
    statementTimeoutMs: 120_000,
    applicationName: 'parley-migrate',
  });
  try {
    const applied = command === 'up' ? await migrateToLatest(db) : await migrateDown(db);
    process.stdout.write(
      applied.length
        ? `${command}: ${applied.join(', ')}\n`
        : `${command}: nothing to do (schema ${config.databaseSchema})\n`,
    );
  } finally {
    await db.close();
  }
} catch (err) {
  process.stderr.write(
    `${err instanceof ConfigError ? err.message : `migrate failed: ${(err as Error).message}`}\n`,
  );
  process.exitCode = 1;
}
