import type { EnvSource, PlatformConfig } from '@parley/config';
import { ConfigError, env, readEnv, readPlatformConfig } from '@parley/config';
import type { ChatConfig, EmailConfig, SmsConfig } from './channels/config.js';
import { readChannelsConfig } from './channels/config.js';

export const ingressEnv = {
  INGRESS_PORT: env.port(8080),
  /** Extra API keys accepted on /v1 (comma separated), for local use and tests; stored keys live hashed. */
  INGRESS_API_KEYS: env.list(),
  INGRESS_MAX_BODY_BYTES: env.int({ default: 64 * 1024, min: 1024, max: 10 * 1024 * 1024 }),
  /** Longest a request may take (receiving it and the database work) before it is answered 503. */
  INGRESS_REQUEST_TIMEOUT_MS: env.int({ default: 10_000, min: 100, max: 120_000 }),
  /** What a 503 tells the caller to wait before retrying. */
  INGRESS_RETRY_AFTER_SECONDS: env.int({ default: 5, min: 1, max: 3600 }),
  /** Requests served at once; beyond it 429 at once, before the key or the body is looked at. */
  INGRESS_MAX_IN_FLIGHT: env.int({ default: 64, min: 1, max: 10_000 }),
  /**
   * Longest a request waits for a database connection (its slot in the pool) before 503; by default
   * 1 s, or half the request timeout when that is shorter.
   */
  INGRESS_DB_WAIT_MS: env.int({ min: 1, max: 60_000 }).optional(),
  /** What a 429 tells the caller to wait: a burst passes quickly. */
  INGRESS_BUSY_RETRY_AFTER_SECONDS: env.int({ default: 1, min: 1, max: 3600 }),
};

export interface IngressConfig {
  port: number;
  apiKeys: string[];
  maxBodyBytes: number;
  requestTimeoutMs: number;
  retryAfterSeconds: number;
  maxInFlight: number;
  dbWaitMs: number;
  busyRetryAfterSeconds: number;
  email: EmailConfig;
  sms: SmsConfig;
  chat: ChatConfig;
  platform: PlatformConfig;
}

export function readServiceConfig(source: EnvSource): IngressConfig {
  const e = readEnv(ingressEnv, source);
  const dbWaitMs = e.INGRESS_DB_WAIT_MS ?? Math.min(1_000, Math.floor(e.INGRESS_REQUEST_TIMEOUT_MS / 2));
  if (dbWaitMs >= e.INGRESS_REQUEST_TIMEOUT_MS) {
    // Otherwise a request would time out waiting for the database instead of being told to retry.
    throw new ConfigError([
      `INGRESS_DB_WAIT_MS: must be below INGRESS_REQUEST_TIMEOUT_MS (${dbWaitMs} >= ${e.INGRESS_REQUEST_TIMEOUT_MS})`,
    ]);
  }
  return {
    port: e.INGRESS_PORT,
    apiKeys: e.INGRESS_API_KEYS,
    maxBodyBytes: e.INGRESS_MAX_BODY_BYTES,
    requestTimeoutMs: e.INGRESS_REQUEST_TIMEOUT_MS,
    retryAfterSeconds: e.INGRESS_RETRY_AFTER_SECONDS,
    maxInFlight: e.INGRESS_MAX_IN_FLIGHT,
    dbWaitMs,
    busyRetryAfterSeconds: e.INGRESS_BUSY_RETRY_AFTER_SECONDS,
    ...readChannelsConfig(source),
    platform: readPlatformConfig(source),
  };
}
