/**
 * Loads something once, on first use: an SDK module, a client built from it. Parley runs offline by default,
 * so a service that never builds a provider's adapter never holds the SDKs' code (several MB of heap each). A
 * failed load is tried again by the next caller.
 */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () =>
    (loaded ??= load().catch((err: unknown) => {
      loaded = undefined;
      throw err;
    }));
}

/**
 * A client loaded as soon as its adapter is built (at start-up), not within the first call's deadline; a load
 * that fails then is tried again by that call, which reports the failure.
 */
export function clientOf<T>(load: () => Promise<T>): () => Promise<T> {
  const client = onFirstUse(load);
  client().catch(() => undefined);
  return client;
}
