import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { shapeProblems } from './shape/check.js';
import type { ServiceFiles } from './shape/check.js';

// Every service has one shape (packages/runtime/README.md, docs/adding-a-consumer.md), so an eighth is a copy of
// any of the seven: `service.ts` only wires (context, catalog, routes), `context.ts` builds what start-up creates,
// handlers are `on<Event>`, `events.ts` has its metrics and their helpers, `index.ts` is the same line everywhere.
const ROOT = new URL('../../../', import.meta.url).pathname;
const SERVICES = join(ROOT, 'services');

function sources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [path] : [];
  });
}

function filesOf(name: string): ServiceFiles {
  const src = join(SERVICES, name, 'src');
  const read = (file: string) => (existsSync(join(src, file)) ? readFileSync(join(src, file), 'utf8') : null);
  return {
    name,
    service: read('service.ts'),
    context: read('context.ts'),
    events: read('events.ts'),
    consumers: read('consumers.ts'),
    index: read('index.ts'),
    handlers: Object.fromEntries(
      sources(join(src, 'handlers')).map((f) => [f.slice(src.length + 1), readFileSync(f, 'utf8')]),
    ),
    all: Object.fromEntries(sources(src).map((f) => [f.slice(ROOT.length), readFileSync(f, 'utf8')])),
  };
}

const names = readdirSync(SERVICES).filter((n) =>
  statSync(join(SERVICES, n, 'src'), { throwIfNoEntry: false }),
);

describe('service shape', () => {
  it('finds the seven services', () => {
    expect(names.sort()).toEqual([
      'actions',
      'gate',
      'handoff',
      'ingress',
      'resolver',
      'retrieval',
      'router',
    ]);
  });

  it.each(names)('%s follows the shape', (name) => {
    expect(shapeProblems(filesOf(name))).toEqual([]);
  });

  it.each(names)('%s exports a definition whose context is a function, and a buildContext', async (name) => {
    const src = join(SERVICES, name, 'src');
    const { readServiceConfig } = (await import(join(src, 'config.ts'))) as {
      readServiceConfig(env: Record<string, string>): unknown;
    };
    const { buildService } = (await import(join(src, 'service.ts'))) as {
      buildService(config: unknown): Record<string, unknown>;
    };
    const { buildContext } = (await import(join(src, 'context.ts'))) as { buildContext: unknown };
    expect(typeof buildContext).toBe('function');
    const definition = buildService(readServiceConfig({}));
    expect(definition.name).toBe(name);
    expect(typeof definition.context).toBe('function');
    for (const step of ['catalog', 'routes'])
      expect(['function', 'undefined']).toContain(typeof definition[step]);
    expect(Object.keys(definition).filter((k) => !DEFINITION_KEYS.has(k))).toEqual([]);
  });

  it('reports what a service out of shape does wrong', () => {
    // The check must see what it forbids: a service written the old ways fails it on every count.
    const problems = shapeProblems({
      name: 'stray',
      service: `import { KillSwitch } from '@parley/control';
export function buildService(config, overrides = {}) {
  let killSwitch;
  return { name: 'stray', migrate: config.migrate, ...overrides, async catalog(platform) { killSwitch = new KillSwitch(); } };
}`,
      context: null,
      events: `export function strayEvents(registry) { return {}; }`,
      consumers: `export const c = { a: consumer({ event: A, handler: (e, ctx) => routeTicket(e, ctx, deps) }) };`,
      index: `await main(async () => startService(buildService(readServiceConfig(process.env))));`,
      handlers: { 'handlers/route.ts': 'export async function routeTicket(event, ctx, deps) {}' },
      all: { 'services/stray/src/config.ts': 'RUN_MIGRATIONS: env.bool(true), migrate: e.RUN_MIGRATIONS' },
    });
    expect(problems).toEqual([
      'stray: src/context.ts is missing or does not export buildContext(config, platform, overrides)',
      'stray: src/service.ts declares `let killSwitch` (state belongs in the context)',
      'stray: src/service.ts uses overrides other than by passing them to buildContext',
      'stray: src/service.ts does start-up work or reads settings the runtime owns (migrate, catalog(platform))',
      'stray: src/events.ts does not export createStrayMetrics(registry, ...)',
      'stray: src/events.ts does not export type StrayMetrics = ReturnType<typeof createStrayMetrics>',
      'stray: src/events.ts exports strayEvents (only createStrayMetrics and observe<Thing>(metrics, ...) helpers)',
      'stray: handlers/route.ts exports routeTicket (handlers are named on<Event>)',
      'stray: src/consumers.ts uses routeTicket as a handler (handlers are named on<Event>)',
      'stray: src/index.ts is not `void main(() => startService(buildService(readServiceConfig(process.env))));`',
      'stray: services/stray/src/config.ts reads RUN_MIGRATIONS (only the runtime does; pass startService(def, { migrate }))',
    ]);
  });
});

const DEFINITION_KEYS = new Set([
  'name',
  'port',
  'platform',
  'context',
  'catalog',
  'routes',
  'bodyLimitBytes',
]);
