import type { ReadinessCheck } from './ops-server.js';

/**
 * What a service builds at start-up (`buildContext` in its `src/context.ts`): the dependencies its handlers and
 * routes use, its own readiness checks, and how to release what it created.
 */
export interface ServiceContext<C> {
  deps: C;
  /** Added to `/readyz` beside NATS, Postgres and the consumers (e.g. "index loaded"). */
  checks: Record<string, ReadinessCheck>;
  /** Releases what the context created, last created first; the runtime calls it once consumers are drained. */
  close(): Promise<void>;
}

/**
 * What a context opens, released in reverse. Used through `buildWith`, which also releases whatever was opened
 * before a build that throws half-way, so a failed start leaves nothing running.
 */
export class Resources {
  readonly #releases: Array<() => unknown> = [];

  /** Registers `release` for `value` and hands the value back, so creating and registering read as one line. */
  own<T>(value: T, release: (value: T) => unknown): T {
    this.#releases.push(() => release(value));
    return value;
  }

  /** Registers a release that has no value of its own (a timer, a subscription). */
  onClose(release: () => unknown): void {
    this.#releases.push(release);
  }

  /**
   * Runs `task` every `intervalMs` (and once now with `immediately`), one run at a time: a tick while a run is
   * in progress is skipped. Released by stopping the timer and waiting for the run in progress. The task handles
   * its own errors (a failed run is retried on the next tick).
   */
  every(intervalMs: number, task: () => Promise<unknown>, opts: { immediately?: boolean } = {}): void {
    let running: Promise<unknown> | undefined;
    const tick = () => {
      running ??= task().finally(() => (running = undefined));
    };
    if (opts.immediately) tick();
    const timer = setInterval(tick, intervalMs);
    timer.unref();
    this.onClose(async () => {
      clearInterval(timer);
      await running;
    });
  }

  /** Runs every release, last registered first; each runs even if an earlier one failed, the first error is thrown. */
  async close(): Promise<void> {
    let failure: unknown;
    for (const release of this.#releases.splice(0).reverse()) {
      try {
        await release();
      } catch (err) {
        failure ??= err;
      }
    }
    if (failure !== undefined) throw failure;
  }
}

/** Runs a context's build with a `Resources` to register its releases in; see `ServiceContext`. */
export async function buildWith<C>(
  build: (resources: Resources) => Promise<Omit<ServiceContext<C>, 'close'>>,
): Promise<ServiceContext<C>> {
  const resources = new Resources();
  try {
    const built = await build(resources);
    return { ...built, close: () => resources.close() };
  } catch (err) {
    await resources.close().catch(() => undefined);
    throw err;
  }
}
