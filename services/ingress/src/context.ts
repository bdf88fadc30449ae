import type { Platform, ServiceContext } from '@parley/runtime';
import { buildWith } from '@parley/runtime';
import { Admission } from './admission/admission.js';
import { KeyVerifier, findActiveKey } from '@parley/auth';
import type { ParseWorkerModule } from './channels/email/parse-pool.js';
import { EmailParsePool } from './channels/email/parse-pool.js';
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
export interface IngressDeps {
  config: IngressConfig;
  platform: Platform;
  crm: CrmLookup;
  verifier: KeyVerifier;
  senders: ChannelSenders;
  metrics: IngressMetrics;
  admission: Admission;
  /** Worker threads that parse inbound email, off the event loop. */
  emailParser: EmailParsePool;
}

export interface IngressOverrides {
  /** Channel adapters to use instead of delivery-by-recording. */
  senders?: Partial<ChannelSenders>;
  /** The email parser's worker module instead of the real one (tests hold a parse in flight with theirs). */
  emailParseWorker?: ParseWorkerModule;
}

/** The scope a key needs for /v1/tickets. */
export const TICKETS_SCOPE = 'tickets';

export function buildContext(
  config: IngressConfig,
  platform: Platform,
  overrides: IngressOverrides = {},
): Promise<ServiceContext<IngressDeps>> {
  return buildWith(async (resources) => {
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
    const { email } = config;
    const emailParser = resources.own(
      new EmailParsePool({
        workers: email.parse.workers,
        timeoutMs: email.parse.timeoutMs,
        options: {
          limits: email.limits,
          authservIds: email.senderAuth === 'require' ? email.authservIds : [],
        },
        ...(overrides.emailParseWorker ? { worker: overrides.emailParseWorker } : {}),
      }),
      (pool) => pool.close(),
    );
    const deps: IngressDeps = {
      config,
      platform,
      admission,
      crm: crmLookup(db),
      verifier: new KeyVerifier(
        config.apiKeys,
        (hash) => admission.db('key-lookups', () => findActiveKey(db, hash)),
        TICKETS_SCOPE,
      ),
      senders: channelSenders(config, platform, overrides.senders),
      metrics: createIngressMetrics(platform.registry),
      emailParser,
    };
    return { deps, checks: {} };
  });
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
