import { z } from 'zod';
import { ProviderConfigError } from './errors.js';

const timeoutMs = z.number().int().positive().max(600_000).default(30_000);
const maxRetries = z.number().int().min(0).max(10).default(2);
const url = z.string().url();
const key = (provider: string) =>
  z.string({ required_error: `${provider} needs an apiKey` }).min(1, `${provider} needs a non-empty apiKey`);

const anthropicChat = z.object({
  provider: z.literal('anthropic'),
  model: z.string().min(1),
  apiKey: key('anthropic'),
  baseUrl: url.optional(),
  timeoutMs,
  maxRetries,
});
const openaiChat = z.object({
  provider: z.literal('openai'),
  model: z.string().min(1),
  apiKey: key('openai'),
  baseUrl: url.optional(),
  timeoutMs,
  maxRetries,
});
/** Self-hosted servers (vLLM, Ollama) usually need no key, but always need an address. */
const compatibleChat = z.object({
  provider: z.literal('openai-compatible'),
  model: z.string().min(1),
  apiKey: z.string().min(1).optional(),
  baseUrl: z.string({ required_error: 'openai-compatible needs a baseUrl' }).url(),
  timeoutMs,
  maxRetries,
});

export const chatModelConfigSchema = z.discriminatedUnion('provider', [
  anthropicChat,
  openaiChat,
  compatibleChat,
]);
export type ChatModelConfig = z.input<typeof chatModelConfigSchema>;

const dim = z.number().int().positive().max(65_536);
const requestDimensions = z.boolean().default(false);

/** Cohere's settings, shared by its embedder and its reranker. */
const cohere = z.object({
  provider: z.literal('cohere'),
  model: z.string().min(1),
  apiKey: key('cohere'),
  baseUrl: url.optional(),
  timeoutMs,
  maxRetries,
});

export const embedderConfigSchema = z.discriminatedUnion('provider', [
  openaiChat.omit({ provider: true }).extend({ provider: z.literal('openai'), dim, requestDimensions }),
  compatibleChat
    .omit({ provider: true })
    .extend({ provider: z.literal('openai-compatible'), dim, requestDimensions }),
  cohere.extend({ dim, requestDimensions }),
]);
export type EmbedderConfig = z.input<typeof embedderConfigSchema>;

export const rerankerConfigSchema = z.discriminatedUnion('provider', [cohere]);
export type RerankerConfig = z.input<typeof rerankerConfigSchema>;

export const vectorStoreConfigSchema = z.discriminatedUnion('provider', [
  z.object({
    provider: z.literal('qdrant'),
    url: z.string({ required_error: 'qdrant needs a url' }).url(),
    apiKey: z.string().min(1).optional(),
    timeoutMs,
    maxRetries,
    payloadIndexes: z.record(z.enum(['keyword', 'integer', 'float', 'bool'])).optional(),
  }),
]);
export type VectorStoreConfig = z.input<typeof vectorStoreConfigSchema>;

/** Parses with `schema`, turning zod's issues into one error that names each bad field. */
export function parseConfig<S extends z.ZodTypeAny>(what: string, schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
  const provider = (input as { provider?: unknown } | null)?.provider;
  throw new ProviderConfigError(
    knownProvider(provider) ? provider : 'unknown',
    `invalid ${what} config: ${details}`,
  );
}

function knownProvider(p: unknown): p is 'anthropic' | 'openai' | 'openai-compatible' | 'cohere' | 'qdrant' {
  return p === 'anthropic' || p === 'openai' || p === 'openai-compatible' || p === 'cohere' || p === 'qdrant';
}
