import type { EnvSource, PlatformConfig } from '@parley/config';
import { ConfigError, env, readEnv, readPlatformConfig } from '@parley/config';
import type { SlaPolicy } from './sla/policy.js';
import { parseSlaMinutes } from './sla/policy.js';

export const handoffEnv = {
  HANDOFF_PORT: env.port(8085),
  /** Comma separated bearer keys for local use and tests; production keys live hashed in api_keys. */
  HANDOFF_AGENT_KEYS: env.list(),
  HANDOFF_SLA_MINUTES: env.string({ default: 'urgent=15,high=60,normal=240,low=1440' }),
  HANDOFF_SLA_RESOLUTION_FACTOR: env.int({ default: 6, min: 1, max: 100 }),
  /** How often open items are checked against their SLA; 0 turns the timer off. */
  HANDOFF_SLA_CHECK_MS: env.int({ default: 30_000, min: 0, max: 3_600_000 }),
  /** Where each SLA breach is POSTed, signed with the secret; unset: no webhook. */
  HANDOFF_SLA_WEBHOOK_URL: env.url(['http', 'https']).optional(),
  HANDOFF_SLA_WEBHOOK_SECRET: env.string({ min: 16 }).optional(),
  HANDOFF_SLA_WEBHOOK_TIMEOUT_MS: env.int({ default: 10_000, min: 100, max: 60_000 }),
  /** Deliveries of one breach to the webhook before it is given up (dead-lettered). */
  HANDOFF_SLA_WEBHOOK_ATTEMPTS: env.int({ default: 6, min: 1, max: 20 }),
  /** How long an agent's sign-in lasts. */
  HANDOFF_SESSION_HOURS: env.int({ default: 12, min: 1, max: 24 * 30 }),
  /**
   * The workspace's public origin (`https://inbox.example.com`) when it is served behind a proxy: the only
   * origin a state-changing request may come from, and https makes the session cookie `Secure`. Unset: the
   * origin must match the request's Host.
   */
  HANDOFF_PUBLIC_ORIGIN: env.url(['http', 'https']).optional(),
  /** Where escalations and drafts are also mirrored; the built-in workspace always has them. */
  HANDOFF_DESK: env.oneOf(['builtin', 'zendesk'], 'builtin'),
  /** `https://<subdomain>.zendesk.com` (a local server in tests). */
  HANDOFF_ZENDESK_URL: env.url(['http', 'https']).optional(),
  /** The agent the API acts as (`email/token` authentication) and its API token. */
  HANDOFF_ZENDESK_EMAIL: env.string().optional(),
  HANDOFF_ZENDESK_TOKEN: env.string().optional(),
  /** The signing secret of the Zendesk webhook that tells us a desk ticket was updated. */
  HANDOFF_ZENDESK_WEBHOOK_SECRET: env.string({ min: 16 }).optional(),
  /** How often the quality judge grades the previous day's sample of auto-sent replies; 0 turns it off. */
  HANDOFF_JUDGE_EVERY_MS: env.int({ default: 86_400_000, min: 0, max: 7 * 86_400_000 }),
  /** Auto-sent replies graded per day at most. */
  HANDOFF_JUDGE_SAMPLE: env.int({ default: 20, min: 1, max: 500 }),
  /** A hosted model grades replies against the rubric too; unset: the deterministic checks only. */
  HANDOFF_JUDGE_PROVIDER: env.oneOf(['none', 'anthropic', 'openai', 'openai-compatible'], 'none'),
  HANDOFF_JUDGE_MODEL: env.string().optional(),
  HANDOFF_JUDGE_API_KEY: env.string().optional(),
  /** The provider's API base URL (required for openai-compatible; tests point it at a local server). */
  HANDOFF_JUDGE_BASE_URL: env.url(['http', 'https']).optional(),
  HANDOFF_JUDGE_TIMEOUT_MS: env.int({ default: 30_000, min: 1_000, max: 120_000 }),
};

/** The quality judge's schedule and, when configured, its model (a `@parley/providers` chat model config). */
export interface JudgeConfig {
  everyMs: number;
  sample: number;
  model: {
    provider: 'anthropic' | 'openai' | 'openai-compatible';
    model: string;
    apiKey?: string | undefined;
    baseUrl?: string | undefined;
    timeoutMs: number;
  } | null;
}

export interface SlaWebhookConfig {
  url: string;
  secret: string;
  timeoutMs: number;
  attempts: number;
}

export interface ZendeskConfig {
  url: string;
  email: string;
  token: string;
  webhookSecret: string;
}

export interface HandoffConfig {
  port: number;
  platform: PlatformConfig;
  agentKeys: string[];
  sla: SlaPolicy;
  slaCheckMs: number;
  slaWebhook: SlaWebhookConfig | null;
  sessionHours: number;
  judge: JudgeConfig;
  publicOrigin: string | null;
  zendesk: ZendeskConfig | null;
}

export function readServiceConfig(source: EnvSource): HandoffConfig {
  const e = readEnv(handoffEnv, source);
  const problems: string[] = [];
  let firstResponseMinutes;
  try {
    firstResponseMinutes = parseSlaMinutes(e.HANDOFF_SLA_MINUTES);
  } catch (err) {
    problems.push(`HANDOFF_SLA_MINUTES: ${(err as Error).message}`);
  }
  if (e.HANDOFF_SLA_WEBHOOK_URL && !e.HANDOFF_SLA_WEBHOOK_SECRET)
    problems.push('HANDOFF_SLA_WEBHOOK_SECRET: required with HANDOFF_SLA_WEBHOOK_URL (breaches are signed)');
  const zendeskVars = {
    HANDOFF_ZENDESK_URL: e.HANDOFF_ZENDESK_URL,
    HANDOFF_ZENDESK_EMAIL: e.HANDOFF_ZENDESK_EMAIL,
    HANDOFF_ZENDESK_TOKEN: e.HANDOFF_ZENDESK_TOKEN,
    HANDOFF_ZENDESK_WEBHOOK_SECRET: e.HANDOFF_ZENDESK_WEBHOOK_SECRET,
  };
  if (e.HANDOFF_DESK === 'zendesk') {
    for (const [name, value] of Object.entries(zendeskVars))
      if (!value) problems.push(`${name}: required with HANDOFF_DESK=zendesk`);
  }
  const provider = e.HANDOFF_JUDGE_PROVIDER;
  if (provider !== 'none') {
    if (!e.HANDOFF_JUDGE_MODEL)
      problems.push(`HANDOFF_JUDGE_MODEL: required with HANDOFF_JUDGE_PROVIDER=${provider}`);
    if (provider !== 'openai-compatible' && !e.HANDOFF_JUDGE_API_KEY)
      problems.push(`HANDOFF_JUDGE_API_KEY: required with HANDOFF_JUDGE_PROVIDER=${provider}`);
    if (provider === 'openai-compatible' && !e.HANDOFF_JUDGE_BASE_URL)
      problems.push('HANDOFF_JUDGE_BASE_URL: required with HANDOFF_JUDGE_PROVIDER=openai-compatible');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port: e.HANDOFF_PORT,
    platform: readPlatformConfig(source),
    agentKeys: e.HANDOFF_AGENT_KEYS,
    sla: { firstResponseMinutes: firstResponseMinutes!, resolutionFactor: e.HANDOFF_SLA_RESOLUTION_FACTOR },
    slaCheckMs: e.HANDOFF_SLA_CHECK_MS,
    slaWebhook: e.HANDOFF_SLA_WEBHOOK_URL
      ? {
          url: e.HANDOFF_SLA_WEBHOOK_URL,
          secret: e.HANDOFF_SLA_WEBHOOK_SECRET!,
          timeoutMs: e.HANDOFF_SLA_WEBHOOK_TIMEOUT_MS,
          attempts: e.HANDOFF_SLA_WEBHOOK_ATTEMPTS,
        }
      : null,
    sessionHours: e.HANDOFF_SESSION_HOURS,
    judge: {
      everyMs: e.HANDOFF_JUDGE_EVERY_MS,
      sample: e.HANDOFF_JUDGE_SAMPLE,
      model:
        provider === 'none'
          ? null
          : {
              provider: provider as NonNullable<JudgeConfig['model']>['provider'],
              model: e.HANDOFF_JUDGE_MODEL!,
              apiKey: e.HANDOFF_JUDGE_API_KEY,
              baseUrl: e.HANDOFF_JUDGE_BASE_URL,
              timeoutMs: e.HANDOFF_JUDGE_TIMEOUT_MS,
            },
    },
    publicOrigin: e.HANDOFF_PUBLIC_ORIGIN ? new URL(e.HANDOFF_PUBLIC_ORIGIN).origin : null,
    zendesk:
      e.HANDOFF_DESK === 'zendesk'
        ? {
            url: e.HANDOFF_ZENDESK_URL!.replace(/\/+$/, ''),
            email: e.HANDOFF_ZENDESK_EMAIL!,
            token: e.HANDOFF_ZENDESK_TOKEN!,
            webhookSecret: e.HANDOFF_ZENDESK_WEBHOOK_SECRET!,
          }
        : null,
  };
}
