import type { AnswerModel } from '@parley/answer-model';
import { loadAnswerModel } from '@parley/answer-model';
import type { WaitLines } from './own-order.js';

/** The calibrated answer model and the probability an auto-send needs. */
export interface AnswerGate {
  model: AnswerModel;
  /** Auto-send at or above this probability; the model's own (chosen by cross-validation) unless configured. */
  threshold: number;
}

/** What the gate applies to the auto band; every part is configurable (see config.ts). */
export interface GatePolicy {
  /** Least share of draft sentences backed by a source for an auto-send. */
  groundednessFloor: number;
  /** P(the answer is right) from retrieval, routing and composer signals, in place of fixed floors on each. */
  answer: AnswerGate;
  /**
   * Least routing (handling) confidence for sending a read-back of a proposed action, or a question for the
   * details one still needs, without an agent: the request must be the one the customer made.
   */
  actionConfidenceFloor: number;
  /**
   * Least routing confidence in a product question for sending the catalogue's facts of the products it names
   * without an agent. Lower than the action floor: such an answer changes nothing and is as right as the
   * catalogue, and `asksCatalogueOnly` has already read that the words ask nothing else.
   */
  catalogueConfidenceFloor: number;
  /**
   * Least answer probability for sending a help-centre answer to a turn the router found in no intent (out of
   * scope), above the answer model's own threshold (`outOfScopeHelpAnswer` in decide.ts); 1: never sent.
   */
  outOfScopeAnswer: number;
  /**
   * Least answer probability for sending a help-centre answer to a question the router placed under `complaint`
   * (what to do about a parcel marked delivered, a missing or damaged item; `complaintHelpAnswer` in
   * decide.ts), never below the answer model's own threshold (0: that threshold); 1: never sent.
   */
  complaintHelpAnswer: number;
  /**
   * The same for a help-centre answer under a help intent the router was unsure of (`unsureHelpAnswer` in
   * decide.ts; 0: the model's threshold; 1: the band holds it).
   */
  unsureHelpAnswer: number;
  /** Sentiment at or below this is "strongly negative": never auto-sent, and the handoff is bumped. */
  negativeSentiment: number;
  /**
   * The router's P(the turn is a complaint) at or above this is never auto-sent, whatever intent it chose: a
   * grievance asked as a question is for a person, and an answer to its question alone reads as a brush-off.
   */
  complaintLikelihood: number;
  /**
   * The same for a status answer from the sender's own order records (`ownOrderStatusAnswer`) about orders not
   * yet delivered, asked with some displeasure (negative sentiment short of the strong line): the records
   * answer the question, and a status question with an aside ("my back is not enjoying the dining chair") or a
   * wait behind it leans the classifier towards a complaint without being one; one it rates more likely a
   * complaint than not still goes to a person. Asked calmly, such a question is not held for the classifier's
   * reading at all; about a delivered order (often one that did not turn up, which the status alone does not
   * answer) the usual line holds.
   */
  ownStatusComplaintLikelihood: number;
  /**
   * Routing (handling) confidence in `order_status` at or above which a status answer from the sender's own
   * records is taken as asked although the status patterns of `@parley/wording` find no status question in the
   * words, provided they find nothing else asked either (`asksNothingElse` in own-order.ts): "has #W… been sorted
   * yet?", "checking in re: #W…". Below it, only a question those patterns read as a status question is answered
   * from the records without the answer model. 1: never.
   */
  ownStatusRouterSure: number;
  /**
   * Days each stage may take by the help centre before a wait the customer states makes the order late: an
   * answer from the records is then held for a person, who looks into it (`overdue_wait`).
   */
  waitLines: WaitLines;
  /** What customers receive while the kill switch is `disabled`. */
  staticReply: string;
  /** Store writes a customer may authorise with their own "yes" to the details read back; the rest need an agent. */
  customerConfirms: readonly string[];
  /** Above this many dollars moved (a refund, a price difference), only an agent may approve an action. */
  customerConfirmLimitUsd: number;
  /**
   * Whether the limit also holds a write that only sends a payment back to the methods that paid
   * (`ActionProposal.reversesPayment`: a cancellation, a return refunded to the paying method). Such a write moves
   * no money anywhere new, so by default (false) the customer may confirm it whatever the amount, as a store's
   * own self-service cancels an unshipped order or takes a return; refunds to another method, payment changes and
   * price differences stay within the limit.
   */
  customerConfirmLimitCoversReversals: boolean;
}

/** The committed answer model (`@parley/answer-model`, trained on the golden set's dev half) at its own threshold. */
export function answerGate(model: AnswerModel = loadAnswerModel(), threshold = model.threshold): AnswerGate {
  return { model, threshold };
}

/** The defaults; the answer model's threshold is the one it was trained with (see the README). */
export const DEFAULT_POLICY: GatePolicy = {
  groundednessFloor: 0.8,
  answer: answerGate(),
  actionConfidenceFloor: 0.7,
  catalogueConfidenceFloor: 0.5,
  outOfScopeAnswer: 0.95,
  complaintHelpAnswer: 0,
  unsureHelpAnswer: 0,
  negativeSentiment: -0.5,
  complaintLikelihood: 0.2,
  ownStatusComplaintLikelihood: 0.5,
  ownStatusRouterSure: 0.9,
  waitLines: { pending: 4, processed: 10, trackingPause: 2, refund: 9 },
  staticReply:
    "Thanks for getting in touch. We've received your message and a member of our team will reply shortly.",
  customerConfirms: [
    'cancel_pending_order',
    'modify_pending_order_address',
    'modify_pending_order_items',
    'modify_pending_order_payment',
    'return_delivered_order_items',
    'exchange_delivered_order_items',
    'modify_user_address',
  ],
  customerConfirmLimitUsd: 1000,
  customerConfirmLimitCoversReversals: false,
};

/**
 * Intents that change an order, an address or money. Never auto-sent, whatever band the router gave:
 * a fixed list here so a taxonomy edit cannot open the door by accident.
 */
export const CONSEQUENTIAL_INTENTS: readonly string[] = [
  'cancel_order',
  'modify_order',
  'change_address',
  'return_request',
  'exchange_request',
  'refund_request',
];
