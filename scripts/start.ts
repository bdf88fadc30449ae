// `pnpm start`: migrate, seed the demo store if the database is empty, build the agent workspace and the chat
// widget if their build is stale, then run the six services as separate processes under a supervisor (restart
// with backoff), serve the demo shop page with the chat widget on it, print the URLs once ready, stop all on
// Ctrl-C.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { ConfigError, readPlatformConfig } from '@parley/config';
import { createDb, migrateToLatest } from '@parley/db';
import { seedDemoStore } from '@parley/commerce';
import { SERVICE_ENV, SERVICE_NODE_FLAGS, Supervisor } from '@parley/runtime';
import { ensureBuilt } from '@parley/web/build';
import type { DemoShop } from '@parley/web/demo-shop';
import { startDemoShop } from '@parley/web/demo-shop';
import { ensureLocalChatKey, ensureLocalKey, ensureLocalRatingSecret } from './local-key.js';
import { serviceEntry, servicePort, SERVICES, telemetryPreload } from './services.js';

const started = Date.now();
const say = (line: string) => process.stdout.write(`${line}\n`);

function formatLine(name: string, line: string): string {
  const tag = `[${name}]`.padEnd(12);
  try {
    const rec = JSON.parse(line) as Record<string, unknown>;
    const extra = Object.entries(rec)
      .filter(([k]) => !['level', 'time', 'pid', 'hostname', 'name', 'service', 'msg'].includes(k))
      .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
      .join(' ');
    return `${tag} ${String(rec.level ?? '').padEnd(5)} ${String(rec.msg ?? '')}${extra ? ` ${extra}` : ''}`;
  } catch {
    return `${tag} ${line}`;
  }
}

async function waitReady(url: string, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    const ok = await fetch(`${url}/readyz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function prepare(): Promise<{ localKey: string | undefined; chatKey: string }> {
  const config = readPlatformConfig(process.env);
  const db = createDb({
    url: config.databaseUrl,
    schema: config.databaseSchema,
    poolMax: 2,
    statementTimeoutMs: 120_000,
    applicationName: 'parley-start',
  });
  try {
    const applied = await migrateToLatest(db);
    say(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema up to date');
    const seed = await seedDemoStore(db.db);
    say(
      seed.seeded
        ? `demo store seeded: ${seed.customers} customers, ${seed.orders} orders, ${seed.products} products`
        : 'demo store already present',
    );
    return {
      localKey: await ensureLocalKey(db.db, process.env),
      chatKey: await ensureLocalChatKey(db.db, process.env),
    };
  } finally {
    await db.close();
  }
}

/**
 * The router loads a saved model file rather than training in every process; it is (re)trained here only when
 * missing, older than its training data, or of another format version. An operator's ROUTER_MODEL_FILE wins.
 */
async function routerModelFile(): Promise<string> {
  if (process.env.ROUTER_MODEL_FILE) return process.env.ROUTER_MODEL_FILE;
  const out = resolve(import.meta.dirname, '../.data/router-model.pimf');
  const args = ['--import', 'tsx', resolve(import.meta.dirname, '../services/router/src/train.ts')];
  if (process.env.ROUTER_INTENT_TRAIN_FILE) args.push('--train', process.env.ROUTER_INTENT_TRAIN_FILE);
  if (process.env.ROUTER_WORD_VECTORS === 'false') args.push('--no-vectors');
  const { stdout } = await promisify(execFile)(process.execPath, [...args, '--out', out, '--if-stale']);
  const result = JSON.parse(stdout) as { outcome: string; trainMs?: number };
  say(
    result.outcome === 'trained'
      ? `router model trained in ${result.trainMs} ms: ${out}`
      : `router model up to date: ${out}`,
  );
  return out;
}

/** The demo shop's port (`DEMO_SHOP_PORT`, default 8090) and the origins its pages have in a browser. */
function demoShopOrigins(): { port: number; origins: string[] } {
  const port = Number(process.env.DEMO_SHOP_PORT ?? 8090);
  return { port, origins: [`http://127.0.0.1:${port}`, `http://localhost:${port}`] };
}

let shop: DemoShop | undefined;
try {
  const { localKey, chatKey } = await prepare();
  if (await ensureBuilt()) say('built the agent workspace and the chat widget');
  const modelFile = await routerModelFile();
  const demo = demoShopOrigins();
  // The widget on the demo shop calls ingress from the shop's origin.
  const chatOrigins = [process.env.INGRESS_CHAT_ORIGINS, ...demo.origins].filter(Boolean).join(',');
  const ratingSecret = await ensureLocalRatingSecret(process.env);
  const supervisor = new Supervisor({
    backoffMs: [500, 1000, 2000, 5000, 10_000],
    stableMs: 30_000,
    stopTimeoutMs: 15_000,
    // A service whose event loop is stuck (no heartbeat) is killed and restarted like one that crashed.
    heartbeatTimeoutMs: 30_000,
    // Loading a service (compiling it, reading its models) on a busy machine takes longer than a beat.
    startupTimeoutMs: 120_000,
    onLine: (name, line) => say(formatLine(name, line)),
    onEvent: (name, event) => say(`${`[${name}]`.padEnd(12)} supervisor: ${event}`),
  });
  supervisor.start(
    SERVICES.map((s) => ({
      name: s.name,
      command: process.execPath,
      args: [...SERVICE_NODE_FLAGS, '--import', 'tsx', '--import', telemetryPreload(), serviceEntry(s.name)],
      // Migrations already ran above: the services skip them.
      env: {
        ...SERVICE_ENV,
        [`${s.name.toUpperCase()}_PORT`]: String(servicePort(s.name)),
        RUN_MIGRATIONS: 'false',
        ...(s.name === 'router' ? { ROUTER_MODEL_FILE: modelFile } : {}),
        ...(s.name === 'ingress'
          ? { INGRESS_CHAT_ORIGINS: chatOrigins, INGRESS_RATING_SECRET: ratingSecret }
          : {}),
      },
    })),
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    say('stopping all services...');
    void shop?.close();
    void supervisor.stop().then(() => say('all services stopped'));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const deadline = Date.now() + 90_000;
  const results = await Promise.all(
    SERVICES.map(async (s) => ({
      ...s,
      url: `http://127.0.0.1:${servicePort(s.name)}`,
      ready: await waitReady(`http://127.0.0.1:${servicePort(s.name)}`, deadline),
    })),
  );
  if (!stopping) {
    shop = await startDemoShop({
      port: demo.port,
      ingressUrl: `http://127.0.0.1:${servicePort('ingress')}`,
      chatKey,
    }).catch((err: unknown) => {
      say(`demo shop not served: ${(err as Error).message} (set DEMO_SHOP_PORT to another port)`);
      return undefined;
    });
    say('');
    for (const r of results) say(`  ${r.name.padEnd(10)} ${r.url}  ${r.ready ? 'ready' : 'NOT READY'}`);
    say(`\n  API:   POST http://127.0.0.1:${servicePort('ingress')}/v1/tickets`);
    say(
      `  Agent workspace: http://127.0.0.1:${servicePort('handoff')}/inbox (sign in with the local API key)`,
    );
    if (shop) say(`  Demo shop with the chat widget: ${shop.url}`);
    if (localKey) say(`  Local API key (also in .data/local-api-key): ${localKey}`);
    say(
      `\nall services ${results.every((r) => r.ready) ? 'ready' : 'started, some not ready'} in ${((Date.now() - started) / 1000).toFixed(1)} s; try \`pnpm demo\`; Ctrl-C stops everything`,
    );
  }
} catch (err) {
  process.stderr.write(
    `${err instanceof ConfigError ? err.message : `start failed: ${(err as Error).message}`}\n`,
  );
  process.exitCode = 1;
}
