import type { ServiceDefinition } from '@parley/runtime';
import type { RetrievalConfig } from './config.js';
import { retrievalCatalog } from './consumers.js';
import type { RetrievalDeps, RetrievalOverrides } from './context.js';
import { buildContext } from './context.js';
import { registerIngestRoute } from './http/ingest-route.js';

/**
 * Retrieval: consumes ticket.routed with the index, catalogue and prior its context builds, and serves
 * `POST /v1/kb/ingest`.
 */
export function buildService(
  config: RetrievalConfig,
  overrides: RetrievalOverrides = {},
): ServiceDefinition<RetrievalDeps> {
  return {
    name: 'retrieval',
    port: config.port,
    platform: config.platform,
    context: (platform) => buildContext(config, platform, overrides),
    catalog: (deps) => retrievalCatalog(deps, config.concurrency),
    routes: (app, deps) => registerIngestRoute(app, deps.ingest),
  };
}
