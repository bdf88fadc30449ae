import type { Store } from '@parley/commerce';
import type { Draft, Tier } from '@parley/contracts';
import type { ChatModel, ResponseKind, Usage } from '@parley/providers';
import { addUsage, completeJsonWithTools, NO_USAGE, withModelDeadline } from '@parley/providers';
import type {
  ComposeFallbackKind,
  ComposeInput,
  ComposeResult,
  Composer,
  ModelCall,
  ModelRound,
} from '../composer.js';
import { citationOf, firstNameOf, questionOf } from '../composer.js';
import { checkGrounding } from '../grounding.js';
import { cannotShare, CLOSING, CONFIRM, greeting } from '../local/boilerplate.js';
import { unownedNamed } from '../local/orders.js';
import type { HostedAnswer, PromptSources } from './prompt.js';
import { ALLOWED_LINES, composeRequest, hostedAnswerSchema, promptSources } from './prompt.js';
import { promisedActions } from './promises.js';
import { StoreToolbox } from './store-tools.js';

export interface HostedComposerOptions {
  /** The provider's models by routing tier; `local`-tier intents never reach them. */
  models: Record<Exclude<Tier, 'local'>, ChatModel>;
  /** Answers `local`-tier turns, decides whether there is anything grounded to say, and stands in on failure. */
  local: Composer;
  /** The store the read tools look in and write proposals are checked against; nothing is written to it. */
  store: Store;
  /** Deadline for the whole turn: every tool round and the one retry after an invalid answer. */
  timeoutMs: number;
  /** Rounds of tool calls per turn; a model asking for more hands the ticket to a person. */
  maxToolRounds: number;
}

/** Introduces the proposal's details, read back to the customer before the confirmation request. */
export const READ_BACK = 'Here are the details to confirm:';

/**
 * A hosted or self-hosted chat model writes the answer from the numbered passages and labelled facts it is given
 * and what the store's tools return. Read-only tools run inside the loop; a write is never run: the first valid one
 * becomes the draft's proposal, read back to the customer to confirm. The reply is checked (citations only to
 * passages given, facts only from those shown, no promised actions) and then measured by the same grounding check
 * as the local composer's drafts; the model's own claims are never trusted. A failure falls back to the local
 * composer's draft, with the reason recorded; too many tool rounds, or the model asking for a person, leave no
 * draft so the gate hands the ticket over.
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
    // floor), and it is the answer when the model fails.
    const local = await this.#opts.local.compose(input);
    const tier = input.routing.tier;
    if (tier === 'local' || !local.draft) return local;
    const model = this.#opts.models[tier];
    const { timeoutMs, maxToolRounds } = this.#opts;
    const sources = promptSources(input);
    const toolbox = new StoreToolbox(this.#opts.store, input, sources);
    const rounds: Array<ModelRound & { usage: Usage }> = [];
    const started = performance.now();
    const call = (outcome: ModelCall['outcome'], extra: Partial<ModelCall> = {}): ModelCall => {
      const usage = rounds.reduce((u, r) => addUsage(u, r.usage), NO_USAGE);
      return {
        provider: model.provider,
        model: model.model,
        tier,
        outcome,
        ms: Math.round(performance.now() - started),
        attempts: rounds.length,
        // Nothing was spent when the first request failed before the provider answered.
        ...(rounds.length > 0 ? { usage } : {}),
        rounds: roundDetail(rounds, toolbox),
        ...extra,
      };
    };
    const res = await withModelDeadline(timeoutMs, (signal) =>
      completeJsonWithTools(
        model,
        composeRequest(input, sources, { tools: toolbox.specs, timeoutMs, signal }),
        hostedAnswerSchema,
        {
          maxToolRounds,
          runTools: (calls) => toolbox.run(calls),
          onResponse: (r, kind: ResponseKind) => rounds.push(round(rounds.length + 1, kind, r.usage)),
        },
      ),
    );
    if (!res.ok) return { ...local, call: call(res.kind) };
    const outcome = res.value;
    if (outcome.kind === 'round_cap') {
      return {
        draft: null,
        noDraftReason: `tool round cap of ${maxToolRounds} reached: a person takes over`,
        call: call('tool_round_cap'),
      };
    }
    if (outcome.kind === 'stopped') {
      return {
        draft: null,
        noDraftReason: 'the model handed the conversation to a person',
        call: call('handoff'),
      };
    }
    const problem = breaksRules(outcome.value, sources);
    if (problem) return { ...local, call: call(problem) };
    const draft = this.#draft(input, outcome.value, sources, toolbox, local.draft, {
      tier,
      provider: outcome.provider,
      model: outcome.model,
      usage: outcome.usage,
    });
    return { draft, call: call('ok', { model: outcome.model }) };
  }

  #draft(
    input: ComposeInput,
    answer: HostedAnswer,
    sources: PromptSources,
    toolbox: StoreToolbox,
    local: Draft,
    reply: { tier: Tier; provider: string; model: string; usage: Usage },
  ): Draft {
    const cited = [...new Set(answer.citations.map((c) => c.passage))].map((n) => sources.passages[n - 1]!);
    const facts = sources.facts.filter((f) => answer.facts_used.includes(f.id)).map((f) => f.fact);
    const proposal = toolbox.proposal;
    // Fixed lines are the composer's, not the model's: greeting, what cannot be shared, the proposal's details
    // (from the validated call and the store's records), the confirmation request and the closing.
    const opening = [greeting(firstNameOf(input))];
    const refusals = unownedNamed(questionOf(input.ticket), input.retrieval.customer).map(cannotShare);
    const readBack = proposal ? [`${READ_BACK} ${proposal.summary}`, CONFIRM] : [];
    const text = sources.standIns.restore(answer.body.trim());
    const paragraphs = [opening, refusals, [text], readBack, [CLOSING]].filter((p) => p.length > 0);
    const body = paragraphs.map((p) => p.join(' ')).join('\n\n');
    const boilerplate = [...opening, ...refusals, ...readBack, CLOSING, ...ALLOWED_LINES];
    const { inputTokens, outputTokens, costUsd } = reply.usage;
    return {
      body,
      citations: cited.map(citationOf),
      facts,
      groundedness: checkGrounding(body, cited, facts, boilerplate).groundedness,
      // Retrieval's own look-ups (whose facts the prompt carried), then the calls the model made.
      toolCalls: [...local.toolCalls.filter((c) => c.status === 'ok'), ...toolbox.calls].slice(0, 20),
      model: { provider: reply.provider, name: reply.model, tier: reply.tier },
      usage: { inputTokens, outputTokens, costUsd },
      ...(proposal ? { action: proposal.tool, proposal } : {}),
    };
  }
}

function round(n: number, kind: ResponseKind, usage: Usage): ModelRound & { usage: Usage } {
  const { inputTokens, outputTokens, costUsd } = usage;
  return { round: n, kind, inputTokens, outputTokens, costUsd, usage };
}

/** Each request's accounting with the outcome of the tool calls it made (codes only), for the timeline. */
function roundDetail(
  rounds: ReadonlyArray<ModelRound & { usage: Usage }>,
  toolbox: StoreToolbox,
): ModelRound[] {
  let toolRound = 0;
  return rounds.map(({ usage: _usage, ...r }) =>
    r.kind === 'tools' ? { ...r, tools: toolbox.rounds[toolRound++] ?? [] } : r,
  );
}

/** A reply is unusable when it cites a passage or fact it was not shown, or says an action was taken. */
function breaksRules(answer: HostedAnswer, sources: PromptSources): ComposeFallbackKind | null {
  const passageGiven = (n: number) => n >= 1 && n <= sources.passages.length;
  const factGiven = (id: string) => sources.facts.some((f) => f.id === id);
  if (!answer.citations.every((c) => passageGiven(c.passage)) || !answer.facts_used.every(factGiven)) {
    return 'invalid_citation';
  }
  const texts = sources.passages.map((p) => p.text);
  return promisedActions(answer.body, texts).length > 0 ? 'promised_action' : null;
}
