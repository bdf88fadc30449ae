/**
 * Loads something once, on first use: an SDK module, a client built from it. Parley runs offline by default,
 * so a service that never calls a provider never holds the SDKs' code (several MB of heap each). A failed load
 * is tried again by the next caller.
 */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () =>
    (loaded ??= load().catch((err: unknown) => {
      loaded = undefined;
      throw err;
    }));
}
