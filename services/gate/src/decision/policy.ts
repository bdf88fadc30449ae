/** Thresholds the gate applies to the auto band; every one is configurable (see config.ts). */
export interface GatePolicy {
  /** Least share of draft sentences backed by a source for an auto-send. */
  groundednessFloor: number;
  /** Least retrieval confidence for an auto-send, unless the answer is built from order facts or an allowed lookup's facts. */
  retrievalFloor: number;
  /** Least routing confidence (the handling confidence when the router gives one) for an auto-send. */
  confidenceFloor: number;
  /**
   * Least share of the question a help-centre answer covers (`draft.coverage.share`, measured by the
   * composer) for an auto-send; drafts without a coverage measure (answers from records) are not held to it.
   */
  coverageFloor: number;
  /**
   * Least lead of retrieval's leading article over the next (`retrieval.leadMargin`) for an auto-send of an
   * answer that is not built from records: below it retrieval could as well have led with another article.
   */
  leadMarginFloor: number;
  /** Sentiment at or below this is "strongly negative": never auto-sent, and the handoff is bumped. */
  negativeSentiment: number;
  /** What customers receive while the kill switch is `disabled`. */
  staticReply: string;
  /** Store writes a customer may authorise with their own "yes" to the details read back; the rest need an agent. */
  customerConfirms: readonly string[];
  /** Above this many dollars moved (a refund, a price difference), only an agent may approve an action. */
  customerConfirmLimitUsd: number;
}

/**
 * Floors chosen with `pnpm evals golden --split dev --sweep` (see the README): no wrong auto-sent answer on
 * the dev half, one grid step of margin on the lead margin and retrieval floors, then the most deflection.
 * Retrieval confidence stays above the resolver's no-draft floor (0.15), so drafts in between go to an agent.
 */
export const DEFAULT_POLICY: GatePolicy = {
  groundednessFloor: 0.8,
  retrievalFloor: 0.25,
  confidenceFloor: 0.7,
  coverageFloor: 0.5,
  leadMarginFloor: 0.2,
  negativeSentiment: -0.5,
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
