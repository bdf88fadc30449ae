import type { ServiceDefinition } from '@parley/runtime';
import { serveApiDocs } from '@parley/runtime';
import type { IngressConfig } from './config.js';
import { ingressCatalog } from './consumers.js';
import type { IngressDeps, IngressOverrides } from './context.js';
import { buildContext } from './context.js';
import { registerApi } from './http/api.js';
import { INGRESS_API } from './http/docs.js';
import { registerChatRoutes } from './http/chat.js';
import { registerEmailRoutes } from './http/email.js';
import { registerRatingRoutes } from './http/ratings.js';
import { registerSmsRoutes } from './http/sms.js';

/** The ingress service: the ticket API on its HTTP server, and delivery of requested replies. */
export function buildService(
  config: IngressConfig,
  overrides: IngressOverrides = {},
): ServiceDefinition<IngressDeps> {
  return {
    name: 'ingress',
    port: config.port,
    platform: config.platform,
    bodyLimitBytes: config.maxBodyBytes,
    context: (platform) => buildContext(config, platform, overrides),
    catalog: ingressCatalog,
    routes(app, deps) {
      registerApi(app, deps);
      registerEmailRoutes(app, deps);
      registerSmsRoutes(app, deps);
      registerChatRoutes(app, deps);
      registerRatingRoutes(app, deps);
      serveApiDocs(app, INGRESS_API);
    },
  };
}
