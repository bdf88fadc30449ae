import type OpenAI from 'openai';
import { redactPii } from '@parley/pii';
import { chunk, toVectors } from './batch.js';
import { ProviderResponseError } from './errors.js';
import { openAIClient, openAISdk, type OpenAIClientOptions } from './openai.js';
import { mapStainlessError } from './sdk-errors.js';
import { clientOf } from './sdk-load.js';
import type { EmbedKind, Embedder } from './types.js';

/** OpenAI's documented cap on inputs per embeddings request. */
const MAX_INPUTS = 2048;

export interface OpenAIEmbedderOptions extends OpenAIClientOptions {
  model: string;
  dim: number;
  /** Send `dimensions` so text-embedding-3 models shorten their vectors to `dim`; older models reject it. */
  requestDimensions?: boolean | undefined;
  provider?: 'openai' | 'openai-compatible';
}

/** `POST /embeddings`. OpenAI models embed queries and documents alike, so `kind` does not change the request. */
export class OpenAIEmbedder implements Embedder {
  readonly dim: number;
  readonly #client: () => Promise<OpenAI>;
  readonly #opts: OpenAIEmbedderOptions;

  constructor(opts: OpenAIEmbedderOptions) {
    this.dim = opts.dim;
    this.#opts = opts;
    this.#client = clientOf(() => openAIClient(opts));
  }

  async embed(texts: string[], _kind: EmbedKind): Promise<Float32Array[]> {
    const provider = this.#opts.provider ?? 'openai';
    const [sdk, client] = [await openAISdk(), await this.#client()];
    const out: Float32Array[] = [];
    for (const batch of chunk(texts, MAX_INPUTS)) {
      let res: OpenAI.CreateEmbeddingResponse;
      const startedAt = Date.now();
      try {
        res = await client.embeddings.create({
          model: this.#opts.model,
          input: batch.map(redactPii),
          // Floats, not the SDK's default base64, so compatible servers that only speak floats work too.
          encoding_format: 'float',
          ...(this.#opts.requestDimensions ? { dimensions: this.dim } : {}),
        });
      } catch (err) {
        throw mapStainlessError(err, sdk, { provider, timeoutMs: this.#opts.timeoutMs, startedAt });
      }
      // Results carry their input index; order by it rather than trusting array order.
      const data = Array.isArray(res?.data) ? [...res.data].sort((a, b) => a.index - b.index) : undefined;
      out.push(
        ...toVectors(
          data?.map((d) => d.embedding),
          batch.length,
          this.dim,
          (p) => new ProviderResponseError(provider, p),
        ),
      );
    }
    return out;
  }
}
