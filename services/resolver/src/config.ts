import type { EnvSource, PlatformConfig } from '@parley/config';
import { ConfigError, env, readEnv, readPlatformConfig } from '@parley/config';
import type { z } from 'zod';

const HOSTED_PROVIDERS = ['anthropic', 'openai', 'openai-compatible'] as const;
export type HostedProvider = (typeof HOSTED_PROVIDERS)[number];
const COMPOSERS = ['local', ...HOSTED_PROVIDERS] as const;

export const resolverEnv = {
  RESOLVER_PORT: env.port(8083),
  /** `local` (offline default) or a hosted provider; hosted tiers fall back to the local composer on failure. */
  RESOLVER_COMPOSER: env.oneOf([...COMPOSERS], 'local'),
  /** The model answering `commodity`-tier intents (required for a hosted composer). */
  RESOLVER_MODEL_COMMODITY: env.string().optional(),
  /** The model answering `frontier`-tier intents; the commodity model when unset. */
  RESOLVER_MODEL_FRONTIER: env.string().optional(),
  RESOLVER_API_KEY: env.string().optional(),
  RESOLVER_BASE_URL: env.url(['http', 'https']).optional(),
  /** Deadline for one draft's whole model call (the JSON retry included); inside the consumer's 60 s ack wait. */
  RESOLVER_TIMEOUT_MS: env.int({ default: 20_000, min: 100, max: 50_000 }),
  /**
   * Rounds of tool calls a hosted model may make in one turn; asking for more hands the ticket to a person.
   * Each round is a model request, so the deadline above must cover them all.
   */
  RESOLVER_MAX_TOOL_ROUNDS: env.int({ default: 6, min: 1, max: 20 }),
  /**
   * Below this retrieval top score no draft is written and the gate escalates. Kept under the gate's own
   * retrieval floor, so a weak match still reaches an agent as a draft to check rather than nothing.
   */
  RESOLVER_RETRIEVAL_FLOOR: env.decimal({ default: 0.12, min: 0, max: 1 }),
};

export interface HostedComposerConfig {
  provider: HostedProvider;
  /** Model per routing tier; `local`-tier intents never reach a hosted model. */
  models: { commodity: string; frontier: string };
  apiKey?: string;
  baseUrl?: string;
  timeoutMs: number;
  /** Rounds of tool calls per turn before the ticket goes to a person. */
  maxToolRounds: number;
}

export interface ResolverConfig {
  port: number;
  platform: PlatformConfig;
  composer: (typeof COMPOSERS)[number];
  retrievalFloor: number;
  /** The hosted tiers; null when the local composer answers everything (`RESOLVER_COMPOSER=local`). */
  hosted: HostedComposerConfig | null;
}

export function readServiceConfig(source: EnvSource): ResolverConfig {
  const e = readEnv(resolverEnv, source);
  return {
    port: e.RESOLVER_PORT,
    platform: readPlatformConfig(source),
    composer: e.RESOLVER_COMPOSER,
    retrievalFloor: e.RESOLVER_RETRIEVAL_FLOOR,
    hosted: e.RESOLVER_COMPOSER === 'local' ? null : hostedConfig(e.RESOLVER_COMPOSER, e),
  };
}

/** Cross-field rules of a hosted composer, reported together like the single-variable ones. */
function hostedConfig(
  provider: HostedProvider,
  e: z.infer<z.ZodObject<typeof resolverEnv>>,
): HostedComposerConfig {
  const problems: string[] = [];
  const commodity = e.RESOLVER_MODEL_COMMODITY;
  if (!commodity) problems.push(`RESOLVER_MODEL_COMMODITY: required when RESOLVER_COMPOSER=${provider}`);
  if (provider !== 'openai-compatible' && !e.RESOLVER_API_KEY) {
    problems.push(`RESOLVER_API_KEY: required for RESOLVER_COMPOSER=${provider}`);
  }
  if (provider === 'openai-compatible' && !e.RESOLVER_BASE_URL) {
    problems.push('RESOLVER_BASE_URL: required for RESOLVER_COMPOSER=openai-compatible (the server address)');
  }
  if (problems.length > 0 || !commodity) throw new ConfigError(problems);
  return {
    provider,
    models: { commodity, frontier: e.RESOLVER_MODEL_FRONTIER ?? commodity },
    timeoutMs: e.RESOLVER_TIMEOUT_MS,
    maxToolRounds: e.RESOLVER_MAX_TOOL_ROUNDS,
    ...(e.RESOLVER_API_KEY ? { apiKey: e.RESOLVER_API_KEY } : {}),
    ...(e.RESOLVER_BASE_URL ? { baseUrl: e.RESOLVER_BASE_URL } : {}),
  };
}
