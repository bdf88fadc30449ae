// Runs the whole product as separate processes against the real NATS and Postgres, in a private bus prefix and
// database schema, for end-to-end tests, the fault suite and benchmarks.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { jetstreamManager } from '@nats-io/jetstream';
import { connectNats } from '@parley/bus';
import { TEST_NATS_AUTH } from '@parley/bus/testing';
import type { Db } from '@parley/db';
import { createDb, migrateToLatest, withDdlLock } from '@parley/db';
import { seedDemoStore } from '@parley/commerce';
import type { ProcessSpec } from '@parley/runtime';
import { SERVICE_ENV, SERVICE_NODE_FLAGS, Supervisor } from '@parley/runtime';
import { sql } from 'kysely';

export const SERVICE_NAMES = [
  'ingress',
  'router',
  'retrieval',
  'resolver',
  'gate',
  'handoff',
  'actions',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

const ROOT = new URL('../../', import.meta.url).pathname;

export interface Stack {
  prefix: string;
  schema: string;
  apiKey: string;
  agentKey: string;
  urls: Record<ServiceName, string>;
  db: Db;
  supervisor: Supervisor;
  logs: string[];
  natsUrl: string;
  /** Env each service process was started with (to restart one by hand). */
  processes: ProcessSpec[];
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port!;
}

/**
 * `n` distinct free ports. Every listener stays open until all are taken: a port closed before the next is asked
 * for can be handed out again, and two services given one port leave the second unable to listen while the first
 * answers for both (a stack's "ingress" answering 404 for `POST /v1/tickets`).
 */
export async function freePorts(n: number): Promise<number[]> {
  const servers = Array.from({ length: n }, () => createServer());
  try {
    return await Promise.all(
      servers.map(
        (srv) =>
          new Promise<number>((resolve, reject) => {
            srv.once('error', reject);
            srv.listen(0, '127.0.0.1', () => resolve((srv.address() as { port: number }).port));
          }),
      ),
    );
  } finally {
    await Promise.all(
      servers.map(
        (srv) => new Promise<void>((resolve) => (srv.listening ? srv.close(() => resolve()) : resolve())),
      ),
    );
  }
}

async function waitReady(url: string, deadline: number): Promise<void> {
  for (;;) {
    const ok = await fetch(`${url}/readyz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} not ready in time`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function startStack(
  opts: {
    label?: string;
    env?: Record<string, string>;
    readyTimeoutMs?: number;
    natsUrl?: string;
    /**
     * Run the compiled services (`pnpm build` first) as production does: plain node on `dist/`, with the
     * telemetry preload that exports traces when OTEL_EXPORTER_OTLP_ENDPOINT is set.
     */
    compiled?: boolean;
    /** Runs on the migrated, seeded schema before any service starts (a replay copies a deployment's data in). */
    prepare?: (db: Db) => Promise<void>;
  } = {},
): Promise<Stack> {
  const id = randomBytes(4).toString('hex');
  const prefix = `e${id}`;
  const schema = `e2e_${(opts.label ?? 'stack')
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()
    .slice(0, 16)}_${id}`;
  const natsUrl = opts.natsUrl ?? process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const apiKey = `pk_test_${randomBytes(12).toString('hex')}`;
  const agentKey = `ak_test_${randomBytes(12).toString('hex')}`;
  const db = createDb({ url: databaseUrl, schema, poolMax: 4, statementTimeoutMs: 60_000 });
  await migrateToLatest(db);
  await seedDemoStore(db.db);
  try {
    await opts.prepare?.(db);
  } catch (err) {
    await withDdlLock(db, (conn) => sql`drop schema if exists ${sql.id(schema)} cascade`.execute(conn));
    await db.close();
    throw err;
  }

  const free = await freePorts(SERVICE_NAMES.length);
  const ports = Object.fromEntries(SERVICE_NAMES.map((n, i) => [n, free[i]!])) as Record<ServiceName, number>;
  const urls = Object.fromEntries(SERVICE_NAMES.map((n) => [n, `http://127.0.0.1:${ports[n]}`])) as Record<
    ServiceName,
    string
  >;
  const env: Record<string, string> = {
    ...SERVICE_ENV,
    NATS_URL: natsUrl,
    DATABASE_URL: databaseUrl,
    DATABASE_SCHEMA: schema,
    BUS_PREFIX: prefix,
    RUN_MIGRATIONS: 'false',
    LOG_LEVEL: 'warn',
    BUS_EVENTS_MAX_BYTES: String(256 * 1024 ** 2),
    BUS_DLQ_MAX_BYTES: String(32 * 1024 ** 2),
    INGRESS_API_KEYS: apiKey,
    HANDOFF_AGENT_KEYS: agentKey,
    ...Object.fromEntries(SERVICE_NAMES.map((n) => [`${n.toUpperCase()}_PORT`, String(ports[n])])),
    ...opts.env,
  };
  const logs: string[] = [];
  const supervisor = new Supervisor({
    backoffMs: [200, 500, 1000],
    stableMs: 10_000,
    stopTimeoutMs: 15_000,
    onLine: (name, line) => logs.push(`[${name}] ${line}`),
    onEvent: (name, event) => logs.push(`[${name}] supervisor: ${event}`),
  });
  const processes: ProcessSpec[] = SERVICE_NAMES.map((name) => ({
    name,
    command: process.execPath,
    args: opts.compiled
      ? [
          ...SERVICE_NODE_FLAGS,
          '--conditions=production',
          '--enable-source-maps',
          '--import',
          `${ROOT}packages/telemetry/dist/register.js`,
          `${ROOT}services/${name}/dist/index.js`,
        ]
      : [...SERVICE_NODE_FLAGS, '--import', 'tsx', `${ROOT}services/${name}/src/index.ts`],
    cwd: ROOT,
    env,
  }));
  supervisor.start(processes);
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 90_000);
  try {
    await Promise.all(SERVICE_NAMES.map((n) => waitReady(urls[n], deadline)));
  } catch (err) {
    await supervisor.stop();
    await db.close();
    throw new Error(`${(err as Error).message}\n${logs.slice(-40).join('\n')}`);
  }

  return {
    prefix,
    schema,
    apiKey,
    agentKey,
    urls,
    db,
    supervisor,
    logs,
    natsUrl,
    processes,
    async stop() {
      await supervisor.stop();
      const nc = await connectNats(natsUrl, 'parley-evals-stack', TEST_NATS_AUTH);
      const jsm = await jetstreamManager(nc);
      const upper = prefix.toUpperCase();
      for (const stream of [`${upper}_EVENTS`, `${upper}_DLQ`])
        await jsm.streams.delete(stream).catch(() => false);
      const kvStreams = await jsm.streams.names().next();
      for (const name of kvStreams) {
        if (name.startsWith(`KV_${prefix}`) || name.startsWith(`KV_${upper}`))
          await jsm.streams.delete(name).catch(() => false);
      }
      await nc.drain();
      await withDdlLock(db, (conn) => sql`drop schema if exists ${sql.id(schema)} cascade`.execute(conn));
      await db.close();
    },
  };
}

/** A small HTTP client for the public API, as an integration would use it. */
export function apiClient(stack: Stack) {
  const call = async (
    service: ServiceName,
    method: string,
    path: string,
    body?: unknown,
    key = stack.apiKey,
  ) => {
    const res = await fetch(`${stack.urls[service]}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    const retryAfter = Number(res.headers.get('retry-after') ?? Number.NaN);
    return {
      status: res.status,
      body: json as Record<string, unknown>,
      ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterS: retryAfter } : {}),
    };
  };
  return {
    postTicket: (ticket: unknown) => call('ingress', 'POST', '/v1/tickets', ticket),
    getTicket: (id: string) => call('ingress', 'GET', `/v1/tickets/${id}`),
    inbox: () => call('handoff', 'GET', '/v1/inbox', undefined, stack.agentKey),
    call,
  };
}
