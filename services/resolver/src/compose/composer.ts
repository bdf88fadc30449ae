import type { Citation, Draft, Passage, Retrieval, Routing, TicketTurn, Tier } from '@parley/contracts';
import type { ModelFailureKind } from '@parley/providers';
import { lookupWords } from '@parley/wording';

export interface ComposeInput {
  ticket: TicketTurn;
  routing: Routing;
  retrieval: Retrieval;
  /**
   * The ticket and turn, which name a proposed action (`act_<ticketId>_<turn>`). Optional so that a message
   * composed outside a ticket (unit tests, evals of single messages) need not invent them.
   */
  ticketId?: string;
  turn?: number;
}

/** Why a hosted draft was replaced by the local composer's: a provider failure, or a reply that broke a rule. */
export type ComposeFallbackKind = ModelFailureKind | 'invalid_citation' | 'promised_action';

/**
 * Why a hosted turn ended with no draft, for a person to take over: the model kept calling tools past the round
 * cap, or it asked to hand the conversation over (`transfer_to_human_agents`).
 */
export type ComposeHandoffKind = 'tool_round_cap' | 'handoff';

/** One tool call of a round, for the timeline: a known tool's name (or `unknown`) and codes, never text. */
export interface ToolCallRecord {
  tool: string;
  status: 'ok' | 'error' | 'refused' | 'proposed';
  /** Why it did not run: a store refusal rule or one of the tool loop's own codes. */
  rule?: string;
}

/** One model request of a tool-calling turn: what it was used for, its tokens and cost, and its tool calls. */
export interface ModelRound {
  round: number;
  kind: 'tools' | 'answer' | 'invalid_answer' | 'round_cap';
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  tools?: ToolCallRecord[];
}

/** One hosted-model call behind a turn, for the timeline and metrics: ids, counts and costs, never text. */
export interface ModelCall {
  provider: string;
  model: string;
  tier: Tier;
  /**
   * `ok` when the model's reply became the draft; a fallback kind when the local composer's draft was used; a
   * hand-off kind when there is no draft.
   */
  outcome: 'ok' | ComposeFallbackKind | ComposeHandoffKind;
  /** Wall time of the whole call: every tool round and the one retry after an invalid reply included. */
  ms: number;
  /** Model requests made. */
  attempts?: number;
  /** Each request of a tool-calling turn, in order. */
  rounds?: ModelRound[];
  /** Spent even when the reply was not used; unknown when the call failed before the provider answered. */
  usage?: { inputTokens: number; outputTokens: number; costUsd: number; priced: boolean };
}

export type ComposeResult = (
  { draft: Draft; noDraftReason?: undefined } | { draft: null; noDraftReason: string }
) & {
  /** The hosted-model call made for this turn, when there was one. */
  call?: ModelCall;
};

/**
 * What the resolver needs from a model tier. The local grounded composer is the offline default; hosted
 * tiers (`src/compose/hosted/`, over the ChatModel adapters in @parley/providers) plug in behind the same interface.
 */
export interface Composer {
  readonly provider: string;
  readonly name: string;
  compose(input: ComposeInput): Promise<ComposeResult>;
}

/** What the customer asked on this turn: subject and body. */
export function questionOf(ticket: TicketTurn): string {
  // The details asked for an order lookup answer the question asked before them (`lookupWords`).
  return lookupWords(ticket.history, ticket.body) ?? [ticket.subject ?? '', ticket.body].join('\n');
}

/** The customer's first name for the greeting (the CRM's name first), if any. */
export function firstNameOf({ ticket, retrieval }: ComposeInput): string | undefined {
  return (retrieval.customer?.name ?? ticket.customer.name ?? '').split(/\s+/)[0] || undefined;
}

export function citationOf(p: Passage): Citation {
  return { chunkId: p.chunkId, articleId: p.articleId, section: p.section, title: p.title };
}
