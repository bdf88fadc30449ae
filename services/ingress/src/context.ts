import type { Platform } from '@parley/runtime';
import { Admission } from './admission/admission.js';
import { KeyVerifier, findActiveKey } from '@parley/auth';
import type { IngressConfig } from './config.js';
import type { ChannelSenders } from './delivery/senders.js';
import { defaultSenders } from './delivery/senders.js';
import { smtpSender } from './channels/email/smtp-sender.js';
import { twilioSender } from './channels/sms/twilio-sender.js';
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
    maxInFlightPerClient: config.maxInFlightPerClient,
    maxInFlightPerRoute: config.maxInFlightPerRoute,
    maxAuthPerAddress: config.maxAuthPerAddress,
    // As many as the pool has connections, so admitted work waits here, within a bound, not in the pool.
    dbConcurrency: config.platform.databasePoolMax,
    dbConcurrencyPerClient: config.dbSlotsPerClient ?? Math.ceil(config.platform.databasePoolMax / 2),
    dbWaitMs: config.dbWaitMs,
  });
  return {
    config,
    platform,
    admission,
    crm: crmLookup(db),
    verifier: new KeyVerifier(
      config.apiKeys,
      (hash) => admission.db('key-lookups', () => findActiveKey(db, hash)),
      TICKETS_SCOPE,
    ),
    senders: channelSenders(config, platform, senders),
    metrics: createIngressMetrics(platform.registry),
  };
}

/**
 * The configured channel adapters (SMTP for email, Twilio for SMS), under any passed in;
 * a channel without one records its replies (chat and the API always do). Says at start-up which channels
 * really send; at info level, since recording is the intended mode of a deployment without a mail server.
 */
function channelSenders(
  config: IngressConfig,
  platform: Platform,
  overrides: Partial<ChannelSenders> = {},
): ChannelSenders {
  const configured: Partial<ChannelSenders> = {};
  const recorded: string[] = [];
  if (config.email.smtp) configured.email = smtpSender(config.email.smtp);
  else if (!overrides.email) recorded.push('email (INGRESS_SMTP_HOST is not set)');
  if (config.sms.outbound) configured.sms = twilioSender(config.sms.outbound, config.sms.maxParts);
  else if (!overrides.sms)
    recorded.push('sms (INGRESS_TWILIO_ACCOUNT_SID and INGRESS_TWILIO_FROM are not set)');
  platform.log.info(
    { sending: Object.keys({ ...configured, ...overrides }) },
    recorded.length > 0
      ? `replies are recorded, not sent, on: ${recorded.join('; ')}`
      : 'every channel with a provider sends its replies',
  );
  return defaultSenders({ ...configured, ...overrides });
}
