import type { EnvSource } from '@parley/config';
import { readPlatformConfig } from '@parley/config';
import type { Db } from '@parley/db';
import { createDb } from '@parley/db';
import type { ProgressSink } from '@parley/runtime/progress';

/** What a command reads and writes: passed in, so tests run commands without touching the process. */
export interface Io {
  env: EnvSource;
  out: (text: string) => void;
  err: ProgressSink;
}

export const processIo: Io = {
  env: process.env,
  out: (text) => process.stdout.write(text),
  err: process.stderr,
};

/** A small pool on the configured database, named for pg_stat_activity. */
export function openDb(env: EnvSource, command: string, statementTimeoutMs = 120_000): Db {
  const config = readPlatformConfig(env);
  return createDb({
    url: config.databaseUrl,
    schema: config.databaseSchema,
    poolMax: 2,
    statementTimeoutMs,
    applicationName: `parley-cli-${command}`,
  });
}
