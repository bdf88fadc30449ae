import type { PlatformConfig } from '@parley/config';
import { ConfigError, env, readEnv, readPlatformConfig } from '@parley/config';
import type { EnvSource } from '@parley/config';
import { DEFAULT_TAXONOMY_FILE, labelledIntentsFile } from '@parley/demo-store';
import { z } from 'zod';
import type { RoutingOptions } from './routing/decide.js';

const decimal = (opts: { default: number; min: number; max: number }) => env.decimal(opts);

const LLM_PROVIDERS = ['anthropic', 'openai', 'openai-compatible'] as const;
export type LlmProvider = (typeof LLM_PROVIDERS)[number];

export const routerEnv = {
  ROUTER_PORT: env.port(8081),
  ROUTER_CONCURRENCY: env.int({ default: 4, min: 1, max: 64 }),
  /** Refund, charge or compensation claims above this many dollars escalate. */
  ROUTER_ESCALATE_AMOUNT_USD: decimal({ default: 200, min: 0, max: 1_000_000 }),
  /** Below this intent confidence an auto intent is only suggested. */
  ROUTER_MIN_CONFIDENCE: decimal({ default: 0.5, min: 0, max: 1 }),
  /** Sentiment trend (current minus earlier customer turns, -2..2) at or below which a negative turn escalates. */
  ROUTER_TREND_ESCALATE_BELOW: decimal({ default: -0.5, min: -2, max: 0 }),
  ROUTER_TREND_MIN_TURNS: env.int({ default: 2, min: 2, max: 50 }),
  ROUTER_INTENT_TRAIN_FILE: env.string({ default: labelledIntentsFile('train') }),
  /** A saved model file (`pnpm train:router`) to load at start instead of training from the JSONL. */
  ROUTER_MODEL_FILE: env.string().optional(),
  ROUTER_TAXONOMY_FILE: env.string({ default: DEFAULT_TAXONOMY_FILE }),
  /** Word vectors add paraphrase recall to the intent model; off trains on TF-IDF alone. */
  ROUTER_WORD_VECTORS: env.bool(true),
  /** `llm` asks a chat model for the intent and falls back to the local model when it fails. */
  ROUTER_CLASSIFIER: env.oneOf(['local', 'llm'], 'local'),
  ROUTER_LLM_PROVIDER: z
    .enum(LLM_PROVIDERS, { errorMap: () => ({ message: `must be one of ${LLM_PROVIDERS.join(', ')}` }) })
    .optional(),
  ROUTER_LLM_MODEL: env.string().optional(),
  ROUTER_LLM_API_KEY: env.string().optional(),
  ROUTER_LLM_BASE_URL: env.url(['http', 'https']).optional(),
  /** Deadline for the whole routing call; kept well inside the consumer's 30 s ack wait. */
  ROUTER_LLM_TIMEOUT_MS: env.int({ default: 4000, min: 100, max: 20_000 }),
};

export interface LlmRouterConfig {
  provider: LlmProvider;
  model: string;
  apiKey?: string;
  baseUrl?: string;
  timeoutMs: number;
}

export interface RouterConfig {
  platform: PlatformConfig;
  port: number;
  concurrency: number;
  routing: RoutingOptions;
  intentTrainFile: string;
  /** Load this model file at start; when absent the model is trained from `intentTrainFile`. */
  modelFile: string | null;
  taxonomyFile: string;
  wordVectors: boolean;
  /** The LLM router's model; null when the local model routes (`ROUTER_CLASSIFIER=local`). */
  llm: LlmRouterConfig | null;
}

export function readServiceConfig(source: EnvSource): RouterConfig {
  const e = readEnv(routerEnv, source);
  return {
    platform: readPlatformConfig(source),
    port: e.ROUTER_PORT,
    concurrency: e.ROUTER_CONCURRENCY,
    routing: {
      escalateAmountUsd: e.ROUTER_ESCALATE_AMOUNT_USD,
      minConfidence: e.ROUTER_MIN_CONFIDENCE,
      trend: { minTurns: e.ROUTER_TREND_MIN_TURNS, escalateBelow: e.ROUTER_TREND_ESCALATE_BELOW },
    },
    intentTrainFile: e.ROUTER_INTENT_TRAIN_FILE,
    modelFile: e.ROUTER_MODEL_FILE ?? null,
    taxonomyFile: e.ROUTER_TAXONOMY_FILE,
    wordVectors: e.ROUTER_WORD_VECTORS,
    llm: e.ROUTER_CLASSIFIER === 'llm' ? llmConfig(e) : null,
  };
}

/** Cross-field rules of the LLM router, reported together like the single-variable ones. */
function llmConfig(e: z.infer<z.ZodObject<typeof routerEnv>>): LlmRouterConfig {
  const problems: string[] = [];
  const provider = e.ROUTER_LLM_PROVIDER;
  if (!provider) {
    problems.push(
      `ROUTER_LLM_PROVIDER: required when ROUTER_CLASSIFIER=llm (one of ${LLM_PROVIDERS.join(', ')})`,
    );
  }
  if (!e.ROUTER_LLM_MODEL) problems.push('ROUTER_LLM_MODEL: required when ROUTER_CLASSIFIER=llm');
  if ((provider === 'anthropic' || provider === 'openai') && !e.ROUTER_LLM_API_KEY) {
    problems.push(`ROUTER_LLM_API_KEY: required for provider ${provider}`);
  }
  if (provider === 'openai-compatible' && !e.ROUTER_LLM_BASE_URL) {
    problems.push('ROUTER_LLM_BASE_URL: required for provider openai-compatible (the server address)');
  }
  if (problems.length > 0 || !provider || !e.ROUTER_LLM_MODEL) throw new ConfigError(problems);
  return {
    provider,
    model: e.ROUTER_LLM_MODEL,
    timeoutMs: e.ROUTER_LLM_TIMEOUT_MS,
    ...(e.ROUTER_LLM_API_KEY ? { apiKey: e.ROUTER_LLM_API_KEY } : {}),
    ...(e.ROUTER_LLM_BASE_URL ? { baseUrl: e.ROUTER_LLM_BASE_URL } : {}),
  };
}
