import type { AnswerSignals } from '@parley/answer-model';
import type {
  Citation,
  Decision,
  Draft,
  KillSwitchMode,
  ReasonCode,
  Retrieval,
  Routing,
} from '@parley/contracts';
import { asksGoAheadOnly } from '@parley/contracts';
import type { ActionStep } from './actions.js';
import { customerMayConfirm, proposalStep } from './actions.js';
import {
  ownOrderRulesAnswer,
  ownOrderStatusAnswer,
  asksWhichOwnOrder,
  asksWhoForLookup,
  overdueWait,
  articlesCited,
  ownRefundAnswer,
  recordsDisputed,
  statusDisagrees,
  unansweredRequest,
} from './own-order.js';
import { answerSignals } from './signals.js';
import type { GatePolicy } from './policy.js';
import { CONSEQUENTIAL_INTENTS } from './policy.js';
import {
  anotherCompanysMatter,
  asksAboutAStoreVisit,
  asksAQuestion,
  asksCatalogueOnly,
  asksOrderAmount,
  asksOwnAccountFact,
  asksRestockOnly,
  asksRulesOfAWrite,
  asksUsToInvestigate,
  asksWhetherAllowed,
  canonicalText,
  orderIdsIn,
  plainRequest,
  questionsBesideRequest,
  reportsAccountMisuse,
  reportsWriteDone,
  reportsWrongItem,
  sentToUsByTheHelpCentre,
  thanksOnly,
  acknowledgementOnly,
  onlyTheQuestion,
  smallTalkOnly,
  voicesDispleasure,
} from '@parley/wording';

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
  /**
   * The customer's words for this turn (subject and body; for the details an order lookup asked for, the question
   * they answer), read for what an order-status answer covers.
   */
  question?: string | undefined;
  /** The order this turn picks from the list of the sender's orders the previous reply asked about. */
  pickedOrder?: string | undefined;
  /** The turn follows earlier ones of the ticket (its history is not empty). */
  followUp?: boolean | undefined;
  /** The item this turn picks from the list of an order's items the planner's previous reply asked about. */
  pickedItem?: string | undefined;
  /** The turn says a plain no to the write the previous reply offered (`declinesOffer`). */
  declinedOffer?: boolean | undefined;
}

export interface GateOutcome {
  decision: Decision;
  reasons: ReasonCode[];
  reply?: { source: 'auto' | 'static'; body: string; citations: Citation[] };
  handoff?: { kind: 'suggest' | 'escalate'; priority: Priority; reasons: ReasonCode[] };
  /** A proposed action to read back to the customer or hand to an agent, or the customer's answer to one. */
  action?: ActionStep;
  /** The answer model's judgement of an auto-band draft (for the decision's timeline entry). */
  answer?: AnswerJudgement;
}

export interface AnswerJudgement {
  /** The model's id (`AnswerModel.id`). */
  model: string;
  /** Calibrated P(the draft, sent as it is, is right). */
  probability: number;
  /** Auto-send at or above it (when no policy check holds the draft back). */
  threshold: number;
  signals: AnswerSignals;
  /** The signals that lowered the probability most, as "label value". */
  lowering: string[];
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
 * like a read-back, sending it changes nothing.
 */
function onlyAsks(draft: Draft): boolean {
  // An answer that ends by offering a write answers first: it is judged as the answer it is (`ownOrderRulesAnswer`).
  if (asksGoAheadOnly(draft)) return false;
  return (draft.clarifies?.length ?? 0) > 0 && draft.proposal === undefined && draft.action === undefined;
}

/**
 * A help-centre answer to a question about the rules for a write ("Can I change the delivery address after
 * placing an order?", "do i need to give a reason to cancel?"), routed to the write's intent: it quotes the
 * help centre, states nothing of any order, proposes and asks nothing, and the message names no order and asks
 * for no write in so many words (`asksRulesOfAWrite`). Sending it changes nothing, so it is judged like any
 * help-centre answer, by the answer model, rather than held by the write intent's band.
 */
function answersRules(draft: Draft, routing: Routing, question: string | undefined): boolean {
  // Only a write's intent: a question routed as a complaint has its own line (`complaintHelpAnswer`).
  if (!CONSEQUENTIAL_INTENTS.includes(routing.intent)) return false;
  if (question === undefined || !draft.coverage || draft.action || draft.proposal) return false;
  if (asksMoreThanGoAhead(draft) || draft.toolCalls.length > 0) return false;
  if (draft.facts.some((f) => f.source === 'order') || orderIdsIn(question).length > 0) return false;
  return asksRulesOfAWrite(question);
}

/**
 * A help-centre answer to a turn the router placed in no intent: the classifier knows only the intents it was
 * taught, in the words it was taught them, and "how long is the warranty on the espresso machine" falls between
 * them while retrieval finds the section that answers it. Such a draft quotes the help centre and nothing else
 * (no records, no lookup, no write, no question back), and the answer model judges it at its own, stricter line
 * (`outOfScopeAnswer`); every policy check but the out-of-scope one still holds. Questions about other
 * companies, chit-chat and general knowledge, which the help centre only seems to answer, score far below it.
 */
function outOfScopeHelpAnswer(draft: Draft, routing: Routing): boolean {
  return routing.outOfScope && draft.citations.length > 0 && quotesOnly(draft);
}

/**
 * A help-centre answer to a turn under a help intent the router was unsure of (the suggest band for want of
 * confidence, not for the intent): which of the help intents it is changes nothing in a quote retrieval found,
 * and the answer model judges the quote itself at `unsureHelpAnswer` (never below its threshold). Write intents
 * and complaints keep their band, and so does a turn a hosted model's router put there itself; every policy
 * check still holds.
 */
function unsureHelpAnswer(draft: Draft, routing: Routing): boolean {
  if (routing.outOfScope) return false;
  // A hosted model's router may ask for the band itself ("a person should approve"): that is kept.
  if (routing.router !== 'local-model') return false;
  if (CONSEQUENTIAL_INTENTS.includes(routing.intent) || routing.intent === 'complaint') return false;
  return draft.citations.length > 0 && quotesOnly(draft);
}

/**
 * The message only thanks (`thanksOnly`) and the draft only says so back: no fact of any order or article, no
 * citation, no lookup, question or proposal. Whatever band the router put "thanks a lot" in, there is nothing in
 * such a reply that could be wrong, and a person reading it would only close the ticket.
 */
function thanksAcknowledged(draft: Draft, question: string | undefined): boolean {
  if (question === undefined || !(thanksOnly(question) || acknowledgementOnly(question))) return false;
  return courtesyOnly(draft);
}

/** The draft is courtesy text and nothing else: nothing in it could be wrong. */
function courtesyOnly(draft: Draft): boolean {
  // Every sentence courtesy text: a model's "you're welcome, it arrives tomorrow" states what no record says.
  if (draft.groundedness < 1) return false;
  if (draft.facts.length > 0 || draft.citations.length > 0 || draft.toolCalls.length > 0) return false;
  return !draft.action && !draft.proposal && (draft.clarifies?.length ?? 0) === 0 && !draft.coverage;
}

/**
 * The draft asks the customer for something besides their go-ahead to a write it offers after its answer
 * (`asksGoAheadOnly`: "...I can help you cancel your order. Would you like me to go ahead?"), which changes nothing.
 */
function asksMoreThanGoAhead(draft: Draft): boolean {
  return (draft.clarifies?.length ?? 0) > 0 && !asksGoAheadOnly(draft);
}

/**
 * The draft quotes the help centre and nothing else: no records, no lookup, no write, no question back but the
 * offer of a write.
 */
function quotesOnly(draft: Draft): boolean {
  if (!draft.coverage || draft.action || draft.proposal) return false;
  if (asksMoreThanGoAhead(draft) || draft.toolCalls.length > 0) return false;
  return draft.facts.every((f) => f.source === 'article');
}

/**
 * A help-centre answer to a question the router placed under `complaint`: what to do about a parcel marked
 * delivered that is not there, an item missing from the box, an appliance that smells of burning. The help
 * centre's procedure for it is the answer a person would give, so the answer model judges it at its own line
 * (`complaintHelpAnswer`, never below the model's threshold) rather than the band holding it. The draft quotes
 * one article and nothing else (no records, no lookup, no write, no question back), and the message names no
 * order: a grievance about a particular order is for a person. Every other policy check holds (displeasure in
 * so many words, strong negative sentiment, another company's matter), so a grievance asked as a question still
 * goes to a person; only the complaint likelihood, which the routed intent already is, does not hold it.
 */
function complaintHelpAnswer(draft: Draft, routing: Routing, question: string | undefined): boolean {
  if (routing.intent !== 'complaint' || question === undefined || orderIdsIn(question).length > 0)
    return false;
  // One procedure: a second article quoted beside it answers something else the message said.
  return articlesCited(draft) === 1 && quotesOnly(draft);
}

/**
 * A help-centre answer the answer model judges at a line of its own although the suggest band holds its turn:
 * the reason it goes out with, the line, and the policy check it sets aside (the band's own reason for the turn).
 */
interface OwnLine {
  code: string;
  line: number;
  setsAside?: string;
}

function ownLineFor(
  draft: Draft,
  routing: Routing,
  question: string | undefined,
  policy: GatePolicy,
): OwnLine | undefined {
  if (routing.band !== 'suggest') return undefined;
  const lines: OwnLine[] = [
    ...(outOfScopeHelpAnswer(draft, routing)
      ? [{ code: 'out_of_scope_answer', line: policy.outOfScopeAnswer, setsAside: 'out_of_scope' }]
      : []),
    ...(complaintHelpAnswer(draft, routing, question)
      ? [{ code: 'complaint_help_answer', line: policy.complaintHelpAnswer, setsAside: 'may_be_complaint' }]
      : []),
    ...(unsureHelpAnswer(draft, routing)
      ? [{ code: 'unsure_help_answer', line: policy.unsureHelpAnswer }]
      : []),
  ];
  // A line of 1 turns its path off: the band holds such a turn.
  return lines.find((l) => l.line < 1);
}

/** The draft states a fact of the customer's own records (their account or orders). */
function statesCustomerRecords(draft: Draft): boolean {
  return draft.facts.some((f) => f.source === 'customer' || f.source === 'order');
}

/** Sending the draft cannot change anything: it reads a proposal back or asks for details. */
function changesNothing(draft: Draft, policy: GatePolicy): boolean {
  return readsBack(draft, policy) || onlyAsks(draft);
}

/**
 * What must hold whatever the answer model says (policy, not likelihood): a draft exists; it changes nothing
 * an agent must approve; the turn is in scope; a status answer leaves no request unanswered, states no status
 * other than the one the customer says their order shows, and is not a records answer to a wait the customer says
 * is past the help centre's line; its claims are
 * grounded; it does not pass over the customer's own orders; the customer is not strongly upset and the turn does
 * not read as a complaint. Empty means
 * the answer model decides.
 */
export function autoSendBlockers(input: DecisionInput, policy: GatePolicy): ReasonCode[] {
  const { draft, routing } = input;
  if (!draft) return [{ code: 'no_draft', ...(input.noDraftReason ? { detail: input.noDraftReason } : {}) }];
  const blockers: ReasonCode[] = [];
  const readBack = changesNothing(draft, policy);
  if (draft.action && !readBack) blockers.push({ code: 'consequential_action', detail: draft.action });
  if (CONSEQUENTIAL_INTENTS.includes(routing.intent) && !readBack)
    blockers.push({ code: 'consequential_intent', detail: routing.intent });
  if (routing.outOfScope) blockers.push({ code: 'out_of_scope' });
  // "Forgot my Hulu login": this store's sign-in steps would answer a question about someone else's account.
  const company = input.question === undefined ? undefined : anotherCompanysMatter(input.question);
  if (company) blockers.push({ code: 'another_company', detail: company });
  // "your store on Main St": the store sells online only and no section speaks of a shop to visit, so the nearest
  // one (support hours, returns by post) would be read as that shop's.
  if (input.question !== undefined && draft.citations.length > 0 && asksAboutAStoreVisit(input.question))
    blockers.push({ code: 'store_visit' });
  // "Your page says contact you after 7 business days, so here I am": the section quoted back is the one that
  // sent them here, and what it tells them to ask for (a trace, a check) is for a person.
  if (
    input.question !== undefined &&
    !readBack &&
    draft.citations.length > 0 &&
    sentToUsByTheHelpCentre(input.question)
  )
    blockers.push({ code: 'sent_by_help_centre' });
  const unanswered = unansweredRequest(input);
  if (unanswered) blockers.push({ code: 'unanswered_request', detail: unanswered });
  const disagreement = statusDisagrees(input);
  if (disagreement) blockers.push({ code: 'status_disagrees', detail: disagreement });
  const overdue = overdueWait(input, policy.waitLines);
  if (overdue) blockers.push({ code: 'overdue_wait', detail: overdue });
  if (recordsDisputed(input)) blockers.push({ code: 'records_disputed' });
  // "Can you trace it?": only a person opens a trace or looks into a case, whatever the quote or the records say.
  if (input.question !== undefined && !readBack && asksUsToInvestigate(input.question))
    blockers.push({ code: 'asks_investigation' });
  if (quotesForNoQuestion(input, draft)) blockers.push({ code: 'asks_nothing' });
  // "Nobody answers", "feels underhanded": however well the help centre or the records answer the question, a
  // customer who says in so many words that they are unhappy with the store is for a person. Reading back the
  // write they asked for ("very disappointed, I want to return it"), or asking what it still needs, changes
  // nothing until they confirm, and is what they asked for.
  if (input.question !== undefined && !readBack && voicesDispleasure(input.question))
    blockers.push({ code: 'displeasure_voiced' });
  if (draft.groundedness < policy.groundednessFloor) {
    blockers.push({
      code: 'low_groundedness',
      detail: `${round(draft.groundedness)} < ${policy.groundednessFloor}`,
    });
  }
  if (draft.ordersUnused) blockers.push({ code: 'orders_unused' });
  // "What is my default shipping address?": the help centre says where it is kept, which reads as an answer; only
  // the customer's records hold it.
  if (input.question !== undefined && asksOwnAccountFact(input.question) && !statesCustomerRecords(draft))
    blockers.push({ code: 'asks_own_record' });
  // "Did the tax on #W… get included in the total?", "how much was shipping on #W…?": the help centre says how
  // tax and shipping are charged, not what this order's came to, and its record does not hold it either.
  if (input.question !== undefined && draft.citations.length > 0 && asksAmountOfNamedOrder(input.question))
    blockers.push({
      code: 'asks_own_record',
      detail: 'what the order came to, which its record does not hold',
    });
  // "There are orders on my account I never made": a person secures the account, whatever the help centre says.
  if (input.question !== undefined && reportsAccountMisuse(input.question))
    blockers.push({ code: 'account_misuse' });
  // The message names an order that is not the sender's ("my son placed it", someone else's number): what may
  // be said or done about it is for a person to decide, whatever the draft says or asks.
  const unowned = input.retrieval?.customer?.unownedOrderIds ?? [];
  if (unowned.length > 0) blockers.push({ code: 'unowned_order', detail: unowned.join(', ') });
  if (routing.sentiment.score <= policy.negativeSentiment) {
    blockers.push({ code: 'negative_sentiment', detail: `${round(routing.sentiment.score)}` });
  }
  const complaint = routing.complaintLikelihood ?? 0;
  const complaintFloor = complaintLine(input, draft, policy);
  if (complaintFloor !== undefined && complaint >= complaintFloor) {
    blockers.push({ code: 'may_be_complaint', detail: `${round(complaint)} >= ${complaintFloor}` });
  }
  return blockers;
}

/** The message names an order and asks what it came to in money (`asksOrderAmount`). */
function asksAmountOfNamedOrder(question: string): boolean {
  return orderIdsIn(question).length > 0 && asksOrderAmount(canonicalText(question));
}

/** At most this many words in a follow-up that, asking nothing, says only what an earlier turn was about. */
const FRAGMENT_WORDS = 4;

/**
 * A help-centre quote in answer to a message that asks nothing of the store: small talk ("hey how's your day
 * going? 😊", which a section on business days seems to match word for word), or a follow-up of a few words that
 * asks no question ("blue", "the large one"), which says something about an earlier turn the quote can only guess
 * at from the conversation. The planner's questions and read-backs, and answers from the records, are not quotes.
 */
function quotesForNoQuestion(input: DecisionInput, draft: Draft): boolean {
  if (input.question === undefined || draft.citations.length === 0) return false;
  if (draft.facts.some((f) => f.source === 'order')) return false;
  if (smallTalkOnly(input.question)) return true;
  if (!input.followUp) return false;
  const words = input.question.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  return words <= FRAGMENT_WORDS && !input.question.includes('?') && !asksAQuestion(input.question);
}

/**
 * The router's P(complaint) at which the draft is held for a person; undefined: not held for it. A status answer
 * from the sender's own records is what a status question needs whatever the classifier made of its mood. About
 * orders not yet delivered, asked calmly it is not held for it at all, and asked with some displeasure only at
 * `ownStatusComplaintLikelihood`. About a delivered order, the words have already been read for a parcel not all
 * there (`unansweredRequest`), which "delivered" does not answer; asked calmly it is held at
 * `ownStatusComplaintLikelihood`, since the classifier still hears what those words miss; otherwise the usual line.
 */
function complaintLine(input: DecisionInput, draft: Draft, policy: GatePolicy): number | undefined {
  if (!ownOrderStatusAnswer(input, policy.ownStatusRouterSure)) return policy.complaintLikelihood;
  const calm = input.routing.sentiment.score >= 0;
  const statuses = draft.facts.filter((f) => f.source === 'order' && f.field === 'status');
  const onTheWay = statuses.length > 0 && statuses.every((f) => f.value !== 'delivered');
  if (onTheWay) return calm ? undefined : policy.ownStatusComplaintLikelihood;
  return calm ? policy.ownStatusComplaintLikelihood : policy.complaintLikelihood;
}

/** Signals named in a refusal: the ones that pulled the probability down the most. */
const NAMED_SIGNALS = 2;

/**
 * The answer model's view of an auto-band draft: P(sent as it is, it is right), the threshold it is held
 * to, and the signals it read (they go on the decision's timeline entry).
 */
export function judgeAnswer(input: DecisionInput & { draft: Draft }, policy: GatePolicy): AnswerJudgement {
  const signals = answerSignals(input, policy.ownStatusRouterSure);
  const { probability, contributions } = policy.answer.model.predict(signals);
  const lowering = contributions
    .filter((c) => c.effect < 0)
    .slice(0, NAMED_SIGNALS)
    .map((c) => `${c.label} ${round(c.value)}`);
  return {
    model: policy.answer.model.id,
    probability: round3(probability),
    threshold: policy.answer.threshold,
    signals,
    lowering,
  };
}

function answerReason(j: AnswerJudgement): ReasonCode {
  const p = round3(j.probability);
  return j.probability >= j.threshold
    ? { code: 'answer_probability', detail: `${p} >= ${j.threshold}` }
    : {
        code: 'low_answer_probability',
        detail: `${p} < ${j.threshold}${j.lowering.length > 0 ? ` (${j.lowering.join(', ')})` : ''}`,
      };
}

interface Baseline {
  decision: Decision;
  reasons: ReasonCode[];
  answer?: AnswerJudgement;
  /** What is sent in place of the draft's body: a read-back without an answer the gate is not sure of. */
  reply?: { body: string; citations: Citation[] };
}

/** What the pipeline alone would decide, before the kill switch and ticket ownership are applied. */
function baseline(input: DecisionInput, policy: GatePolicy): Baseline {
  const { routing, draft } = input;
  if (input.source === 'escalated' || routing.rules.length > 0) {
    const rules = routing.rules.map((r) => ({ code: 'hard_rule', detail: r.id }));
    return { decision: 'escalated', reasons: rules.length > 0 ? rules : [{ code: 'hard_rule' }] };
  }
  if (routing.band === 'escalate') return { decision: 'escalated', reasons: [{ code: 'band_escalate' }] };
  if (!draft) {
    return {
      decision: 'escalated',
      reasons: [{ code: 'no_draft', ...(input.noDraftReason ? { detail: input.noDraftReason } : {}) }],
    };
  }
  // "Thank you!" after a reply, thanked back: the draft states nothing, asks nothing and proposes nothing.
  if (thanksAcknowledged(draft, input.question))
    return { decision: 'auto_sent', reasons: [{ code: 'checks_passed' }, { code: 'thanks_acknowledged' }] };
  // "No thanks" to a write the previous reply offered, answered that nothing changed: nothing is asked or stated.
  if (input.declinedOffer && courtesyOnly(draft))
    return { decision: 'auto_sent', reasons: [{ code: 'checks_passed' }, { code: 'offer_declined' }] };
  // The suggest band is for intents that change things; reading a proposal back changes nothing.
  // An answer about a write's rules changes nothing, so neither the band nor the write intent holds it.
  const ownRules = ownOrderRulesAnswer({ ...input, draft });
  const answersOnly = ownRules || answersRules(draft, routing, input.question);
  const own = answersOnly ? undefined : ownLineFor(draft, routing, input.question, policy);
  if (routing.band === 'suggest' && !changesNothing(draft, policy) && !answersOnly && !own)
    return { decision: 'suggested', reasons: [{ code: 'band_suggest' }] };
  // "Where is my order?" from a sender not yet known: who they are, before any order is looked up.
  if (asksWhoForLookup({ ...input, draft })) return whoForLookup(input, policy);
  // A read-back or a question for details is written from the store's records, and the customer's own answer
  // decides what happens next, so the answer model (trained on help-centre and status answers) does not judge
  // it; the router must still be sure enough of the request that the question is the right one to ask.
  if (changesNothing(draft, policy)) return askOrReadBack(input, draft, policy);
  // Judged even when a policy check holds the draft back, so the timeline shows how likely it was right.
  const answer = judgeAnswer({ ...input, draft }, policy);
  const blockers = autoSendBlockers(input, policy).filter(
    (b) => !(answersOnly && b.code === 'consequential_intent') && b.code !== own?.setsAside,
  );
  if (blockers.length > 0) return { decision: 'suggested', reasons: blockers, answer };
  // Below its own line such a turn stays where the band put it, with the judgement on the timeline.
  if (own) return atOwnLine(answer, own);
  // Whether the sender's own order still allows a write, with its status: the records answer it.
  if (ownRules)
    return {
      decision: 'auto_sent',
      reasons: [
        { code: 'checks_passed' },
        { code: 'own_order_rules' },
        // Its offer asks for the customer's go-ahead: a question towards the write, like any other.
        ...(asksGoAheadOnly(draft) ? [{ code: 'asks_details' }] : []),
      ],
      answer,
    };
  if (catalogueAnswer(input, draft, answer, policy))
    return {
      decision: 'auto_sent',
      reasons: [{ code: 'checks_passed' }, { code: 'catalogue_answer' }],
      answer,
    };
  // The refunds issued for the sender's own order, from its records: as right as the records, like a status.
  const sure = (routing.handlingConfidence ?? routing.confidence) >= policy.actionConfidenceFloor;
  if (ownRefundAnswer({ ...input, draft }, sure))
    return {
      decision: 'auto_sent',
      reasons: [{ code: 'checks_passed' }, { code: 'own_refund_status' }],
      answer,
    };
  // The status of the sender's own orders, from their records, to a question that asks only that: as right as
  // the records, like a catalogue answer, so it does not wait on the answer model (which rates it from the
  // help-centre signals of a long, chatty message as much as from the records).
  if (answer.signals.ownOrderStatus === 1)
    return {
      decision: 'auto_sent',
      reasons: [{ code: 'checks_passed' }, { code: 'own_order_status' }],
      answer,
    };
  // "Where is my order?" from a sender with several: their own orders listed from the records, and which one?
  if (asksWhichOwnOrder({ ...input, draft }))
    return {
      decision: 'auto_sent',
      reasons: [{ code: 'checks_passed' }, { code: 'asks_which_order' }],
      answer,
    };
  const reason = answerReason(answer);
  if (answer.probability < answer.threshold) return { decision: 'suggested', reasons: [reason], answer };
  return { decision: 'auto_sent', reasons: [{ code: 'checks_passed' }, reason], answer };
}

/**
 * The question who the sender is, to look up their order: sent unless a policy check (tone, scope) holds it, or the
 * message names an order id. An order named by a sender not yet known may be someone else's (a number from a
 * packing slip, a relative's order), which a person answers; "where is my order?" can only be about their own.
 */
function whoForLookup(input: DecisionInput, policy: GatePolicy): Baseline {
  const blockers = autoSendBlockers(input, policy);
  const named = input.question === undefined ? [] : orderIdsIn(input.question);
  if (named.length > 0) blockers.push({ code: 'order_named_by_unknown_sender', detail: named.join(', ') });
  if (blockers.length > 0) return { decision: 'suggested', reasons: blockers };
  return { decision: 'auto_sent', reasons: [{ code: 'checks_passed' }, { code: 'asks_identity' }] };
}

/** Sent at or above its own line (never below the model's threshold) with its code; below it, the band holds it. */
function atOwnLine(answer: AnswerJudgement, { code, line }: OwnLine): Baseline {
  const at = Math.max(answer.threshold, line);
  if (answer.probability < at) return { decision: 'suggested', reasons: [{ code: 'band_suggest' }], answer };
  return {
    decision: 'auto_sent',
    reasons: [{ code: 'checks_passed' }, { code, detail: `${round3(answer.probability)} >= ${at}` }],
    answer,
  };
}

/**
 * The draft gives the catalogue's facts (options, stock, prices) of the products a question names, from a
 * lookup the router allowed, and the question asks nothing the catalogue does not hold (`asksCatalogueOnly`), or
 * nothing but whether they will be back in stock or can be pre-ordered (`asksRestockOnly`):
 * like a status from the sender's own orders, such an answer is as right as the records, so it does not wait
 * on the answer model (trained mostly on help-centre quotes, it rates every records answer alike). The router
 * must lean to the message asking about products (`catalogueConfidenceFloor`): the words decide the rest.
 */
function catalogueAnswer(
  input: DecisionInput,
  draft: Draft,
  answer: AnswerJudgement,
  policy: GatePolicy,
): boolean {
  const { routing, question } = input;
  if (routing.intent !== 'product_question' || answer.signals.fromRecords !== 1 || question === undefined)
    return false;
  if (draft.facts.some((f) => f.source === 'order') || draft.proposal || draft.action) return false;
  // The help centre's rule on stock and variants goes with the facts: without it a list of variants leaves
  // out what "out of stock" means for the customer.
  if (draft.citations.length === 0) return false;
  const looked = draft.toolCalls.some(
    (c) => c.name === 'lookup_product' && c.status === 'ok' && routing.allowedTools.includes(c.name),
  );
  const confidence = routing.handlingConfidence ?? routing.confidence;
  // Stock to come ("when is it back?", "can I pre-order it?") is answered by the same facts with the rule on
  // stock quoted whole, which says there are no backorders and no restock dates.
  const asks = asksCatalogueOnly(question) || asksRestockOnly(question);
  return looked && confidence >= policy.catalogueConfidenceFloor && asks;
}

/**
 * The router's reading of the message is what makes the question or read-back the right one, unless the message
 * answers what the previous reply asked for the write (`Draft.writeAsked` `earlier`: "My name is ... and my ZIP
 * code is ..." reads as out of scope), when the request was read on the turn that began it, or the message is a
 * plain request asked in so many words (`words` and `plainRequest`: "Return #W... via PayPal: Desk Lamp. Thanks!"),
 * whose words say what is to be done however the classifier reads its order numbers and item names. Tone and the
 * hard rules still hold. A write asked in words inside a longer story is not enough on its own: a story read with
 * doubt can ask for a write and name items and orders it does not want changed.
 */
function standsOnRouting(draft: Draft, question: string | undefined): boolean {
  if (draft.writeAsked === 'earlier') return false;
  return !(draft.writeAsked === 'words' && question !== undefined && plainRequest(question));
}

/**
 * The message asks something a question for details would leave unanswered: whether, when or how a write can
 * be done, or a question of its own beside its request ("I want to return the boots, how long do I have?").
 * Only a message whose questions all ask the store to act ("can you cancel it?") is answered by asking which
 * order or who they are.
 */
function asksMoreThanTheWrite(question: string): boolean {
  return asksWhetherAllowed(question) || asksAQuestion(question);
}

/**
 * "Can I cancel order #W…?" from a sender not yet known, answered by asking who they are (`Draft.clarifies`
 * exactly `identity`): whether that order allows it can be told only once they have, so the question is the step
 * towards the answer. Only for a message that is that question alone (`onlyTheQuestion`) and names the order.
 */
function asksWhoToCheck(draft: Draft, question: string | undefined): boolean {
  if (question === undefined || draft.proposal || draft.clarifies?.length !== 1) return false;
  if (draft.clarifies[0] !== 'identity') return false;
  return orderIdsIn(question).length > 0 && asksRulesOfAWrite(question) && onlyTheQuestion(question);
}

/**
 * The message answers our question which order, or which of its items, a write is for by picking from the list
 * ("the first one", `DecisionInput.pickedOrder` and `pickedItem`) with no word of displeasure: a classifier's
 * complaint reading of three words says nothing of the customer's mood (a strongly negative sentiment still holds
 * the reply).
 */
function picksFromListAsked(draft: Draft, input: DecisionInput): boolean {
  if (draft.writeAsked !== 'earlier') return false;
  if (input.pickedOrder === undefined && input.pickedItem === undefined) return false;
  return input.question !== undefined && !voicesDispleasure(input.question);
}

/** What the turn's tone holds an auto-send for: the router's complaint likelihood and a strongly negative sentiment. */
const TONE_BLOCKERS: readonly string[] = ['may_be_complaint', 'negative_sentiment'];

/**
 * The draft reads back the write the customer asked for in so many words, and the message asks nothing else
 * ("the earbuds I received are faulty and I want a full refund"): it changes nothing until they confirm and is
 * all they asked for, so the tone of the turn does not hold it (words of displeasure already do not,
 * `autoSendBlockers`). A message that also asks a question ("...a replacement or a refund. How long would a
 * replacement take?") is still held for its tone, and so is a question for details: a grievance with a request in
 * it ("the reply I got was rude... I'd like it replaced") is better met by a person than by "who are you?". So is
 * an upset customer's demand for more than the confirm limit, which only a reversal lets a customer confirm: a
 * large refund demanded in anger is for a person.
 */
function readsBackAllAsked(draft: Draft, question: string | undefined, policy: GatePolicy): boolean {
  if (draft.proposal === undefined || draft.writeAsked !== 'words') return false;
  if ((draft.proposal.amountUsd ?? 0) > policy.customerConfirmLimitUsd) return false;
  return question === undefined || !asksAQuestion(question);
}

function askOrReadBack(input: DecisionInput, draft: Draft, policy: GatePolicy): Baseline {
  const routed = standsOnRouting(draft, input.question);
  const allAsked = readsBackAllAsked(draft, input.question, policy);
  const picking = picksFromListAsked(draft, input);
  const blockers = autoSendBlockers(input, policy)
    .filter((b) => routed || b.code !== 'out_of_scope')
    .filter((b) => !allAsked || !TONE_BLOCKERS.includes(b.code))
    .filter((b) => !picking || b.code !== 'may_be_complaint');
  const confidence = input.routing.handlingConfidence ?? input.routing.confidence;
  if (routed && confidence < policy.actionConfidenceFloor)
    blockers.push({
      code: 'low_confidence',
      detail: `${round(confidence)} < ${policy.actionConfidenceFloor}`,
    });
  // A question asked beside a request in so many words ("Can you cancel #W...? And how long will the refund
  // take?") is answered from the help centre after the write: that answer is judged like any other, and a
  // question left unanswered is for a person.
  const beside =
    input.question !== undefined && draft.writeAsked === 'words'
      ? questionsBesideRequest(input.question)
      : undefined;
  const answer = beside && draft.coverage ? judgeAnswer({ ...input, draft }, policy) : undefined;
  if (beside && !answer) blockers.push({ code: 'question_unanswered', detail: beside.join(' ') });
  const unsure = answer !== undefined && answer.probability < answer.threshold;
  // A read-back is what was asked for: an answer beside it the model is unsure of is left out rather than holding
  // the write back (its "done" message tells when the refund comes and how the return goes).
  const leftOut = unsure && draft.readBackAlone !== undefined;
  if (unsure && !leftOut) blockers.push(answerReason(answer));
  // "Can I still cancel it?" or "what happens to my refund if I cancel?" asks for the rule, not the write: a
  // question for who they are or which order would answer a request they did not make.
  const onlyAsking = !draft.proposal && draft.writeAsked !== 'earlier';
  const checking = asksWhoToCheck(draft, input.question);
  if (
    onlyAsking &&
    !checking &&
    !beside &&
    input.question !== undefined &&
    asksMoreThanTheWrite(input.question)
  )
    blockers.push({ code: 'asks_whether_allowed' });
  // A question for details answers a request the customer worded ("please cancel it", "I'd like to return the
  // lamp") or the write the previous reply asked about; a write read from the intent alone is often a question
  // about how the write works ("I changed my address, does my pending order go there now?"), and "which order?"
  // would answer something they did not ask.
  if (!draft.proposal && draft.writeAsked === undefined && !checking)
    blockers.push({ code: 'write_not_worded' });
  // A wrong item delivered is put right by a person (a replacement), not by the customer choosing options.
  if (input.question !== undefined && reportsWrongItem(input.question))
    blockers.push({ code: 'wrong_item_reported' });
  // "You cancelled my order!" or "I sent it back last week" is about a write already done (a grievance, a
  // refund to come): asking who they are, or reading back the write, answers a request they did not make.
  if (input.question !== undefined && reportsWriteDone(input.question))
    blockers.push({ code: 'write_already_done' });
  if (blockers.length > 0) return { decision: 'suggested', reasons: blockers, ...(answer ? { answer } : {}) };
  const what = draft.proposal ? 'reads_back' : 'asks_details';
  if (leftOut)
    return {
      decision: 'auto_sent',
      reasons: [
        { code: 'checks_passed' },
        { code: what },
        { code: 'answer_left_out', detail: answerReason(answer).detail },
      ],
      answer,
      reply: { body: draft.readBackAlone!, citations: [] },
    };
  return {
    decision: 'auto_sent',
    reasons: [{ code: 'checks_passed' }, { code: what }, ...(answer ? [answerReason(answer)] : [])],
    ...(answer ? { answer } : {}),
  };
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
  const answer = base.answer ? { answer: base.answer } : {};
  if (decision === 'auto_sent' && input.draft) {
    return {
      decision,
      reasons,
      reply: {
        source: 'auto',
        body: base.reply?.body ?? input.draft.body,
        citations: base.reply?.citations ?? input.draft.citations,
      },
      ...(action ? { action } : {}),
      ...answer,
    };
  }
  const trimmed = reasons.slice(0, 20);
  return {
    decision,
    reasons: trimmed,
    ...(reply ? { reply } : {}),
    ...(action ? { action } : {}),
    ...answer,
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

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
