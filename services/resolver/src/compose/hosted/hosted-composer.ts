import type { Draft, Tier } from '@parley/contracts';
import type { ChatModel, JsonCompletion } from '@parley/providers';
import { CompletionJsonError, completeJson, withModelDeadline } from '@parley/providers';
import type { ComposeFallbackKind, ComposeInput, ComposeResult, Composer, ModelCall } from '../composer.js';
import { citationOf, firstNameOf, questionOf } from '../composer.js';
import { checkGrounding } from '../grounding.js';
import { cannotShare, CLOSING, CONFIRM, greeting } from '../local/boilerplate.js';
import { unownedNamed } from '../local/orders.js';
import type { HostedAnswer, PromptSources } from './prompt.js';
import {
  ALLOWED_LINES,
  composeRequest,
  hostedAnswerSchema,
  promptSources,
  restorePlaceholders,
} from './prompt.js';
import { promisedActions } from './promises.js';

export interface HostedComposerOptions {
  /** The provider's models by routing tier; `local`-tier intents never reach them. */
  models: Record<Exclude<Tier, 'local'>, ChatModel>;
  /** Answers `local`-tier turns, decides whether there is anything grounded to say, and stands in on failure. */
  local: Composer;
  /** Deadline for the whole call, the one retry after an invalid reply included. */
  timeoutMs: number;
}

/**
 * A hosted or self-hosted chat model writes the answer from the numbered passages and labelled facts it is given.
 * Its reply is checked (citations only to passages given, facts only from the list, no promised actions) and then
 * measured by the same grounding check as the local composer's drafts; the model's own claims are never trusted.
 * Any failure falls back to the local composer's draft, with the reason recorded.
 */
export class HostedComposer implements Composer {
  readonly provider: string;
  readonly name: string;
  readonly #opts: HostedComposerOptions;

  constructor(opts: HostedComposerOptions) {
    this.#opts = opts;
    this.provider = opts.models.commodity.provider;
    this.name = `hosted-${this.provider}`;
  }

  async compose(input: ComposeInput): Promise<ComposeResult> {
    // The local draft is cheap: it decides whether there is anything grounded to say (escalate band, retrieval
    // floor), the action to propose from the order's status, and it is the answer when the model fails.
    const local = await this.#opts.local.compose(input);
    const tier = input.routing.tier;
    if (tier === 'local' || !local.draft) return local;
    const model = this.#opts.models[tier];
    const sources = promptSources(input);
    const started = performance.now();
    const call = (outcome: ModelCall['outcome'], extra: Partial<ModelCall> = {}): ModelCall => ({
      provider: model.provider,
      model: model.model,
      tier,
      outcome,
      ms: Math.round(performance.now() - started),
      ...extra,
    });
    const res = await withModelDeadline(this.#opts.timeoutMs, (signal) =>
      completeJson(
        model,
        composeRequest(input, sources, local.draft, { timeoutMs: this.#opts.timeoutMs, signal }),
        hostedAnswerSchema,
      ),
    );
    if (!res.ok) {
      const err = res.error;
      const spent =
        err instanceof CompletionJsonError ? { usage: err.usage, attempts: err.problems.length } : {};
      return { ...local, call: call(res.kind, spent) };
    }
    const reply = res.value;
    const spent = { usage: reply.usage, attempts: reply.attempts };
    const problem = breaksRules(reply.value, sources);
    if (problem) return { ...local, call: call(problem, spent) };
    const draft = this.#draft(input, reply, sources, local.draft, tier);
    return { draft, call: call('ok', { ...spent, model: reply.model }) };
  }

  #draft(
    input: ComposeInput,
    reply: JsonCompletion<HostedAnswer>,
    sources: PromptSources,
    local: Draft,
    tier: Tier,
  ): Draft {
    const answer = reply.value;
    const cited = [...new Set(answer.citations.map((c) => c.passage))].map((n) => sources.passages[n - 1]!);
    const facts = sources.facts.filter((f) => answer.facts_used.includes(f.id)).map((f) => f.fact);
    // Fixed lines are the composer's, not the model's: greeting, what cannot be shared, confirmation, closing.
    const opening = [greeting(firstNameOf(input))];
    const refusals = unownedNamed(questionOf(input.ticket), input.retrieval.customer).map(cannotShare);
    const confirm = local.action ? [CONFIRM] : [];
    const text = restorePlaceholders(answer.body.trim(), sources.placeholders);
    const paragraphs = [opening, refusals, [text], confirm, [CLOSING]].filter((p) => p.length > 0);
    const body = paragraphs.map((p) => p.join(' ')).join('\n\n');
    const boilerplate = [...opening, ...refusals, ...confirm, CLOSING, ...ALLOWED_LINES];
    const { inputTokens, outputTokens, costUsd } = reply.usage;
    return {
      body,
      citations: cited.map(citationOf),
      facts,
      groundedness: checkGrounding(body, cited, facts, boilerplate).groundedness,
      // Tool calls and the proposed action come from the order's status and the lookups, never from the model.
      toolCalls: local.toolCalls,
      model: { provider: reply.provider, name: reply.model, tier },
      usage: { inputTokens, outputTokens, costUsd },
      ...(local.action ? { action: local.action } : {}),
    };
  }
}

/** A reply is unusable when it cites a passage or fact it was not given, or says an action was taken. */
function breaksRules(answer: HostedAnswer, sources: PromptSources): ComposeFallbackKind | null {
  const passageGiven = (n: number) => n >= 1 && n <= sources.passages.length;
  const factGiven = (id: string) => sources.facts.some((f) => f.id === id);
  if (!answer.citations.every((c) => passageGiven(c.passage)) || !answer.facts_used.every(factGiven)) {
    return 'invalid_citation';
  }
  const texts = sources.passages.map((p) => p.text);
  return promisedActions(answer.body, texts).length > 0 ? 'promised_action' : null;
}
