import type { Bus } from '@parley/bus';
import type { Database } from '@parley/db';
import { createChatModel } from '@parley/providers';
import type { Platform, ServiceContext } from '@parley/runtime';
import { buildWith } from '@parley/runtime';
import { workspaceDist } from '@parley/web';
import type { Kysely } from 'kysely';
import type { HandoffConfig, SlaWebhookConfig } from './config.js';
import { ZendeskClient } from './desk/zendesk-client.js';
import type { HandoffMetrics } from './events.js';
import { createHandoffMetrics } from './events.js';
import type { HandoffRequestedDeps } from './handlers/handoff-requested.js';
import { InboxHub } from './live/hub.js';
import { InboxListener } from './live/listener.js';
import type { JudgeModel } from './quality/judge/run.js';
import { runJudge } from './quality/judge/run.js';
import { checkSla } from './sla/check.js';

/** Browsers one process streams live updates to at most. */
const MAX_LIVE_STREAMS = 1000;

/** What handoff's handlers and routes use, built once at start-up. */
export interface HandoffDeps extends HandoffRequestedDeps {
  db: Kysely<Database>;
  bus: Bus;
  metrics: HandoffMetrics;
  slaWebhook: SlaWebhookConfig | null;
  /** The desk escalations and drafts are mirrored into, when one is configured, and its webhook's secret. */
  zendesk: ZendeskClient | null;
  deskWebhookSecret: string | null;
  /** Live inbox updates for the workspace's browsers, fed by the Postgres listener. */
  hub: InboxHub;
  agentKeys: readonly string[];
  sessionHours: number;
  publicOrigin: string | null;
  /** Where the built workspace is read from. */
  dist: string;
}

export interface HandoffOverrides {
  now?: () => Date;
  /** Where the built workspace is read from (tests of a missing build point elsewhere). */
  workspaceDist?: string;
}

/** The inbox's live updates (hub and Postgres listener), the SLA checks and the quality judge on their timers. */
export function buildContext(
  config: HandoffConfig,
  platform: Platform,
  overrides: HandoffOverrides = {},
): Promise<ServiceContext<HandoffDeps>> {
  const { now = () => new Date(), workspaceDist: dist = workspaceDist } = overrides;
  return buildWith(async (resources) => {
    const db = platform.db.db;
    const metrics = createHandoffMetrics(platform.registry);
    const hub = resources.own(new InboxHub(MAX_LIVE_STREAMS), (h) => h.close());
    const listener = new InboxListener({
      databaseUrl: config.platform.databaseUrl,
      schema: config.platform.databaseSchema,
      log: platform.log,
      onChange: (change) => hub.publish(change),
      onListening: () => hub.resync(),
    });
    resources.own(listener, (l) => l.stop());
    await listener.start();
    if (config.slaCheckMs > 0) {
      resources.every(config.slaCheckMs, () =>
        checkSla(db, platform.bus, now(), (policy) => metrics.slaBreaches.inc({ policy })).catch(
          (err: unknown) => platform.log.warn({ err }, 'SLA check failed; retrying on the next tick'),
        ),
      );
    }
    if (config.judge.everyMs > 0) {
      const { model: m, sample } = config.judge;
      const model: JudgeModel | null = m
        ? { chat: createChatModel({ ...m, maxRetries: 2 }), timeoutMs: m.timeoutMs }
        : null;
      // Once at start too: a deployment restarted more often than the interval would otherwise never judge
      // (a run judges only what is not graded yet, so an extra one costs nothing).
      resources.every(
        config.judge.everyMs,
        () =>
          runJudge(db, { model, sample, now: now() })
            .then((run) => platform.log.info({ ...run }, 'quality judge ran'))
            .catch((err: unknown) =>
              platform.log.warn({ err }, 'quality judge failed; trying on the next tick'),
            ),
        { immediately: true },
      );
    }
    return {
      deps: {
        db,
        bus: platform.bus,
        now,
        metrics,
        sla: config.sla,
        slaWebhook: config.slaWebhook,
        zendesk: config.zendesk ? new ZendeskClient(config.zendesk) : null,
        deskWebhookSecret: config.zendesk?.webhookSecret ?? null,
        hub,
        agentKeys: config.agentKeys,
        sessionHours: config.sessionHours,
        publicOrigin: config.publicOrigin,
        dist,
      },
      checks: { live: () => listener.connected },
    };
  });
}
