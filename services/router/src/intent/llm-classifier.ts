import type { Taxonomy } from '@parley/demo-store';
import type { ChatModel } from '@parley/providers';
import { CompletionJsonError, completeJson, withModelDeadline } from '@parley/providers';
import type { ClassifyContext, IntentClassifier, IntentResult } from './classifier.js';
import { routingAnswerSchema, routingRequest, routingSystemPrompt } from './llm-prompt.js';

const OUT_OF_SCOPE = 'out_of_scope';

export interface LlmClassifierOptions {
  model: ChatModel;
  taxonomy: Taxonomy;
  /** Asked whenever the model fails, so a provider outage degrades routing instead of stopping it. */
  fallback: IntentClassifier;
  /** Deadline for the whole call, the one retry after an invalid reply included. */
  timeoutMs: number;
}

/**
 * The LLM router: a hosted or self-hosted chat model picks the intent (and may ask for a stricter band) from
 * the taxonomy's descriptions. Any provider failure or an unusable reply falls back to the local model.
 */
export class LlmIntentClassifier implements IntentClassifier {
  readonly kind = 'llm' as const;
  readonly local = false;
  readonly fallback: IntentClassifier;
  readonly #model: ChatModel;
  readonly #timeoutMs: number;
  readonly #schema: ReturnType<typeof routingAnswerSchema>;
  readonly #system: string;

  constructor(opts: LlmClassifierOptions) {
    this.#model = opts.model;
    this.fallback = opts.fallback;
    this.#timeoutMs = opts.timeoutMs;
    this.#schema = routingAnswerSchema(opts.taxonomy);
    this.#system = routingSystemPrompt(opts.taxonomy);
  }

  async classify(text: string, context: ClassifyContext = {}): Promise<IntentResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const res = await withModelDeadline(this.#timeoutMs, (signal) =>
      completeJson(
        this.#model,
        routingRequest(this.#system, text, { timeoutMs: this.#timeoutMs, signal }),
        this.#schema,
      ),
    );
    if (res.ok) {
      const { value, provider, model, attempts, usage } = res.value;
      const { intent, confidence, band, tier } = value;
      return {
        intent,
        confidence,
        outOfScope: intent === OUT_OF_SCOPE,
        band,
        llm: { provider, model, outcome: 'ok', ms: elapsed(), attempts, usage, band, tier },
      };
    }
    const local = await this.fallback.classify(text, context);
    const err = res.error;
    return {
      ...local,
      answeredBy: this.fallback.kind,
      llm: {
        provider: this.#model.provider,
        model: this.#model.model,
        outcome: res.kind,
        ms: elapsed(),
        ...(err instanceof CompletionJsonError ? { attempts: err.problems.length, usage: err.usage } : {}),
      },
    };
  }
}
