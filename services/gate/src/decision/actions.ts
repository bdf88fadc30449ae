import type { ActionProposal, ConfirmBy, Decision, ReasonCode } from '@parley/contracts';
import type { GatePolicy } from './policy.js';

/** What the gate does about a proposed action on this turn, besides deciding the turn. */
export type ActionStep =
  | { kind: 'propose'; proposal: ActionProposal; confirmBy: ConfirmBy }
  | { kind: 'authorise'; proposal: ActionProposal }
  | { kind: 'decline'; proposal: ActionProposal };

/**
 * Whether the customer's own "yes" may authorise this proposal: its tool is one the deployment lets customers
 * confirm, and the money it moves is within the limit (above it, only an agent approves), unless it only sends a
 * payment back to the methods that paid and the policy leaves such reversals outside the limit.
 */
export function customerMayConfirm(proposal: ActionProposal, policy: GatePolicy): boolean {
  if (!policy.customerConfirms.includes(proposal.tool)) return false;
  if (proposal.reversesPayment === true && !policy.customerConfirmLimitCoversReversals) return true;
  return (proposal.amountUsd ?? 0) <= policy.customerConfirmLimitUsd;
}

/**
 * A proposal is read back to the customer (the auto-sent reply asks them to confirm) when the turn is auto-sent;
 * otherwise an agent sees it in the inbox and approves or rejects it.
 */
export function proposalStep(
  proposal: ActionProposal | undefined,
  decision: Decision,
): ActionStep | undefined {
  if (!proposal) return undefined;
  return { kind: 'propose', proposal, confirmBy: decision === 'auto_sent' ? 'customer' : 'agent' };
}

export const DECLINED_REPLY =
  "No problem, I haven't changed anything. Is there anything else I can help you with?";

export interface Confirmation {
  answer: 'yes' | 'no';
  proposal: ActionProposal;
  owner: 'bot' | 'agent';
}

/**
 * The customer answered a read-back. Yes authorises the action (the actions service executes it and tells the
 * customer the outcome), no declines it with a short acknowledgement. An agent-owned ticket, the kill switch or a
 * proposal the customer may no longer confirm (the limit changed) hands the answer to an agent instead.
 */
export function decideConfirmation(
  c: Confirmation,
  policy: GatePolicy,
  mode: 'auto' | 'suggest_only' | 'disabled',
): {
  decision: Decision;
  reasons: ReasonCode[];
  reply?: { source: 'auto' | 'static'; body: string };
  toAgent: boolean;
  step?: ActionStep;
} {
  const answered: ReasonCode = { code: c.answer === 'yes' ? 'customer_confirmed' : 'customer_declined' };
  if (c.owner === 'agent')
    return { decision: 'suggested', reasons: [{ code: 'agent_owned' }, answered], toAgent: true };
  if (mode === 'disabled') {
    return {
      decision: 'escalated',
      reasons: [{ code: 'kill_switch', detail: 'disabled' }, answered],
      reply: { source: 'static', body: policy.staticReply },
      toAgent: true,
    };
  }
  if (c.answer === 'no') {
    return {
      decision: 'auto_sent',
      reasons: [answered],
      reply: { source: 'auto', body: DECLINED_REPLY },
      toAgent: false,
      step: { kind: 'decline', proposal: c.proposal },
    };
  }
  if (mode === 'suggest_only')
    return {
      decision: 'suggested',
      reasons: [{ code: 'kill_switch', detail: 'suggest_only' }, answered],
      toAgent: true,
    };
  if (!customerMayConfirm(c.proposal, policy))
    return { decision: 'suggested', reasons: [{ code: 'needs_agent_approval' }, answered], toAgent: true };
  return {
    decision: 'auto_sent',
    reasons: [answered],
    toAgent: false,
    step: { kind: 'authorise', proposal: c.proposal },
  };
}
