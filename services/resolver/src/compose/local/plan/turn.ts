import type { Store } from '@parley/commerce';
import type { Draft, Routing, TicketTurn } from '@parley/contracts';
import { askedWrite, givesIdentity } from '@parley/wording';
import type { PreviewRead } from '../../hosted/proposal.js';
import { previewWrite, readOf } from '../../hosted/proposal.js';
import { loadAccount, senderOf } from './account.js';
import { requestWindow } from './conversation.js';
import { planWrite } from './plan.js';
import { plannerMender } from './spelling.js';
import type { Requested } from './request.js';
import { requestedWrite, writeToCheck } from './request.js';
import type { Account, Plan } from './types.js';
import { askedForIdentity } from './wording.js';
import type { Similarity } from './words.js';

export interface ActionPlannerDeps {
  store: Store;
  similar?: Similarity;
  /**
   * A word's rank in general English (word vectors): with it misspellings are mended for reading what is asked
   * ("my gidt card", "the camea"), which write, order, items, options, payment and reason (`plannerMender`).
   * Addresses and the sender's identity are read as written.
   */
  commonRank?: (word: string) => number | undefined;
}

/** The planner's result for one turn, with what the reply needs to say it. */
export interface TurnPlan {
  requested: Requested;
  /** How the write was asked besides the routed intent (`Draft.writeAsked`). */
  asked?: NonNullable<Draft['writeAsked']>;
  /** `unmatched`: the customer answered a request for their details with details no account has. */
  plan: Plan | { kind: 'ask'; missing: 'identity'; unmatched?: true };
  account?: Account;
  /** The store's own reading of a proposal: the details to read back, the money it moves and whether it undoes a payment. */
  preview?: PreviewRead;
  /** The store's refusal of a proposal, in its words. */
  refusal?: string;
}

/**
 * Plans the turn when the customer is asking for a store write (the routed intent, or the write the previous
 * reply was asking details for); undefined otherwise. A proposal is checked against the store's policy over its
 * current records before it is offered: one the store would refuse becomes a refusal naming the rule.
 */
export async function planTurn(
  ticket: TicketTurn,
  routing: Routing,
  deps: ActionPlannerDeps,
): Promise<TurnPlan | undefined> {
  const window = requestWindow(ticket);
  const mendAsked = deps.commonRank ? plannerMender(deps.commonRank) : undefined;
  const read = mendAsked ? window.messages.map(mendAsked) : window.messages;
  const text = read.join('\n');
  // "Can I cancel order #W…?" from a sender not yet known: who they are comes first, then whether it can be done.
  const requested =
    window.ongoing ??
    requestedWrite(routing.intent, text) ??
    (ticket.customer.crmId ? undefined : writeToCheck(routing.intent, text));
  if (!requested) return undefined;
  // An answer to the planner's question carries on the write it asked about; when this message's words ask for
  // a write, the write planned is the one they ask for (`requestedWrite`). Anything else said to a read-back stands on
  // how the router reads it ("that is not what I asked for" is not more of the same request).
  const answers = window.ongoing !== undefined && !window.readBack;
  const latest = read.at(-1) ?? '';
  const asked: TurnPlan['asked'] = answers ? 'earlier' : askedWrite(latest) ? 'words' : undefined;
  const how = { requested, ...(asked ? { asked } : {}) } as const;
  const customerId = await senderOf(ticket, window.all, deps.store);
  const account = customerId ? await loadAccount(deps.store, customerId) : null;
  if (!customerId || !account) {
    const previous = ticket.history.findLast((h) => h.role !== 'customer');
    // Only an answer to our request for details is a failed identification: a ZIP code in the request itself
    // ("change the address to ..., CA 95112") is not.
    const unmatched = previous !== undefined && askedForIdentity(previous.body) && givesIdentity(ticket.body);
    return { ...how, plan: { kind: 'ask', missing: 'identity', ...(unmatched ? { unmatched } : {}) } };
  }
  const plan = planWrite({
    requested,
    messages: window.messages,
    ...(window.offered ? { offered: window.offered } : {}),
    ...(window.earlier ? { earlier: window.earlier } : {}),
    account,
    ...(deps.similar ? { similar: deps.similar } : {}),
    ...(deps.commonRank ? { mend: plannerMender(deps.commonRank, account) } : {}),
  });
  if (plan.kind !== 'propose') return { ...how, plan, account };
  const preview = await previewWrite(deps.store, plan.tool, plan.input, customerId);
  if (!preview.ok) {
    return {
      ...how,
      plan: {
        kind: 'refuse',
        write: plan.write,
        rule: preview.refusal.rule,
        ...(plan.order ? { order: plan.order } : {}),
      },
      account,
      refusal: preview.refusal.message,
    };
  }
  return {
    ...how,
    plan,
    account,
    preview: readOf(preview),
  };
}
