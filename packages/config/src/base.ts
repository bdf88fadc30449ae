import { z } from 'zod';
import type { EnvSource } from './env.js';
import { ConfigError, env, readEnv } from './env.js';
import type { NatsAuth } from './nats-auth.js';
import { natsAuthEnv, natsAuthFrom } from './nats-auth.js';

/** Settings every service shares: where the bus and the database are, and how to name things. */
export const platformEnv = {
  NATS_URL: env.url(['nats', 'tls', 'ws', 'wss'], 'nats://127.0.0.1:4222'),
  ...natsAuthEnv,
  DATABASE_URL: env.url(['postgres', 'postgresql'], 'postgres://postgres@127.0.0.1:5432/postgres'),
  DATABASE_SCHEMA: env.token('public'),
  DATABASE_POOL_MAX: env.int({ default: 10, min: 1, max: 200 }),
  DATABASE_STATEMENT_TIMEOUT_MS: env.int({ default: 15_000, min: 100, max: 600_000 }),
  BUS_PREFIX: env.token('parley'),
  LOG_LEVEL: env.oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
  HOST: env.string({ default: '127.0.0.1' }),
  /** Storage reserved for the deployment's event and dead-letter streams. */
  BUS_EVENTS_MAX_BYTES: env.int({ default: 2 * 1024 ** 3, min: 1024 ** 2 }),
  BUS_DLQ_MAX_BYTES: env.int({ default: 256 * 1024 ** 2, min: 1024 ** 2 }),
  /** `pnpm start` migrates once before starting the services and sets this to false for them. */
  RUN_MIGRATIONS: env.bool(true),
  /**
   * The version this process runs (an image tag, a release name): a `version` label on its metrics and on
   * the timeline entries it writes. Unset: no label.
   */
  PARLEY_VERSION: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be letters, digits, ".", "_" or "-" (max 64)')
    .optional(),
  /** `candidate` for the candidate Deployment of a canary release (`parley canary`); otherwise `stable`. */
  PARLEY_CANARY_ROLE: env.oneOf(['stable', 'candidate'] as ['stable', 'candidate'], 'stable'),
};

export interface PlatformConfig {
  natsUrl: string;
  /** Never logged: it can hold a password, a token or a seed. */
  natsAuth: NatsAuth;
  databaseUrl: string;
  databaseSchema: string;
  databasePoolMax: number;
  statementTimeoutMs: number;
  busPrefix: string;
  logLevel: string;
  host: string;
  runMigrations: boolean;
  streamSizes: { eventsMaxBytes: number; dlqMaxBytes: number };
  /** PARLEY_VERSION, when set. */
  version?: string;
  canaryRole: 'stable' | 'candidate';
}

export function readPlatformConfig(source: EnvSource): PlatformConfig {
  const e = readEnv(platformEnv, source);
  if (e.PARLEY_CANARY_ROLE === 'candidate' && !e.PARLEY_VERSION) {
    throw new ConfigError([
      'PARLEY_CANARY_ROLE: a candidate needs PARLEY_VERSION set (the version its metrics and timeline carry)',
    ]);
  }
  return {
    natsUrl: e.NATS_URL,
    natsAuth: natsAuthFrom(e),
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    databasePoolMax: e.DATABASE_POOL_MAX,
    statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    busPrefix: e.BUS_PREFIX,
    logLevel: e.LOG_LEVEL,
    host: e.HOST,
    runMigrations: e.RUN_MIGRATIONS,
    streamSizes: { eventsMaxBytes: e.BUS_EVENTS_MAX_BYTES, dlqMaxBytes: e.BUS_DLQ_MAX_BYTES },
    ...(e.PARLEY_VERSION ? { version: e.PARLEY_VERSION } : {}),
    canaryRole: e.PARLEY_CANARY_ROLE,
  };
}
