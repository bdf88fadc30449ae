import type {
  Citation,
  Decision,
  Draft,
  KillSwitchMode,
  ReasonCode,
  Retrieval,
  Routing,
} from '@parley/contracts';
import type { ActionStep } from './actions.js';
import { customerMayConfirm, proposalStep } from './actions.js';
import { ownOrderStatusAnswer, unansweredRequest } from './own-order.js';
import type { GatePolicy } from './policy.js';
import { CONSEQUENTIAL_INTENTS } from './policy.js';

export type Priority = 'low' | 'normal' | 'high' | 'urgent';

export interface DecisionInput {
  /** `escalated` when a hard rule fired upstream (no retrieval, no draft). */
  source: 'resolved' | 'escalated';
  routing: Routing;
  retrieval: Retrieval | null;
  draft: Draft | null;
  noDraftReason?: string | undefined;
  /** `agent` once a person took the ticket over: the bot stays silent. */
  owner: 'bot' | 'agent';
  /** The customer's words for this turn (subject and body), read for what an order-status answer covers. */
  question?: string | undefined;
}

export interface GateOutcome {
  decision: Decision;
  reasons: ReasonCode[];
  reply?: { source: 'auto' | 'static'; body: string; citations: Citation[] };
  handoff?: { kind: 'suggest' | 'escalate'; priority: Priority; reasons: ReasonCode[] };
  /** A proposed action to read back to the customer or hand to an agent, or the customer's answer to one. */
  action?: ActionStep;
}

/**
 * The answer is built from records rather than help-centre prose: the customer's own orders, or the facts of
 * a lookup that succeeded with a tool the router allowed for this intent (e.g. `lookup_product`). Such an
 * answer needs no strong help-centre match; the groundedness floor still holds its claims to those facts.
 */
function fromRecords(draft: Draft, routing: Routing): boolean {
  if (draft.facts.some((f) => f.source === 'order')) return true;
  const looked = draft.toolCalls.some((c) => c.status === 'ok' && routing.allowedTools.includes(c.name));
  return looked && draft.facts.some((f) => f.source === 'tool');
}

/**
 * The draft reads a proposed action back to the customer, who may confirm it themselves: sending it changes
 * nothing (the customer's "yes" on the next turn authorises the action), so the consequential-intent checks do not
 * hold it back; every other check still does.
 */
function readsBack(draft: Draft, policy: GatePolicy): boolean {
  return draft.proposal !== undefined && customerMayConfirm(draft.proposal, policy);
}

/**
 * The draft only asks the customer for what a write still needs (which order, the reason, a payment method):
 * like a read-back, sending it changes nothing, so it is held to every check but the consequential ones.
 */
function onlyAsks(draft: Draft): boolean {
  return (draft.clarifies?.length ?? 0) > 0 && draft.proposal === undefined && draft.action === undefined;
}

/** Sending the draft cannot change anything: it reads a proposal back or asks for details. */
function changesNothing(draft: Draft, policy: GatePolicy): boolean {
  return readsBack(draft, policy) || onlyAsks(draft);
}

/**
 * A help-centre answer must cover the question (the composer measures how much of it the quoted sections
 * hold) and answer every question the message asks. Answers built from records carry no coverage measure
 * and are held to their facts instead.
 */
function coverageBlockers(draft: Draft, policy: GatePolicy): ReasonCode[] {
  const c = draft.coverage;
  if (!c) return [];
  const blockers: ReasonCode[] = [];
  if (c.share < policy.coverageFloor)
    blockers.push({ code: 'low_coverage', detail: `${round(c.share)} < ${policy.coverageFloor}` });
  if (c.answered < c.asks)
    blockers.push({ code: 'unanswered_question', detail: `${c.answered} of ${c.asks} answered` });
  return blockers;
}

/** Why an auto-band draft may not go out on its own; empty means it may. */
export function autoSendBlockers(input: DecisionInput, policy: GatePolicy): ReasonCode[] {
  const { draft, routing, retrieval } = input;
  if (!draft) return [{ code: 'no_draft', ...(input.noDraftReason ? { detail: input.noDraftReason } : {}) }];
  const blockers: ReasonCode[] = [];
  const readBack = changesNothing(draft, policy);
  if (draft.action && !readBack) blockers.push({ code: 'consequential_action', detail: draft.action });
  if (CONSEQUENTIAL_INTENTS.includes(routing.intent) && !readBack)
    blockers.push({ code: 'consequential_intent', detail: routing.intent });
  if (routing.outOfScope) blockers.push({ code: 'out_of_scope' });
  const unanswered = unansweredRequest(input);
  if (unanswered) blockers.push({ code: 'unanswered_request', detail: unanswered });
  if (draft.groundedness < policy.groundednessFloor) {
    blockers.push({
      code: 'low_groundedness',
      detail: `${round(draft.groundedness)} < ${policy.groundednessFloor}`,
    });
  }
  const topScore = retrieval?.topScore ?? 0;
  // A read-back or a question for details is written from the store's records, not from the help centre.
  const records = fromRecords(draft, routing) || readBack;
  if (topScore < policy.retrievalFloor && !records) {
    blockers.push({ code: 'low_retrieval', detail: `${round(topScore)} < ${policy.retrievalFloor}` });
  }
  const lead = retrieval?.leadMargin;
  if (lead !== undefined && lead < policy.leadMarginFloor && !records) {
    blockers.push({ code: 'narrow_lead', detail: `${round(lead)} < ${policy.leadMarginFloor}` });
  }
  // Two intents answered alike (same band, same tools) need not be told apart to answer safely.
  // An answer from the sender's own order records to a question about that order's status alone does not
  // depend on the router being sure of the intent.
  if (confidenceBelowFloor(routing, policy) && !ownOrderStatusAnswer(input)) {
    const confidence = routing.handlingConfidence ?? routing.confidence;
    blockers.push({
      code: 'low_confidence',
      detail: `${round(confidence)} < ${policy.confidenceFloor}`,
    });
  }
  blockers.push(...coverageBlockers(draft, policy));
  if (draft.ordersUnused) blockers.push({ code: 'orders_unused' });
  if (routing.sentiment.score <= policy.negativeSentiment) {
    blockers.push({ code: 'negative_sentiment', detail: `${round(routing.sentiment.score)}` });
  }
  return blockers;
}

/** What the pipeline alone would decide, before the kill switch and ticket ownership are applied. */
function baseline(input: DecisionInput, policy: GatePolicy): { decision: Decision; reasons: ReasonCode[] } {
  const { routing } = input;
  if (input.source === 'escalated' || routing.rules.length > 0) {
    const rules = routing.rules.map((r) => ({ code: 'hard_rule', detail: r.id }));
    return { decision: 'escalated', reasons: rules.length > 0 ? rules : [{ code: 'hard_rule' }] };
  }
  if (routing.band === 'escalate') return { decision: 'escalated', reasons: [{ code: 'band_escalate' }] };
  if (!input.draft) {
    return {
      decision: 'escalated',
      reasons: [{ code: 'no_draft', ...(input.noDraftReason ? { detail: input.noDraftReason } : {}) }],
    };
  }
  // The suggest band is for intents that change things; reading a proposal back changes nothing.
  if (routing.band === 'suggest' && !changesNothing(input.draft, policy))
    return { decision: 'suggested', reasons: [{ code: 'band_suggest' }] };
  const blockers = autoSendBlockers(input, policy);
  if (blockers.length > 0) return { decision: 'suggested', reasons: blockers };
  // Say so whenever the confidence floor does not apply, at any floor, so the timeline and a replay with a
  // raised floor can tell which auto-sent turns it could move.
  const waived = ownOrderStatusAnswer(input) ? [{ code: 'own_order_status' }] : [];
  return { decision: 'auto_sent', reasons: [{ code: 'checks_passed' }, ...waived] };
}

function confidenceBelowFloor(routing: Routing, policy: GatePolicy): boolean {
  return (routing.handlingConfidence ?? routing.confidence) < policy.confidenceFloor;
}

const LEVELS: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];

/** Escalations start high, suggestions normal (low when out of scope); strong negative sentiment bumps one level. */
export function priorityFor(decision: Decision, routing: Routing, policy: GatePolicy): Priority {
  let level = decision === 'escalated' ? 2 : routing.outOfScope ? 0 : 1;
  if (routing.sentiment.score <= policy.negativeSentiment) level += 1;
  if ((routing.sentiment.trend ?? 0) <= -1) level += 1;
  return LEVELS[Math.min(level, LEVELS.length - 1)]!;
}

/**
 * The gate's decision for one turn. Pure: the kill switch mode and the ticket's owner are inputs.
 * Order of precedence: an agent-owned ticket is never answered by the bot; `disabled` sends only a
 * static acknowledgement and escalates; `suggest_only` turns any auto-send into a suggestion.
 */
export function decide(input: DecisionInput, policy: GatePolicy, mode: KillSwitchMode): GateOutcome {
  const base = baseline(input, policy);
  let decision = base.decision;
  const reasons = [...base.reasons];
  let reply: GateOutcome['reply'];

  // A downgraded auto-send keeps only the reason it was downgraded.
  const downgrade = () => {
    if (decision === 'auto_sent') {
      decision = 'suggested';
      reasons.length = 0;
    }
  };
  if (input.owner === 'agent') {
    downgrade();
    reasons.unshift({ code: 'agent_owned' });
  } else if (mode === 'disabled') {
    reasons.unshift({ code: 'kill_switch', detail: 'disabled' });
    decision = 'escalated';
    reply = { source: 'static', body: policy.staticReply, citations: [] };
  } else if (mode === 'suggest_only') {
    downgrade();
    reasons.unshift({ code: 'kill_switch', detail: 'suggest_only' });
  }

  const action = proposalStep(input.draft?.proposal, decision);
  if (decision === 'auto_sent' && input.draft) {
    return {
      decision,
      reasons,
      reply: { source: 'auto', body: input.draft.body, citations: input.draft.citations },
      ...(action ? { action } : {}),
    };
  }
  const trimmed = reasons.slice(0, 20);
  return {
    decision,
    reasons: trimmed,
    ...(reply ? { reply } : {}),
    ...(action ? { action } : {}),
    handoff: {
      kind: decision === 'escalated' ? 'escalate' : 'suggest',
      priority: priorityFor(decision, input.routing, policy),
      reasons: trimmed,
    },
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
