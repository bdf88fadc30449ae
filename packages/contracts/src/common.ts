import { datetimeRegex, z } from 'zod';

// Limits on free text keep one hostile or runaway message from bloating every hop's payload.
export const MAX_BODY_CHARS = 20_000;
export const MAX_SUBJECT_CHARS = 500;

export const Id = z.string().min(1).max(200);
/**
 * What `z.string().datetime({ offset: true })` accepts, with its message, by one regular expression made once:
 * zod builds the datetime check's expression anew for every value it checks, and every event carries a few.
 */
const DATETIME = datetimeRegex({ precision: null, offset: true, local: false });
export const Timestamp = z.string().regex(DATETIME, 'Invalid datetime');
/** The JSON Schema of `Timestamp` (`format` says more than the expression's `pattern`). */
export const TIMESTAMP_JSON_SCHEMA = { type: 'string', format: 'date-time' } as const;
export const Turn = z.number().int().min(1).max(10_000);

/** A tenant of the deployment: lower-case letters, digits and dashes. */
export const WorkspaceId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be 1-63 lower-case letters, digits or dashes');
export type WorkspaceId = z.infer<typeof WorkspaceId>;
/** Rows and events from before workspaces existed belong to this one. */
export const DEFAULT_WORKSPACE = 'default';

export const Channel = z.enum(['api', 'email', 'chat', 'sms']);
export type Channel = z.infer<typeof Channel>;

export const Band = z.enum(['auto', 'suggest', 'escalate']);
export type Band = z.infer<typeof Band>;

export const Tier = z.enum(['local', 'commodity', 'frontier']);
export type Tier = z.infer<typeof Tier>;

export const Decision = z.enum(['auto_sent', 'suggested', 'escalated']);
export type Decision = z.infer<typeof Decision>;

export const KillSwitchMode = z.enum(['auto', 'suggest_only', 'disabled']);
export type KillSwitchMode = z.infer<typeof KillSwitchMode>;

/** Who the ticket is from, as given at the edge, plus the CRM match when there is one. */
export const Customer = z.object({
  /** CRM customer id when the edge matched one; null when the sender is unknown. */
  crmId: Id.nullable(),
  email: z.string().max(320).optional(),
  name: z.string().max(200).optional(),
  phone: z.string().max(40).optional(),
});
export type Customer = z.infer<typeof Customer>;

export const ConversationEntry = z.object({
  turn: Turn,
  role: z.enum(['customer', 'bot', 'agent']),
  body: z.string().max(MAX_BODY_CHARS),
  at: Timestamp,
});
export type ConversationEntry = z.infer<typeof ConversationEntry>;

/** A write the store's tool catalogue knows (`@parley/commerce`), with the arguments it was filled with. */
export const ActionProposal = z.object({
  /** Unique per ticket: `act_<ticketId>_<turn>`; the store's idempotency key when it runs. */
  actionId: Id,
  tool: z.string().min(1).max(100),
  input: z.record(z.string(), z.unknown()),
  /** The details read back to the customer, in plain words. */
  summary: z.string().min(1).max(2000),
  /** The store customer the action is for: the tools refuse anything of another customer's. */
  customerId: Id,
  /** Money the action moves (a refund, a price difference), when known: above the limit only an agent approves. */
  amountUsd: z.number().min(0).optional(),
  /**
   * The money goes back only to the payment methods that paid the order (a cancellation, a return refunded to
   * the method that paid): it undoes a payment rather than moving money anywhere new.
   */
  reversesPayment: z.boolean().optional(),
});
export type ActionProposal = z.infer<typeof ActionProposal>;

/** Who may authorise a proposal: the customer by confirming, or only an agent in the inbox. */
export const ConfirmBy = z.enum(['customer', 'agent']);
export type ConfirmBy = z.infer<typeof ConfirmBy>;

/** A proposal awaiting the customer's answer, carried on their next turn so the router can recognise a yes or a no. */
export const PendingAction = z.object({ proposal: ActionProposal, confirmBy: ConfirmBy });
export type PendingAction = z.infer<typeof PendingAction>;

/** The customer's message for this turn, carried by every stage so none has to read it back. */
export const TicketTurn = z.object({
  /**
   * The workspace the ticket belongs to, so stages that keep their own rows (the inbox) scope them to it.
   * Optional: added after v1; absent means the default workspace.
   */
  workspace: WorkspaceId.optional(),
  channel: Channel,
  customer: Customer,
  subject: z.string().max(MAX_SUBJECT_CHARS).optional(),
  body: z.string().min(1).max(MAX_BODY_CHARS),
  /** Earlier turns of the same conversation, oldest first (bounded). */
  history: z.array(ConversationEntry).max(50),
  receivedAt: Timestamp,
  /**
   * The action read back to the customer on an earlier turn and not yet answered. Optional: added after v1;
   * absent when nothing awaits the customer's answer.
   */
  pendingAction: PendingAction.optional(),
});
export type TicketTurn = z.infer<typeof TicketTurn>;

export const Sentiment = z.object({
  score: z.number().min(-1).max(1),
  label: z.enum(['negative', 'neutral', 'positive']),
  /** Score change across the conversation's customer turns; negative means getting worse. */
  trend: z.number().min(-2).max(2).optional(),
});
export type Sentiment = z.infer<typeof Sentiment>;

export const RuleHit = z.object({ id: z.string().min(1).max(100), reason: z.string().max(500) });
export type RuleHit = z.infer<typeof RuleHit>;

export const Routing = z.object({
  intent: z.string().min(1).max(100),
  confidence: z.number().min(0).max(1),
  /**
   * Probability that the turn belongs to an intent handled like the chosen one (same band, same tools): two
   * help-centre intents the router cannot tell apart are answered alike, so the gate may trust this mass
   * rather than the top intent alone. Optional: added after v1; absent from classifiers without a distribution.
   */
  handlingConfidence: z.number().min(0).max(1).optional(),
  /**
   * The classifier's calibrated probability that the turn is a complaint, whatever intent it chose: a question
   * asked in anger ("ordered over a week ago, still nothing. very disappointed") reads as status and as a
   * grievance at once. Optional: added after v1; absent from classifiers without a distribution.
   */
  complaintLikelihood: z.number().min(0).max(1).optional(),
  band: Band,
  tier: Tier,
  outOfScope: z.boolean(),
  sentiment: Sentiment,
  allowedTools: z.array(z.string().max(100)).max(50),
  /** Hard rules that fired; any hit means escalate with no model call. */
  rules: z.array(RuleHit).max(20),
  router: z.enum(['rules', 'local-model', 'llm']),
});
export type Routing = z.infer<typeof Routing>;

export const Passage = z.object({
  chunkId: Id,
  articleId: Id,
  title: z.string().max(500),
  section: z.string().max(500),
  text: z.string().max(MAX_BODY_CHARS),
  url: z.string().max(2000).optional(),
  score: z.number(),
  scores: z.record(z.string(), z.number()),
});
export type Passage = z.infer<typeof Passage>;

export const OrderItem = z.object({
  name: z.string(),
  productId: z.string(),
  itemId: z.string(),
  price: z.number(),
  options: z.record(z.string(), z.string()),
});

/** A refund issued for an order: how much, and to which of the customer's payment methods, in words. */
export const RefundFacts = z.object({
  amount: z.number().nonnegative(),
  /** "the gift card", "PayPal", "the Visa card ending 1234". */
  method: z.string().min(1).max(100),
});
export type RefundFacts = z.infer<typeof RefundFacts>;

export const OrderFacts = z.object({
  orderId: Id,
  status: z.string().max(50),
  items: z.array(OrderItem).max(200),
  trackingIds: z.array(z.string()).max(50),
  total: z.number(),
  /** Refunds issued for the order, oldest first; absent from producers that do not read payments. */
  refunds: z.array(RefundFacts).max(20).optional(),
});
export type OrderFacts = z.infer<typeof OrderFacts>;

/** The matched customer's own records; never another customer's. */
export const CustomerContext = z.object({
  customerId: Id,
  name: z.string().max(200),
  orders: z.array(OrderFacts).max(100),
  /** Order ids named in the ticket that this customer does not own (their content is never included). */
  unownedOrderIds: z.array(z.string().max(50)).max(50),
});
export type CustomerContext = z.infer<typeof CustomerContext>;

export const ProductVariantFacts = z.object({
  itemId: Id,
  options: z.record(z.string().max(100), z.string().max(200)),
  available: z.boolean(),
  price: z.number().nonnegative(),
});
export type ProductVariantFacts = z.infer<typeof ProductVariantFacts>;

/** A catalogue product named in the ticket (the `lookup_product` tool's answer), with its variants. */
export const ProductFacts = z.object({
  productId: Id,
  name: z.string().min(1).max(200),
  variants: z.array(ProductVariantFacts).max(50),
});
export type ProductFacts = z.infer<typeof ProductFacts>;

export const Retrieval = z.object({
  passages: z.array(Passage).max(50),
  customer: CustomerContext.nullable(),
  /**
   * Best passage confidence in 0..1 (0 when nothing matched); retrieval may lift it to the best confidence of a
   * second search, of the question sentences alone, that led with the same article (its README: corroboration).
   */
  topScore: z.number().min(0).max(1),
  index: z.enum(['embedded', 'qdrant']),
  /**
   * Catalogue products the ticket names, variants narrowed to the options it names. Optional so the change
   * is not breaking (README versioning rule): events written before it, and producers that look up no
   * products, still parse; absent means "no lookup was made".
   */
  products: z.array(ProductFacts).max(10).optional(),
  /**
   * How far the leading article's ranking score is ahead of the next article's (its whole score when no other
   * article matched, 0 when none did): a small margin means retrieval could as well have led with another
   * article. Optional so the change is not breaking: events written before it still parse.
   */
  leadMargin: z.number().min(0).optional(),
});
export type Retrieval = z.infer<typeof Retrieval>;

export const Citation = z.object({
  chunkId: Id,
  articleId: Id,
  section: z.string().max(500),
  title: z.string().max(500).optional(),
});
export type Citation = z.infer<typeof Citation>;

export const Fact = z.object({
  source: z.enum(['order', 'customer', 'article', 'tool']),
  ref: z.string().max(200),
  field: z.string().max(200),
  value: z.string().max(2000),
});
export type Fact = z.infer<typeof Fact>;

export const ToolCall = z.object({
  name: z.string().max(100),
  input: z.record(z.string(), z.unknown()),
  status: z.enum(['ok', 'error', 'proposed']),
  output: z.string().max(MAX_BODY_CHARS).optional(),
});
export type ToolCall = z.infer<typeof ToolCall>;

export const Usage = z.object({
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
  costUsd: z.number().min(0),
});
export type Usage = z.infer<typeof Usage>;

/** A help-centre answer measured against the question it answers. */
export const AnswerCoverage = z.object({
  /** Share (0..1) of the question's weighted content words found in the quoted sections, their headings and titles. */
  share: z.number().min(0).max(1),
  /** Questions the message asks. */
  asks: z.number().int().min(0).max(50),
  /** Questions of which the quoted sections hold at least half of the weighted words. */
  answered: z.number().int().min(0).max(50),
  /** Help-centre sections quoted. */
  sections: z.number().int().min(0).max(50),
  /**
   * How clearly the quoted sections matched the question better than the best section left out (0 a tie, 1 no
   * other section matched). Optional (not breaking): absent from composers that do not measure it.
   */
  margin: z.number().min(0).max(1).optional(),
  /**
   * Kinds of answer the questions' wording asks for (a duration for "how long", an amount for "how much", a
   * time for "when", a count for "how many times"), and how many of them the quotes give. Optional (not
   * breaking): absent from composers that do not measure them.
   */
  kindsAsked: z.number().int().min(0).max(10).optional(),
  kindsGiven: z.number().int().min(0).max(10).optional(),
  /**
   * How much of the questions the quotes speak of when a word put another way counts by its word-vector
   * similarity (0..1; 1: every content word of the question is in the quotes). Optional (not breaking).
   */
  similarity: z.number().min(0).max(1).optional(),
});
export type AnswerCoverage = z.infer<typeof AnswerCoverage>;

/**
 * `Draft.clarifies` of a reply that answers whether the sender's own order allows a write and offers it ("...it
 * can be cancelled. I can help you cancel your order. Would you like me to go ahead?"): it asks for their go-ahead
 * and nothing else.
 */
export const ASKS_GO_AHEAD = 'go_ahead';

/** The draft asks the customer only for their go-ahead (`ASKS_GO_AHEAD`). */
export function asksGoAheadOnly(draft: Pick<Draft, 'clarifies'>): boolean {
  return draft.clarifies?.length === 1 && draft.clarifies[0] === ASKS_GO_AHEAD;
}

export const Draft = z.object({
  body: z.string().min(1).max(MAX_BODY_CHARS),
  citations: z.array(Citation).max(50),
  facts: z.array(Fact).max(200),
  /** Share of the draft's claims backed by a cited source, 0..1. */
  groundedness: z.number().min(0).max(1),
  toolCalls: z.array(ToolCall).max(20),
  model: z.object({ provider: z.string().max(50), name: z.string().max(100), tier: Tier }),
  usage: Usage,
  /** A consequential action the draft proposes (cancel, refund...); such drafts are never auto-sent. */
  action: z.string().max(100).optional(),
  /**
   * The proposed write with its arguments filled in, for the gate to read back or hand to an agent. Optional:
   * added after v1; absent when nothing is proposed or the arguments are not all known.
   */
  proposal: ActionProposal.optional(),
  /**
   * What the draft asks the customer for so that a write can be proposed (the order, the reason, the items...):
   * a clarifying question that states nothing but the customer's own records and changes nothing. Optional: added
   * after v1; absent when the draft asks for nothing.
   */
  clarifies: z.array(z.string().min(1).max(50)).max(10).optional(),
  /**
   * How the write a read-back or question is for was asked, when not only by the routed intent: `words`, the
   * customer's message asks for it in so many words ("I'd like to return...", "Please cancel..."); `earlier`,
   * the message answers what the previous reply asked for that write (who they are, which order, the reason).
   * Optional (not breaking): absent when the write stands on the routed intent alone.
   */
  writeAsked: z.enum(['words', 'earlier']).optional(),
  /**
   * A read-back's body, or a question for what the write still needs, without the help-centre answer to a
   * question asked beside the request ("...And when do I get my money back?"): the gate sends it instead when it
   * is not sure enough of that answer, since the write is what was asked for. Optional: added after v1; absent
   * when the draft answers no such question.
   */
  readBackAlone: z.string().min(1).max(MAX_BODY_CHARS).optional(),
  /**
   * How much of the customer's question a help-centre answer covers, as the composer measured it. Absent
   * for answers built from records alone (orders, catalogue). Optional so the change is not breaking
   * (README versioning rule): events written before it still parse, and the gate checks it only when present.
   */
  coverage: AnswerCoverage.optional(),
  /**
   * True when the customer's own orders bear on the question (it names one of them, or the routed intent is
   * answered from order records) and the draft says nothing about them. Optional (not breaking): absent
   * means the composer did not check, as in events written before it.
   */
  ordersUnused: z.boolean().optional(),
});
export type Draft = z.infer<typeof Draft>;

export const ReasonCode = z.object({
  code: z.string().min(1).max(100),
  detail: z.string().max(500).optional(),
});
export type ReasonCode = z.infer<typeof ReasonCode>;
