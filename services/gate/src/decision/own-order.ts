import type { Draft, Fact, OrderFacts, Retrieval, Routing } from '@parley/contracts';
import { asksGoAheadOnly } from '@parley/contracts';
import type { OrderQuestion } from '@parley/wording';
import {
  askedWrite,
  asksBesidesRefund,
  asksOnlyProgressOfItems,
  asksEveryOrder,
  asksWhyOrWhatNext,
  asksWhetherAllowed,
  asksWithCondition,
  canonicalOrderId,
  disputesWhatWeSaid,
  EVERY_ORDER_UP_TO,
  isStatusOfAwaited,
  isStatusOnly,
  onlyTheQuestion,
  orderNamedByItems,
  ORDERS_LISTED_UP_TO,
  questionsAsked,
  readOrderQuestion,
  refundDue,
  saysTrackingStalled,
  statedWaitDays,
  statusesSaid,
} from '@parley/wording';

export interface OrderAnswerInput {
  routing: Routing;
  retrieval: Retrieval | null;
  draft: Draft | null;
  /** The customer's words for this turn (subject and body); absent: nothing is assumed about them. */
  question?: string | undefined;
  /**
   * The order this turn picks from the sender's orders the previous reply listed asking which one ("2", "the
   * pending one": `orderPickedFromList`); absent when it picks none.
   */
  pickedOrder?: string | undefined;
}

/**
 * What the order-status answer does not cover: the turn answered as order_status also asks for an action
 * (cancel, return, change, refund...) or reports a problem, which a status does not answer. Null otherwise, and
 * null for a draft that states no order's facts: with no order to go on, the help centre answers the question
 * ("tracking says delivered but nothing is at my door, what do I do?") and the answer model judges how much of
 * it the quote covers.
 */
export function unansweredRequest(input: OrderAnswerInput): string | null {
  if (input.routing.intent !== 'order_status' || input.question === undefined) return null;
  if (!input.draft?.facts.some((f) => f.source === 'order')) return null;
  const q = readOrderQuestion(input.question);
  if (q.request) return q.request;
  const statuses = statusesAskedAbout(q, input.question, input);
  if (q.problem && !awaitedOnTheWay(q, statuses)) return 'problem';
  // "Did my cancellation go through?": the status answers it when the records say cancelled; otherwise the
  // customer's cancellation did not happen, which a person puts right.
  if (q.cancellationDone && !(statuses.length > 0 && statuses.every((s) => s === 'cancelled')))
    return 'cancel';
  return q.doubtsDelivery && statuses.includes('delivered') ? 'not all received' : null;
}

/**
 * The message says its order has a status ("sitting on pending since Friday") and the draft states, from the
 * records, only other statuses ("delivered"): the customer sees something the records do not (another order,
 * a display fault), which a person looks into. What was said and what the records say; null when they agree or
 * either says nothing.
 */
export function statusDisagrees(input: OrderAnswerInput): string | null {
  if (!input.draft || input.question === undefined) return null;
  const said = statusesSaid(input.question);
  if (said.length === 0) return null;
  const stated = new Set(
    input.draft.facts
      .filter((f) => f.source === 'order' && f.field === 'status')
      .map((f) => f.value.toLowerCase()),
  );
  if (stated.size === 0 || said.some((s) => stated.has(s))) return null;
  return `says ${said.join(', ')}; the records say ${[...stated].join(', ')}`;
}

/**
 * The customer disputes what the store told them ("you say it has been refunded, my bank says not") and the draft
 * answers from the same records: repeating them settles nothing, a person looks into it.
 */
export function recordsDisputed(input: OrderAnswerInput): boolean {
  if (input.question === undefined || !input.draft?.facts.some((f) => f.source === 'order')) return false;
  return disputesWhatWeSaid(input.question);
}

/**
 * How many days, by the help centre, each stage may take before it is late: an order stays pending 1-2 business
 * days (over a weekend up to four days), Standard delivery takes 5-7 business days after dispatch, tracking may
 * pause for 1-2 business days before a person opens a trace, and a refund not seen 7 business days after it was
 * issued is traced by a person ("Refund timing").
 */
export interface WaitLines {
  pending: number;
  processed: number;
  trackingPause: number;
  refund: number;
}

/**
 * The customer says they have waited past the help centre's line for the stage their order is in ("still
 * pending after 8 days", "cancelled almost two weeks ago and still no refund"), and the draft answers from the
 * order's records: the order or refund is late, and its status, which the customer already knows, does not
 * answer that; a person looks into it. What was said and the line passed; null when no wait is stated, it is
 * within the line, or the draft states nothing of the records.
 */
export function overdueWait(input: OrderAnswerInput, lines: WaitLines): string | null {
  const { intent } = input.routing;
  if (input.question === undefined || (intent !== 'order_status' && intent !== 'refund_status')) return null;
  // A help-centre answer explains how long each stage takes; only a status from the records repeats what the
  // customer already sees.
  if (!input.draft?.facts.some((f) => f.source === 'order')) return null;
  const days = statedWaitDays(input.question);
  if (days === undefined) return null;
  const q = readOrderQuestion(input.question);
  const statuses = statusesAskedAbout(q, input.question, input);
  const passed = (line: number, what: string) =>
    days > line ? `${days} days ${what}; the line is ${line}` : null;
  if (intent === 'refund_status') return passed(lines.refund, 'waiting for a refund');
  if (statuses.includes('pending')) return passed(lines.pending, 'pending');
  if (statuses.includes('processed'))
    return saysTrackingStalled(input.question)
      ? passed(lines.trackingPause, 'with tracking not moving')
      : passed(lines.processed, 'on its way');
  return statuses.includes('cancelled') ? passed(lines.refund, 'since the cancellation') : null;
}

/**
 * The message's only complaint is that the order has not come, and the records say every order it is about
 * (`statuses`) is still pending, on its way or cancelled: its status answers it. A delivered order that has not
 * come is a problem for a person (a lost parcel).
 */
function awaitedOnTheWay(q: OrderQuestion, statuses: readonly string[]): boolean {
  return isStatusOfAwaited(q) && statuses.length > 0 && !statuses.includes('delivered');
}

/** The statuses, lower-case, of the sender's orders the question is about, by their records. */
function statusesAskedAbout(q: OrderQuestion, question: string, input: OrderAnswerInput): string[] {
  const orders = input.retrieval?.customer?.orders ?? [];
  const targets = new Set(ownTargets(q, question, orders));
  return orders.filter((o) => targets.has(canonicalOrderId(o.orderId))).map((o) => o.status.toLowerCase());
}

/**
 * The draft states the status of orders the sender owns, from their own records, and the turn asks for that
 * status and nothing else. Checked here from the message, the customer's records and the draft's facts,
 * without trusting the router or the resolver: the orders the message names are all in the sender's context
 * (or, naming none, the sender has exactly one order and speaks of no one else's), the draft states the
 * status of each and no fact of any other order, and proposes nothing. Such an answer is right whatever the
 * router's confidence in the intent, so the confidence floor does not apply to it. A turn the router is sure
 * (`routerSure`, the policy's `ownStatusRouterSure`) asks for the status is taken as asking it when its words ask
 * nothing else, however it is worded; 1: only the status patterns' reading counts.
 */
export function ownOrderStatusAnswer(input: OrderAnswerInput, routerSure = 1): boolean {
  const { routing } = input;
  if (routing.intent !== 'order_status') return false;
  // Only an answer from the records alone: a help-centre section quoted beside the status answers something else.
  const sure =
    routerSure < 1 &&
    (routing.handlingConfidence ?? routing.confidence) >= routerSure &&
    !input.draft?.coverage;
  // "Is it too late to add something to #W…?" asks whether a write may be done: the store's rule answers it, and
  // a status alone leaves the customer to work it out.
  const asks = (q: OrderQuestion, text: string) =>
    !asksWhetherAllowed(text) &&
    (q.aboutItem
      ? asksOnlyProgressOfItems(text, itemsAskedAbout(text, input))
      : isStatusOnly(q) ||
        awaitedOnTheWay(q, statusesAskedAbout(q, text, input)) ||
        (sure && asksNothingElse(q, text)));
  return statesOwnOrders(input, asks, (f) => f.field === 'status', { picked: input.pickedOrder });
}

/**
 * The names of the items of the sender's order a question names by what it holds ("has my fleece jacket
 * shipped?"), as `ownTargets` reads it; none when its words name no order of theirs.
 */
function itemsAskedAbout(question: string, input: OrderAnswerInput): string[] {
  const holding = orderNamedByItems(question, input.retrieval?.customer?.orders ?? []);
  return holding?.items.map((i) => i.name) ?? [];
}

/**
 * About an order, and the words find nothing a status would not answer: no request, problem, second question,
 * detail of the order, cancellation said to be made, doubt that it came, or someone else's order. Whether it
 * asks for the status at all is then the router's reading: the status patterns miss wordings ("has #W… been
 * sorted yet?", "checking in re: #W…") that a classifier sure of `order_status` reads right.
 */
function asksNothingElse(q: OrderQuestion, text: string): boolean {
  // A status question alone by every other reading; the one question the patterns do not read as a status is the
  // one the router read as one.
  const asStatus = { ...q, asksStatus: true, otherQuestion: q.otherQuestion && questionsAsked(text) > 1 };
  return isStatusOnly(asStatus) && !q.cancellationDone && !q.doubtsDelivery && !q.someoneElse;
}

/**
 * "Where is my order?" from a sender with several orders and no word of which: the draft lists their own orders
 * with their statuses, from their records, and asks which one the question is about. It states nothing but the
 * ids and statuses of orders the sender owns (every one, up to `ORDERS_LISTED_UP_TO`, and at least two), quotes
 * nothing and proposes nothing, and the turn asks for a status and nothing else; like a status answer it is as
 * right as the records, and it asks rather than answers.
 */
export function asksWhichOwnOrder(input: OrderAnswerInput): boolean {
  const { retrieval, draft, question } = input;
  if (input.routing.intent !== 'order_status' || question === undefined || !draft) return false;
  if (draft.action || draft.proposal || draft.toolCalls.length > 0 || draft.citations.length > 0)
    return false;
  // Every sentence the list, the question or courtesy text: nothing said beside them that no record holds.
  if (draft.groundedness < 1) return false;
  const customer = retrieval?.customer;
  if (!customer || customer.unownedOrderIds.length > 0) return false;
  const q = readOrderQuestion(question);
  if (!isStatusOnly(q) || q.orderIds.length > 0 || q.someoneElse || q.aboutItem) return false;
  const owned = new Set(customer.orders.map((o) => canonicalOrderId(o.orderId)));
  const listed = new Set<string>();
  for (const f of draft.facts) {
    if (f.source !== 'order' || (f.field !== 'status' && f.field !== 'orderId')) return false;
    const id = canonicalOrderId(f.ref);
    if (!owned.has(id)) return false;
    listed.add(id);
  }
  // Every one of theirs up to the list's length: a status of some of them would answer which they meant.
  return listed.size >= 2 && listed.size === Math.min(owned.size, ORDERS_LISTED_UP_TO);
}

/**
 * "Where is my order #W…?" from a sender not yet known, answered by asking who they are so that the order can be
 * looked up (`Draft.clarifies` exactly `identity`): the draft states nothing of any order or policy, cites and
 * proposes nothing, no customer is known for the turn, and the message asks only for the status of the sender's own
 * order. Like a question for details, sending it changes nothing: what they give is checked against the store's
 * records before anything of an order is said.
 */
export function asksWhoForLookup(input: OrderAnswerInput): boolean {
  const { draft, question } = input;
  if (input.routing.intent !== 'order_status' || question === undefined || !draft) return false;
  if (draft.clarifies?.length !== 1 || draft.clarifies[0] !== 'identity') return false;
  if (draft.action || draft.proposal || draft.toolCalls.length > 0) return false;
  if (draft.citations.length > 0 || draft.facts.length > 0 || draft.groundedness < 1) return false;
  if (input.retrieval?.customer) return false;
  const q = readOrderQuestion(question);
  return !q.someoneElse && (isStatusOnly(q) || isStatusOfAwaited(q));
}

/**
 * The draft answers, from the sender's own records, a question `asks` accepts: it proposes nothing, the
 * orders the question is about are all the sender's (those it names, else their only one), and the draft
 * states a fact `states` accepts of each of them and no fact of any other order. An order `picked` from the
 * list the previous reply asked about ("2") is the one the question is about, whatever the message's words: the
 * question was asked the turn before. With `refunds`, a question naming no order may be about the few orders a
 * refund was due on (`ownTargets`).
 */
function statesOwnOrders(
  input: OrderAnswerInput,
  asks: (q: OrderQuestion, text: string) => boolean,
  states: (fact: Fact) => boolean,
  { picked, refunds = false }: { picked?: string | undefined; refunds?: boolean } = {},
): boolean {
  const { retrieval, draft, question } = input;
  if (question === undefined || !draft) return false;
  if (draft.action || draft.proposal || draft.toolCalls.some((c) => c.status === 'proposed')) return false;
  const customer = retrieval?.customer;
  if (!customer || customer.unownedOrderIds.length > 0) return false;
  const q = readOrderQuestion(question);
  if (picked === undefined && !asks(q, question)) return false;
  const targets =
    picked === undefined
      ? ownTargets(q, question, customer.orders, refunds)
      : customer.orders
          .map((o) => canonicalOrderId(o.orderId))
          .filter((id) => id === canonicalOrderId(picked));
  if (targets.length === 0) return false;
  const orderFacts = draft.facts.filter((f) => f.source === 'order');
  if (orderFacts.some((f) => !targets.includes(canonicalOrderId(f.ref)))) return false;
  const described = new Set(orderFacts.filter(states).map((f) => canonicalOrderId(f.ref)));
  return targets.every((id) => described.has(id));
}

/**
 * The sender's orders the question is about: those it names (all must be theirs), else their only one, else
 * the one order holding the items it names ("my order with the laptop and espresso machine"), else, for a
 * status question from a sender with a few orders, every one of them (`asksEveryOrder`).
 */
function ownTargets(
  q: OrderQuestion,
  question: string,
  orders: readonly OrderFacts[],
  refunds = false,
): string[] {
  const owned = orders.map((o) => canonicalOrderId(o.orderId));
  if (q.orderIds.length > 0) return q.orderIds.every((id) => owned.includes(id)) ? q.orderIds : [];
  if (q.someoneElse) return [];
  // Asked of a thing, only an order of theirs holding it is meant: none holds it, no order is.
  if (q.aboutItem) {
    const holding = orderNamedByItems(question, orders);
    return holding ? [canonicalOrderId(holding.orderId)] : [];
  }
  if (owned.length === 1) return [owned[0]!];
  const byItems = orderNamedByItems(question, orders);
  if (byItems) return [canonicalOrderId(byItems.orderId)];
  // "where is my refund?": the few orders a refund is or was due on, as the resolver answers it.
  const due = refunds ? orders.filter(refundDue) : [];
  if (due.length > 0 && due.length <= EVERY_ORDER_UP_TO) return due.map((o) => canonicalOrderId(o.orderId));
  return asksEveryOrder(q, owned.length) ? owned : [];
}

/** Words asking for a refund to go somewhere other than where the records say it went. */
const ELSEWHERE =
  /\b(?:instead|another|different|other|(?:to|into|in) (?:my|a|the) bank|bank (?:account|transfer)|iban|account number|someone else'?s?|new (?:\w+ )?(?:card|account|paypal|bank|visa|mastercard|amex)|amex|american express|discover|[a-z]+['’]s (?:card|account|paypal|bank|visa|mastercard))\b/i;

/**
 * The draft states, from the sender's own records, the refunds issued for the orders a refund question is
 * about (how much, and to which payment method), and the turn asks where or when its refund is and nothing
 * else: no write in so many words, no problem reported, no one else's order, no wish for the money to go
 * elsewhere (another card, someone's account), no receipt or other detail, no why or what now ("why was it
 * less than I paid?", "it went to a card I closed, what happens now?", `asksWhyOrWhatNext`), and no question of
 * the refund but whether, when, where to and how much (`asksBesidesRefund`). Like a status from the sender's own
 * orders, such an answer is as right as the records; an order with no refund issued yet is for a person (a return
 * on its way, a refund that should have come). The router must be sure of the intent (`routerSure`), or the
 * words ask about a refund in so many words ("how much did you refund", "is the money back on my card"): a
 * message the router only leaned to call a refund question, with no word of one, may be about something else.
 * Naming no order, it is about the sender's only order, or else the few orders a refund is or was due on
 * (`refundDue`), as the resolver answers it.
 */
export function ownRefundAnswer(input: OrderAnswerInput, routerSure = true): boolean {
  if (input.routing.intent !== 'refund_status') return false;
  const asksWhereOnly = (q: OrderQuestion, text: string) =>
    !q.problem &&
    !q.someoneElse &&
    // A receipt or statement for it, why it was what it was, or what happens now: the records do not say.
    !q.asksDetail &&
    !asksWhyOrWhatNext(text) &&
    // "can you split it between two cards?", "will it affect my credit score?": more than its record says.
    !asksBesidesRefund(text) &&
    (q.request === 'refund' || (routerSure && q.request === null)) &&
    askedWrite(text) === undefined &&
    !ELSEWHERE.test(text);
  // A refund issued states its amount ("$367.38 to the gift card"); "no refund issued" is for a person.
  return statesOwnOrders(input, asksWhereOnly, (f) => f.field === 'refunds' && /^\$\d/.test(f.value), {
    refunds: true,
  });
}

/** How many help-centre articles the draft quotes (several sections of one count once). */
export function articlesCited(draft: Draft): number {
  return new Set(draft.citations.map((c) => c.articleId)).size;
}

/** The words that name each write intent's write, so a rules answer is about the write the customer asks about. */
const WRITE_WORDS: Readonly<Record<string, RegExp>> = {
  cancel_order: /\bcancel/i,
  change_address: /\baddress\b/i,
  modify_order: /\b(?:change|modify|switch|swap)\b/i,
  return_request: /\b(?:return|send (?:\w+ )?back)\b/i,
  exchange_request: /\b(?:exchange|swap)\b/i,
};

/**
 * The draft answers a question about the status of the sender's own order and whether a write can still be
 * done to it ("What's the status of #W…? And can I still change the delivery address on it?"): it states the
 * status of each order asked about and of no other, proposes and asks nothing, and the write the routed intent
 * names is the one the words ask about. The records decide both (the store's rule is the status), so such an
 * answer is as right as they are. An answer that ends by offering the write (`asksGoAheadOnly`) answers a message
 * that is only "can I cancel #W…?" too, asked with no word of its status (`onlyTheQuestion`): the status is what
 * allows it, and the offer changes nothing.
 */
export function ownOrderRulesAnswer(input: OrderAnswerInput): boolean {
  const words = WRITE_WORDS[input.routing.intent];
  if (!words || !input.draft) return false;
  // One write, one article on its rules: quotes from a second one beside the status ("what happens after you
  // send a return" to "can I still send #W… back?") were chosen for words the question shares with them, and
  // the answer to whether the order allows the write no longer rests on the records alone.
  if (articlesCited(input.draft) > 1) return false;
  // Offered, the write is the answer's last word: "can I cancel #W…?" asks whether, and is answered by the status.
  const offers = asksGoAheadOnly(input.draft);
  if (!offers && (input.draft.clarifies?.length ?? 0) > 0) return false;
  const asks = (q: OrderQuestion, text: string) =>
    (q.asksStatus || (offers && onlyTheQuestion(text))) &&
    !q.problem &&
    !q.someoneElse &&
    asksWhetherAllowed(text) &&
    // "can I still return #W… if I threw away the box?": the status allows the return, not the condition.
    !asksWithCondition(text) &&
    words.test(text);
  return statesOwnOrders(input, asks, (f) => f.field === 'status');
}
