import type { NatsConnection } from '@nats-io/transport-node';
import type { Catalog } from '@parley/bus';
import { Bus, connectNats } from '@parley/bus';
import type { PlatformConfig } from '@parley/config';
import { CanaryControl } from '@parley/control';
import type { Db } from '@parley/db';
import { createDb, migrateToLatest } from '@parley/db';
import type { Logger, Registry } from '@parley/telemetry';
import { createLogger, createMetricsRegistry, initTracing } from '@parley/telemetry';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { sendHeartbeats } from './heartbeat.js';
import { createOpsServer } from './ops-server.js';
import type { ServiceContext } from './context.js';

export interface Platform {
  name: string;
  config: PlatformConfig;
  log: Logger;
  registry: Registry;
  nc: NatsConnection;
  db: Db;
  bus: Bus;
  /** Every service's canary split, watched; the bus stamps it on what it publishes. */
  canary: CanaryControl;
}

/**
 * One service: what it creates at start-up (`context`, its `buildContext`), the consumers it runs on those
 * dependencies and the routes it serves with them. The runtime calls context, then catalog, then routes; it adds
 * the context's checks to `/readyz` and calls its `close` on stop (after the consumers are drained) and on a
 * start that fails after the context was built.
 */
export interface ServiceDefinition<C> {
  name: string;
  port: number;
  platform: PlatformConfig;
  context: (platform: Platform) => Promise<ServiceContext<C>>;
  /** Consumers to run; a service with none is ready once NATS, Postgres and its own checks are. */
  catalog?: (deps: C) => Catalog;
  /** API routes and anything else to set up on the server before it listens. */
  routes?: (app: FastifyInstance, deps: C) => void | Promise<void>;
  bodyLimitBytes?: number;
}

/** How one process starts a service, beside what the service is (its definition). */
export interface StartOptions {
  /**
   * Run migrations at start-up. The one override of the platform's `RUN_MIGRATIONS` (which only the runtime
   * reads): a test whose harness already migrated its schema passes `false`.
   */
  migrate?: boolean;
  logDestination?: NodeJS.WritableStream;
}

export interface RunningService extends Platform {
  app: FastifyInstance;
  url: string;
  stop(): Promise<void>;
}

/** Builds a service from its definition: connections, streams, its context, consumers, relay, HTTP; stops in reverse. */
export async function startService<C>(
  def: ServiceDefinition<C>,
  options: StartOptions = {},
): Promise<RunningService> {
  const { platform: config } = def;
  const log = createLogger({
    service: def.name,
    level: config.logLevel,
    destination: options.logDestination,
  });
  initTracing({ service: def.name });
  const registry = createMetricsRegistry(def.name, config.version);
  const db = createDb({
    url: config.databaseUrl,
    schema: config.databaseSchema,
    poolMax: config.databasePoolMax,
    statementTimeoutMs: config.statementTimeoutMs,
    // Includes the prefix so an operator (or the fault suite) can tell deployments apart in pg_stat_activity.
    applicationName: `parley-${def.name}-${config.busPrefix}`,
    version: config.version,
    onError: (err) => log.warn({ err }, 'postgres connection error; the pool will reconnect'),
  });
  // A start that fails half-way (a bad model file, NATS down) releases what it opened, so a test or an
  // embedding process is not left holding connections.
  const opened: Array<() => Promise<unknown>> = [() => db.close()];
  try {
    return await startOn(def, options.migrate ?? config.runMigrations, { config, log, registry, db }, opened);
  } catch (err) {
    for (const close of opened.reverse()) await close().catch(() => undefined);
    throw err;
  }
}

async function startOn<C>(
  def: ServiceDefinition<C>,
  migrate: boolean,
  base: Pick<Platform, 'config' | 'log' | 'registry' | 'db'>,
  opened: Array<() => Promise<unknown>>,
): Promise<RunningService> {
  const { config, log, registry, db } = base;
  if (migrate) await migrateToLatest(db);
  const nc = await connectNats(config.natsUrl, `parley-${def.name}`, config.natsAuth);
  opened.push(() => nc.close());
  const canary = new CanaryControl({
    nc,
    prefix: config.busPrefix,
    onInvalid: (problem) => log.warn({ problem }, 'ignoring an invalid canary value'),
  });
  await canary.start();
  opened.push(() => canary.stop());
  if (config.canaryRole === 'candidate') warnOfVersion(def.name, config, canary, log);
  const bus = new Bus({
    nc,
    db: db.db,
    prefix: config.busPrefix,
    service: def.name,
    log,
    registry,
    streamSizes: config.streamSizes,
    role: config.canaryRole,
    canary,
  });
  opened.push(() => bus.close());
  await bus.applyTopology();
  const platform: Platform = { name: def.name, config, log, registry, nc, db, bus, canary };

  let dbOk = true;
  const dbProbe = setInterval(() => {
    sql`select 1`
      .execute(db.db)
      .then(() => (dbOk = true))
      .catch(() => (dbOk = false));
  }, 2000);
  dbProbe.unref();
  opened.push(async () => clearInterval(dbProbe));

  const context = await def.context(platform);
  // Consumers are drained before what their handlers use is released, here as on stop.
  opened.push(async () => {
    await bus.close();
    await context.close();
  });
  const catalog = def.catalog?.(context.deps);
  const app = createOpsServer({
    registry,
    log,
    bodyLimitBytes: def.bodyLimitBytes,
    checks: {
      nats: () => !nc.isClosed() && !nc.isDraining(),
      postgres: () => dbOk,
      ...(catalog ? { consumers: () => bus.ready() } : {}),
      ...context.checks,
    },
  });
  opened.push(() => app.close());
  await def.routes?.(app, context.deps);
  if (catalog) await bus.startConsumers(catalog);
  bus.startRelay();
  const url = await app.listen({ host: config.host, port: def.port });
  log.info(
    { url, consumers: bus.durables(), version: config.version, canaryRole: config.canaryRole },
    `${def.name} ready`,
  );

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      log.info('stopping: draining consumers');
      clearInterval(dbProbe);
      await app.close();
      await bus.close();
      await context.close();
      await canary.stop();
      await nc.drain().catch(() => undefined);
      await db.close();
      log.info('stopped');
    })();
    return stopping;
  };
  return { ...platform, app, url, stop };
}

/**
 * A candidate handles whatever share is stamped for its service, whichever version the canary names: leaving
 * those tickets unhandled would be worse. A mismatch is an operator's slip, so it is said loudly.
 */
function warnOfVersion(service: string, config: PlatformConfig, canary: CanaryControl, log: Logger): void {
  const state = canary.state(service);
  if (state && state.version !== config.version) {
    log.warn(
      { running: config.version, canary: state.version },
      'this candidate runs another version than the canary names; it handles the candidate share anyway',
    );
  }
}

/** Stops cleanly on SIGTERM/SIGINT; no process.exit on a normal shutdown. */
export function stopOnSignals(service: { stop(): Promise<void>; log: Logger }): void {
  // Node keeps a child alive while its IPC channel has a 'disconnect' listener: once stopped, the listener goes
  // and the channel is unref'd, or the process would linger until its supervisor's SIGKILL.
  const onSupervisorGone = () => {
    service.log.warn('supervisor went away; stopping');
    stop().catch(() => (process.exitCode = 1));
  };
  const stop = () =>
    service.stop().finally(() => {
      process.off('disconnect', onSupervisorGone);
      process.channel?.unref();
    });
  const handler = (signal: NodeJS.Signals) => {
    service.log.info({ signal }, 'signal received');
    stop().catch((err: unknown) => {
      service.log.error({ err }, 'shutdown failed');
      process.exitCode = 1;
    });
  };
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
  // Started by a supervisor with an IPC channel: if the supervisor goes away, so do we.
  if (process.send) process.once('disconnect', onSupervisorGone);
}

/**
 * Entry-point helper: heartbeats to a supervisor, start, stop on signals, and report a start-up failure with a
 * clear message.
 */
export async function main(build: () => Promise<RunningService>): Promise<void> {
  // From the first moment, so a start-up that hangs is noticed as well.
  sendHeartbeats();
  try {
    stopOnSignals(await build());
  } catch (err) {
    process.stderr.write(`start-up failed: ${(err as Error).message}\n`);
    // Half-open connections would keep the process alive; a supervisor must see it die and restart it.
    process.exit(1);
  }
}
