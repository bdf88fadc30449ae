import type { Platform, ServiceDefinition } from '@parley/runtime';
import { serveApiDocs } from '@parley/runtime';
import type { ParseWorkerModule } from './channels/email/parse-pool.js';
import type { IngressConfig } from './config.js';
import { ingressCatalog } from './consumers.js';
import type { IngressContext } from './context.js';
import { buildContext } from './context.js';
import type { ChannelSenders } from './delivery/senders.js';
import { registerApi } from './http/api.js';
import { INGRESS_API } from './http/docs.js';
import { registerChatRoutes } from './http/chat.js';
import { registerEmailRoutes } from './http/email.js';
import { registerRatingRoutes } from './http/ratings.js';
import { registerSmsRoutes } from './http/sms.js';

export interface IngressOverrides {
  /** Channel adapters to use instead of delivery-by-recording. */
  senders?: Partial<ChannelSenders>;
  logDestination?: NodeJS.WritableStream;
  /** Run migrations at start-up (default true); tests whose harness already migrated pass false. */
  migrate?: boolean;
  /** The email parser's worker module instead of the real one (tests hold a parse in flight with theirs). */
  emailParseWorker?: ParseWorkerModule;
}

/** The ingress service: the ticket API on its HTTP server, and delivery of requested replies. */
export function buildService(config: IngressConfig, overrides: IngressOverrides = {}): ServiceDefinition {
  let context: IngressContext | undefined;
  // The catalog and the routes share one context (and so one set of metrics).
  const contextFor = (platform: Platform) => (context ??= buildContext(config, platform, overrides.senders));
  return {
    name: 'ingress',
    port: config.port,
    platform: config.platform,
    bodyLimitBytes: config.maxBodyBytes,
    migrate: overrides.migrate ?? true,
    ...(overrides.logDestination ? { logDestination: overrides.logDestination } : {}),
    catalog: (platform) => ingressCatalog(contextFor(platform)),
    setup: (platform, app) => {
      registerApi(app, contextFor(platform));
      registerEmailRoutes(app, contextFor(platform), overrides.emailParseWorker);
      registerSmsRoutes(app, contextFor(platform));
      registerChatRoutes(app, contextFor(platform));
      registerRatingRoutes(app, contextFor(platform));
      serveApiDocs(app, INGRESS_API);
    },
  };
}
