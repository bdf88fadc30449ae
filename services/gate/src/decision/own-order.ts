import type { Draft, Retrieval, Routing } from '@parley/contracts';
import type { OrderQuestion } from '@parley/wording';
import { canonicalOrderId, isStatusOnly, readOrderQuestion } from '@parley/wording';

export interface OrderAnswerInput {
  routing: Routing;
  retrieval: Retrieval | null;
  draft: Draft | null;
  /** The customer's words for this turn (subject and body); absent: nothing is assumed about them. */
  question?: string | undefined;
}

/**
 * What the order-status answer does not cover: the turn answered as order_status also asks for an action
 * (cancel, return, change, refund...) or reports a problem, which a status does not answer. Null otherwise.
 */
export function unansweredRequest(input: OrderAnswerInput): string | null {
  if (input.routing.intent !== 'order_status' || input.question === undefined) return null;
  const q = readOrderQuestion(input.question);
  return q.request ?? (q.problem ? 'problem' : null);
}

/**
 * The draft states the status of orders the sender owns, from their own records, and the turn asks for that
 * status and nothing else. Checked here from the message, the customer's records and the draft's facts,
 * without trusting the router or the resolver: the orders the message names are all in the sender's context
 * (or, naming none, the sender has exactly one order and speaks of no one else's), the draft states the
 * status of each and no fact of any other order, and proposes nothing. Such an answer is right whatever the
 * router's confidence in the intent, so the confidence floor does not apply to it.
 */
export function ownOrderStatusAnswer(input: OrderAnswerInput): boolean {
  const { routing, retrieval, draft, question } = input;
  if (routing.intent !== 'order_status' || question === undefined || !draft) return false;
  if (draft.action || draft.toolCalls.some((c) => c.status === 'proposed')) return false;
  const customer = retrieval?.customer;
  if (!customer || customer.unownedOrderIds.length > 0) return false;
  const q = readOrderQuestion(question);
  if (!isStatusOnly(q)) return false;
  const targets = ownTargets(
    q,
    customer.orders.map((o) => canonicalOrderId(o.orderId)),
  );
  if (targets.length === 0) return false;
  const orderFacts = draft.facts.filter((f) => f.source === 'order');
  if (orderFacts.some((f) => !targets.includes(canonicalOrderId(f.ref)))) return false;
  const described = new Set(
    orderFacts.filter((f) => f.field === 'status').map((f) => canonicalOrderId(f.ref)),
  );
  return targets.every((id) => described.has(id));
}

/** The sender's orders the question is about: those it names (all must be theirs), else their only one. */
function ownTargets(q: OrderQuestion, owned: readonly string[]): string[] {
  if (q.orderIds.length > 0) return q.orderIds.every((id) => owned.includes(id)) ? q.orderIds : [];
  return owned.length === 1 && !q.someoneElse ? [owned[0]!] : [];
}
