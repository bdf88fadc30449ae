import { QDRANT_TEST_KEY, qdrantServer } from '@parley/providers/testing';

/**
 * The in-memory Qdrant of `@parley/providers/testing` (the REST calls the adapter makes: collections, payload
 * indexes, point upsert/delete, the Query API with prefetch and RRF fusion), shaped for index tests. Tests only.
 */
export interface FakeQdrant {
  url: string;
  apiKey: string;
  /** Method and path of every request, in order. */
  readonly requests: ReadonlyArray<{ method: string; path: string }>;
  /** The points stored in a collection, by id (empty when it does not exist). */
  points(collection: string): ReadonlyMap<string, unknown>;
  close(): Promise<void>;
}

export async function startFakeQdrant(): Promise<FakeQdrant> {
  const { server, qdrant } = await qdrantServer();
  return {
    url: server.url,
    apiKey: QDRANT_TEST_KEY,
    get requests() {
      return server.requests;
    },
    points: (collection) => qdrant.collections.get(collection)?.points ?? new Map(),
    close: () => server.close(),
  };
}
