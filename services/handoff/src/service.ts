import { createChatModel } from '@parley/providers';
import type { Platform, ServiceDefinition } from '@parley/runtime';
import { serveApiDocs } from '@parley/runtime';
import { workspaceDist } from '@parley/web';
import { registerDeskWebhook } from './api/desk-webhook.js';
import { HANDOFF_API } from './api/docs.js';
import { registerKeyApi } from './api/routes.js';
import { registerWorkspace } from './api/workspace.js';
import type { HandoffConfig } from './config.js';
import { handoffCatalog } from './consumers.js';
import { ZendeskClient } from './desk/zendesk-client.js';
import type { HandoffMetrics } from './events.js';
import { createHandoffMetrics } from './events.js';
import { InboxHub } from './live/hub.js';
import { InboxListener } from './live/listener.js';
import type { JudgeModel } from './quality/judge/run.js';
import { runJudge } from './quality/judge/run.js';
import { checkSla } from './sla/check.js';

/** Browsers one process streams live updates to at most. */
const MAX_LIVE_STREAMS = 1000;

export interface HandoffOverrides extends Partial<ServiceDefinition> {
  now?: () => Date;
  /** Where the built workspace is read from (tests of a missing build point elsewhere). */
  workspaceDist?: string;
}

export function buildService(config: HandoffConfig, overrides: HandoffOverrides = {}): ServiceDefinition {
  const { now = () => new Date(), workspaceDist: dist = workspaceDist, ...rest } = overrides;
  let timer: NodeJS.Timeout | undefined;
  let checking: Promise<unknown> | undefined;
  let judgeTimer: NodeJS.Timeout | undefined;
  let judging: Promise<unknown> | undefined;
  let listener: InboxListener | undefined;
  let metrics: HandoffMetrics | undefined;
  const hub = new InboxHub(MAX_LIVE_STREAMS);
  const zendesk = config.zendesk ? new ZendeskClient(config.zendesk) : null;
  // The catalog and the routes share one set of metrics.
  const metricsFor = (platform: Platform) => (metrics ??= createHandoffMetrics(platform.registry));

  return {
    name: 'handoff',
    port: config.port,
    platform: config.platform,
    catalog: (platform) =>
      handoffCatalog({
        sla: config.sla,
        now,
        metrics: metricsFor(platform),
        db: platform.db.db,
        slaWebhook: config.slaWebhook,
        zendesk,
      }),
    checks: { live: () => listener?.connected ?? false },
    async setup(platform, app) {
      const deps = { db: platform.db.db, bus: platform.bus, now, metrics: metricsFor(platform) };
      registerKeyApi(app, { ...deps, agentKeys: config.agentKeys });
      registerWorkspace(app, {
        ...deps,
        agentKeys: config.agentKeys,
        sessionHours: config.sessionHours,
        publicOrigin: config.publicOrigin,
        hub,
        dist,
      });
      if (zendesk && config.zendesk)
        registerDeskWebhook(app, { ...deps, zendesk, secret: config.zendesk.webhookSecret });
      serveApiDocs(app, HANDOFF_API);
      listener = new InboxListener({
        databaseUrl: config.platform.databaseUrl,
        schema: config.platform.databaseSchema,
        log: platform.log,
        onChange: (change) => hub.publish(change),
        onListening: () => hub.resync(),
      });
      await listener.start();
      if (config.slaCheckMs > 0) {
        const breaches = metricsFor(platform).slaBreaches;
        timer = setInterval(() => {
          checking ??= checkSla(platform.db.db, platform.bus, now(), (policy) => breaches.inc({ policy }))
            .catch((err: unknown) =>
              platform.log.warn({ err }, 'SLA check failed; retrying on the next tick'),
            )
            .finally(() => (checking = undefined));
        }, config.slaCheckMs);
        timer.unref();
      }
      if (config.judge.everyMs > 0) {
        const { model: m, sample } = config.judge;
        const model: JudgeModel | null = m
          ? { chat: createChatModel({ ...m, maxRetries: 2 }), timeoutMs: m.timeoutMs }
          : null;
        const judge = () => {
          judging ??= runJudge(platform.db.db, { model, sample, now: now() })
            .then((run) => platform.log.info({ ...run }, 'quality judge ran'))
            .catch((err: unknown) =>
              platform.log.warn({ err }, 'quality judge failed; trying on the next tick'),
            )
            .finally(() => (judging = undefined));
        };
        // Once at start too: a deployment restarted more often than the interval would otherwise never judge
        // (a run judges only what is not graded yet, so an extra one costs nothing).
        judge();
        judgeTimer = setInterval(judge, config.judge.everyMs);
        judgeTimer.unref();
      }
    },
    onStop: async () => {
      clearInterval(timer);
      clearInterval(judgeTimer);
      await checking;
      await judging;
      hub.close();
      await listener?.stop();
    },
    ...rest,
  };
}
