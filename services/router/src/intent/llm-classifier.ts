import type { Taxonomy } from '@parley/demo-store';
import type { ChatModel } from '@parley/providers';
import { CompletionJsonError, completeJson, ProviderError } from '@parley/providers';
import type { IntentClassifier, IntentResult, LlmFallbackKind } from './classifier.js';
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

/** Raised into the request's signal when the deadline passes, so the adapter rejects with it. */
class RoutingDeadlineError extends Error {
  constructor(timeoutMs: number) {
    super(`routing model deadline of ${timeoutMs} ms passed`);
    this.name = 'RoutingDeadlineError';
  }
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

  async classify(text: string): Promise<IntentResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(new RoutingDeadlineError(this.#timeoutMs)),
      this.#timeoutMs,
    );
    try {
      const req = routingRequest(this.#system, text, {
        timeoutMs: this.#timeoutMs,
        signal: deadline.signal,
      });
      const res = await completeJson(this.#model, req, this.#schema);
      const { intent, confidence, band, tier } = res.value;
      return {
        intent,
        confidence,
        outOfScope: intent === OUT_OF_SCOPE,
        band,
        llm: {
          provider: res.provider,
          model: res.model,
          outcome: 'ok',
          ms: elapsed(),
          attempts: res.attempts,
          usage: res.usage,
          band,
          tier,
        },
      };
    } catch (err) {
      const kind = fallbackKind(err, deadline.signal);
      if (kind === null) throw err;
      const local = await this.fallback.classify(text);
      return {
        ...local,
        answeredBy: this.fallback.kind,
        llm: {
          provider: this.#model.provider,
          model: this.#model.model,
          outcome: kind,
          ms: elapsed(),
          ...(err instanceof CompletionJsonError ? { attempts: err.problems.length, usage: err.usage } : {}),
        },
      };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The failures the local model stands in for; anything else is a defect and propagates. */
export function fallbackKind(err: unknown, deadline: AbortSignal): LlmFallbackKind | null {
  if (deadline.aborted) return 'timeout';
  if (err instanceof CompletionJsonError) return 'invalid_json';
  if (err instanceof ProviderError) return err.kind;
  return null;
}
