import type { ServiceDefinition } from '@parley/runtime';
import { serveApiDocs } from '@parley/runtime';
import { HANDOFF_API } from './api/docs.js';
import { registerInboxRoutes } from './api/routes.js';
import type { HandoffConfig } from './config.js';
import { handoffCatalog } from './consumers.js';
import { createHandoffMetrics } from './events.js';
import { checkSla } from './inbox/sla-check.js';

export function buildService(
  config: HandoffConfig,
  overrides: Partial<ServiceDefinition> & { now?: () => Date } = {},
): ServiceDefinition {
  const { now = () => new Date(), ...rest } = overrides;
  let timer: NodeJS.Timeout | undefined;
  let checking: Promise<unknown> | undefined;
  return {
    name: 'handoff',
    port: config.port,
    platform: config.platform,
    catalog: (platform) =>
      handoffCatalog({ sla: config.sla, now, metrics: createHandoffMetrics(platform.registry) }),
    setup(platform, app) {
      registerInboxRoutes(app, { db: platform.db.db, bus: platform.bus, agentKeys: config.agentKeys, now });
      serveApiDocs(app, HANDOFF_API);
      if (config.slaCheckMs > 0) {
        timer = setInterval(() => {
          checking ??= checkSla(platform.db.db, platform.bus, now())
            .catch((err: unknown) =>
              platform.log.warn({ err }, 'SLA check failed; retrying on the next tick'),
            )
            .finally(() => (checking = undefined));
        }, config.slaCheckMs);
        timer.unref();
      }
    },
    onStop: async () => {
      clearInterval(timer);
      await checking;
    },
    ...rest,
  };
}
