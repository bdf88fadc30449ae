import type { Platform } from '@parley/runtime';
import { Admission } from './admission/admission.js';
import { KeyVerifier, findActiveKey } from '@parley/auth';
import type { IngressConfig } from './config.js';
import type { ChannelSenders } from './delivery/senders.js';
import { defaultSenders } from './delivery/senders.js';
import type { IngressMetrics } from './events.js';
import { createIngressMetrics } from './events.js';
import type { CrmLookup } from './tickets/customer-match.js';
import { crmLookup } from './tickets/crm-lookup.js';

/** Everything the handlers and routes need, built once from the running platform. */
export interface IngressContext {
  config: IngressConfig;
  platform: Platform;
  crm: CrmLookup;
  verifier: KeyVerifier;
  senders: ChannelSenders;
  metrics: IngressMetrics;
  admission: Admission;
}

/** The scope a key needs for /v1/tickets. */
export const TICKETS_SCOPE = 'tickets';

export function buildContext(
  config: IngressConfig,
  platform: Platform,
  senders?: Partial<ChannelSenders>,
): IngressContext {
  const db = platform.db.db;
  const admission = new Admission({
    maxInFlight: config.maxInFlight,
    // As many as the pool has connections, so admitted work waits here, within a bound, not in the pool.
    dbConcurrency: config.platform.databasePoolMax,
    dbWaitMs: config.dbWaitMs,
  });
  return {
    config,
    platform,
    admission,
    crm: crmLookup(db),
    verifier: new KeyVerifier(
      config.apiKeys,
      (hash) => admission.db(() => findActiveKey(db, hash)),
      TICKETS_SCOPE,
    ),
    senders: defaultSenders(senders),
    metrics: createIngressMetrics(platform.registry),
  };
}
