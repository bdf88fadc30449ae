import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BusHarness } from '@parley/bus/testing';
import { createBusHarness } from '@parley/bus/testing';
import { readPlatformConfig } from '@parley/config';
import { buildWith, Resources } from './context.js';
import type { ServiceDefinition } from './service.js';
import { startService } from './service.js';

let h: BusHarness;
beforeAll(async () => {
  h = await createBusHarness('runtime-service');
});
afterAll(async () => {
  await h.close();
});

interface Deps {
  greeting: string;
  /** Turns the context's own readiness check true. */
  warm(): void;
}

/** A service whose every step says when it ran, and whether NATS was still open when its context closed. */
function recorded(
  steps: string[],
  overrides: Partial<ServiceDefinition<Deps>> = {},
): ServiceDefinition<Deps> {
  return {
    name: 'probe',
    port: 0,
    platform: readPlatformConfig(h.env({ HOST: '127.0.0.1' })),
    async context(platform) {
      steps.push('context');
      let ready = false;
      return {
        deps: { greeting: 'hello', warm: () => (ready = true) },
        checks: { warm: () => ready },
        close: async () => {
          steps.push(`close (nats ${platform.nc.isClosed() || platform.nc.isDraining() ? 'gone' : 'open'})`);
        },
      };
    },
    routes(app, deps) {
      steps.push(`routes (${deps.greeting})`);
      app.post('/warm', { config: { access: { public: 'test' } } }, async () => {
        deps.warm();
        return { ok: true };
      });
    },
    ...overrides,
  };
}

describe('startService', () => {
  it('builds the context, then the routes on its deps; its checks gate /readyz; stop closes it before NATS', async () => {
    const steps: string[] = [];
    const svc = await startService(recorded(steps), { migrate: false });
    try {
      expect(steps).toEqual(['context', 'routes (hello)']);
      const before = await fetch(`${svc.url}/readyz`);
      expect(before.status).toBe(503);
      expect(((await before.json()) as { failing: string[] }).failing).toEqual(['warm']);
      await fetch(`${svc.url}/warm`, { method: 'POST' });
      expect((await fetch(`${svc.url}/readyz`)).status).toBe(200);
    } finally {
      await svc.stop();
    }
    expect(steps).toEqual(['context', 'routes (hello)', 'close (nats open)']);
  });

  it('hands the catalog the deps, and closes the context when a later step fails', async () => {
    const steps: string[] = [];
    const failing = recorded(steps, {
      catalog: (deps) => {
        steps.push(`catalog (${deps.greeting})`);
        throw new Error('no consumers today');
      },
    });
    await expect(startService(failing, { migrate: false })).rejects.toThrow('no consumers today');
    expect(steps).toEqual(['context', 'catalog (hello)', 'close (nats open)']);
  });
});

describe('Resources', () => {
  it('releases last-registered first, all of them even when one fails, and throws the first failure', async () => {
    const released: string[] = [];
    const resources = new Resources();
    resources.own('pool', (name) => released.push(name));
    resources.onClose(() => {
      released.push('failing');
      throw new Error('could not release');
    });
    resources.own('timer', (name) => released.push(name));
    await expect(resources.close()).rejects.toThrow('could not release');
    expect(released).toEqual(['timer', 'failing', 'pool']);
  });

  it('buildWith releases what a build opened before it threw', async () => {
    const released: string[] = [];
    await expect(
      buildWith(async (resources) => {
        resources.own('listener', (name) => released.push(name));
        throw new Error('model file damaged');
      }),
    ).rejects.toThrow('model file damaged');
    expect(released).toEqual(['listener']);
  });

  it('every: runs now when asked, and close waits for the run in progress', async () => {
    const resources = new Resources();
    let finish!: () => void;
    const events: string[] = [];
    resources.every(
      3_600_000,
      async () => {
        events.push('run started');
        await new Promise<void>((resolve) => (finish = resolve));
        events.push('run finished');
      },
      { immediately: true },
    );
    expect(events).toEqual(['run started']);
    const closed = resources.close().then(() => events.push('closed'));
    await Promise.resolve();
    expect(events).toEqual(['run started']);
    finish();
    await closed;
    expect(events).toEqual(['run started', 'run finished', 'closed']);
  });
});
