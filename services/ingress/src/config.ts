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
  /** Requests served at once by the server; beyond it 429 at once, before the body is read. */
  INGRESS_MAX_IN_FLIGHT: env.int({ default: 64, min: 1, max: 10_000 }),
  /**
   * Requests one client (API key, chat session, webhook sender address) may have in flight; beyond it 429.
   * By default a quarter of INGRESS_MAX_IN_FLIGHT, so one client never holds the whole server.
   */
  INGRESS_MAX_IN_FLIGHT_PER_CLIENT: env.int({ min: 1, max: 10_000 }).optional(),
  /**
   * Requests a webhook route (SMS), whose callers are known only once its body is checked, may have in flight;
   * by default half of INGRESS_MAX_IN_FLIGHT.
   */
  INGRESS_MAX_IN_FLIGHT_PER_ROUTE: env.int({ min: 1, max: 10_000 }).optional(),
  /** Credential checks (key or session look-ups) one network address may have running at once. */
  INGRESS_MAX_AUTH_PER_ADDRESS: env.int({ default: 16, min: 1, max: 10_000 }),
  /**
   * Longest a request body may take to arrive once the request is admitted; then 408 and the connection
   * closes. By default 5 s, or the request timeout when that is shorter.
   */
  INGRESS_BODY_TIMEOUT_MS: env.int({ min: 100, max: 120_000 }).optional(),
  /**
   * Longest a request waits for a database connection (its slot in the pool) before 503; by default
   * 1 s, or half the request timeout when that is shorter.
   */
  INGRESS_DB_WAIT_MS: env.int({ min: 1, max: 60_000 }).optional(),
  /** Database connections one client's requests may use at once; by default half the pool (DATABASE_POOL_MAX). */
  INGRESS_DB_SLOTS_PER_CLIENT: env.int({ min: 1, max: 1_000 }).optional(),
  /** What a 429 tells the caller to wait: a burst passes quickly. */
  INGRESS_BUSY_RETRY_AFTER_SECONDS: env.int({ default: 1, min: 1, max: 3600 }),
  /**
   * Signs the rating links in automated replies (at least 32 characters; the same on every replica). Unset: no
   * links are sent and the widget shows no rating buttons.
   */
  INGRESS_RATING_SECRET: env.string({ min: 32 }).optional(),
  /** How long a rating link works. */
  INGRESS_RATING_TTL_DAYS: env.int({ default: 30, min: 1, max: 365 }),
  /** Where customers reach ingress, for links in emails and SMS; by default http://127.0.0.1:<INGRESS_PORT>. */
  INGRESS_PUBLIC_URL: env.url(['http', 'https']).optional(),
};

/** Customers' ratings of automated replies; null when INGRESS_RATING_SECRET is not set. */
export interface RatingConfig {
  secret: string;
  ttlDays: number;
  /** Origin (and path prefix) of the links, without a trailing slash. */
  publicUrl: string;
}

export interface IngressConfig {
  port: number;
  apiKeys: string[];
  maxBodyBytes: number;
  requestTimeoutMs: number;
  retryAfterSeconds: number;
  maxInFlight: number;
  maxInFlightPerClient: number;
  maxInFlightPerRoute: number;
  maxAuthPerAddress: number;
  bodyTimeoutMs: number;
  dbWaitMs: number;
  /** Null: half the pool. */
  dbSlotsPerClient: number | null;
  busyRetryAfterSeconds: number;
  ratings: RatingConfig | null;
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
  const max = e.INGRESS_MAX_IN_FLIGHT;
  const perClient = e.INGRESS_MAX_IN_FLIGHT_PER_CLIENT ?? Math.ceil(max / 4);
  const perRoute = e.INGRESS_MAX_IN_FLIGHT_PER_ROUTE ?? Math.ceil(max / 2);
  const bodyTimeoutMs = e.INGRESS_BODY_TIMEOUT_MS ?? Math.min(5_000, e.INGRESS_REQUEST_TIMEOUT_MS);
  const problems: string[] = [];
  if (perClient > max)
    problems.push(
      `INGRESS_MAX_IN_FLIGHT_PER_CLIENT: must be at most INGRESS_MAX_IN_FLIGHT (${perClient} > ${max})`,
    );
  if (perRoute > max)
    problems.push(
      `INGRESS_MAX_IN_FLIGHT_PER_ROUTE: must be at most INGRESS_MAX_IN_FLIGHT (${perRoute} > ${max})`,
    );
  // A body that may take longer than the whole request would be answered 503 instead of 408.
  if (bodyTimeoutMs > e.INGRESS_REQUEST_TIMEOUT_MS)
    problems.push(
      `INGRESS_BODY_TIMEOUT_MS: must be at most INGRESS_REQUEST_TIMEOUT_MS (${bodyTimeoutMs} > ${e.INGRESS_REQUEST_TIMEOUT_MS})`,
    );
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port: e.INGRESS_PORT,
    apiKeys: e.INGRESS_API_KEYS,
    maxBodyBytes: e.INGRESS_MAX_BODY_BYTES,
    requestTimeoutMs: e.INGRESS_REQUEST_TIMEOUT_MS,
    retryAfterSeconds: e.INGRESS_RETRY_AFTER_SECONDS,
    maxInFlight: e.INGRESS_MAX_IN_FLIGHT,
    maxInFlightPerClient: perClient,
    maxInFlightPerRoute: perRoute,
    maxAuthPerAddress: e.INGRESS_MAX_AUTH_PER_ADDRESS,
    bodyTimeoutMs,
    dbWaitMs,
    dbSlotsPerClient: e.INGRESS_DB_SLOTS_PER_CLIENT ?? null,
    busyRetryAfterSeconds: e.INGRESS_BUSY_RETRY_AFTER_SECONDS,
    ratings: e.INGRESS_RATING_SECRET
      ? {
          secret: e.INGRESS_RATING_SECRET,
          ttlDays: e.INGRESS_RATING_TTL_DAYS,
          publicUrl: (e.INGRESS_PUBLIC_URL ?? `http://127.0.0.1:${e.INGRESS_PORT}`).replace(/\/+$/, ''),
        }
      : null,
    ...readChannelsConfig(source),
    platform: readPlatformConfig(source),
  };
}
