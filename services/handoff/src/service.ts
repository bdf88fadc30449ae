import type { ServiceDefinition } from '@parley/runtime';
import { serveApiDocs } from '@parley/runtime';
import { registerDeskWebhook } from './api/desk-webhook.js';
import { HANDOFF_API } from './api/docs.js';
import { registerKeyApi } from './api/routes.js';
import { registerWorkspace } from './api/workspace.js';
import type { HandoffConfig } from './config.js';
import { handoffCatalog } from './consumers.js';
import type { HandoffDeps, HandoffOverrides } from './context.js';
import { buildContext } from './context.js';

/** Handoff: the inbox of turns that need a person, its API and workspace, SLAs, the desk mirror, the quality judge. */
export function buildService(
  config: HandoffConfig,
  overrides: HandoffOverrides = {},
): ServiceDefinition<HandoffDeps> {
  return {
    name: 'handoff',
    port: config.port,
    platform: config.platform,
    context: (platform) => buildContext(config, platform, overrides),
    catalog: handoffCatalog,
    routes(app, deps) {
      registerKeyApi(app, deps);
      registerWorkspace(app, deps);
      const { zendesk, deskWebhookSecret: secret } = deps;
      if (zendesk && secret !== null) registerDeskWebhook(app, { ...deps, zendesk, secret });
      serveApiDocs(app, HANDOFF_API);
    },
  };
}
