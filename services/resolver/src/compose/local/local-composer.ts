import type {
  AnswerCoverage,
  Citation,
  CustomerContext,
  Draft,
  Fact,
  OrderFacts,
  Passage,
  Retrieval,
  Routing,
  ToolCall,
} from '@parley/contracts';
import { ASKS_GO_AHEAD } from '@parley/contracts';
import {
  acknowledgementOnly,
  asksAboutRestock,
  asksCatalogueOnly,
  asksProductItself,
  asksRulesOfAWrite,
  declinesOffer,
  focusSentences,
  IDENTITY_QUESTION,
  isStatusOfAwaited,
  isStatusOnly,
  lookupAnswered,
  ORDER_LOOKUP_LEAD,
  orderIdsIn,
  orderPickedFromList,
  questionsBesideRequest,
  readOrderQuestion,
  refundDue,
  speaksOfMoneyBack,
  thanksOnly,
} from '@parley/wording';
import { STOCK_RULE_TERMS } from '@parley/catalog';
import { analyse } from '@parley/knowledge/text';
import type { ComposeInput, ComposeResult, Composer } from '../composer.js';
import { citationOf, firstNameOf, questionOf } from '../composer.js';
import { checkGrounding } from '../grounding.js';
import {
  ASK_ORDER_NUMBER,
  ASK_WHICH_ORDER,
  YOURE_WELCOME,
  GLAD_TO_HELP,
  NOTHING_CHANGED,
  ONE_AT_A_TIME,
  cannotShare,
  CLOSING,
  CONFIRM,
  greeting,
  NO_ORDER_FOUND,
  THANKS,
} from './boilerplate.js';
import type { OrderAction } from './orders.js';
import {
  ACTION_RULES,
  displayId,
  eligible,
  isOrderAction,
  itemsRuleFor,
  itemList,
  namedOrderIds,
  ruleSentence,
  orderFacts,
  refundList,
  statusDefinitions,
  targetOrders,
  unownedNamed,
} from './orders.js';
import type { ActionPlannerDeps, TurnPlan } from './plan/turn.js';
import { planTurn } from './plan/turn.js';
import { planReply } from './plan/reply.js';
import { asksItemSwap, offeredWrite, otherWriteAsked, statusesFor, writeAskedAbout } from './plan/request.js';
import { IDENTITY_UNMATCHED, offerOf } from './plan/wording.js';
import type { Line } from './products.js';
import { answerFor, lookupCall, MAX_PRODUCTS_SHOWN, productLines } from './products.js';
import type { Quote } from './select.js';
import type { HelpAnswer, WordWeight } from './answer.js';
import type { Similarity } from './plan/words.js';
import { answerFromSections } from './answer.js';
import { corroboratedAnswer } from './corroborate.js';
import { leadingPassages, relevantQuotes, statusQuotes, wholeQuotes } from './select.js';

export interface LocalComposerOptions {
  /** Below this retrieval confidence a help-centre answer is not drafted at all. */
  retrievalFloor: number;
  /** How much a question word counts by how telling it is in general (rare words more); all alike without it. */
  wordWeight?: WordWeight;
  /** Whether a word is a real word (word vectors): question words that are not are mended to the sections' words. */
  isWord?: (word: string) => boolean;
  /** A word's rank in general English (word vectors): a misspelling of no section word is mended to a common word. */
  commonRank?: (word: string) => number | undefined;
  /**
   * The store the action planner reads the sender's records from (`src/compose/local/plan/`): with it, a request
   * for a write is answered with the write's arguments filled in for the customer to confirm, or a question for
   * what is missing; without it, with the order's eligibility alone.
   */
  actions?: ActionPlannerDeps;
}

/** Sentences in the making, each with the sources it uses. */
class DraftBuilder {
  readonly paragraphs: string[][] = [];
  readonly boilerplate: string[] = [];
  readonly facts: Fact[] = [];
  private readonly cited = new Map<string, Passage>();

  paragraph(): string[] {
    const p: string[] = [];
    this.paragraphs.push(p);
    return p;
  }
  fixed(target: string[], line: string): void {
    target.push(line);
    this.boilerplate.push(line);
  }
  quote(target: string[], text: string, passage: Passage): void {
    target.push(text);
    this.cited.set(passage.chunkId, passage);
  }
  quotes(target: string[], quotes: readonly Quote[]): void {
    for (const q of quotes) {
      target.push(q.text);
      this.cited.set(q.passage.chunkId, q.passage);
    }
  }
  fact(target: string[], sentence: string, facts: readonly Fact[]): void {
    target.push(sentence);
    this.record(facts);
  }
  record(facts: readonly Fact[]): void {
    for (const f of facts) {
      if (!this.facts.some((x) => x.ref === f.ref && x.field === f.field)) this.facts.push(f);
    }
  }
  passages(): Passage[] {
    return [...this.cited.values()];
  }
  citations(): Citation[] {
    return this.passages().map(citationOf);
  }
  body(without: ReadonlySet<number> = new Set()): string {
    return this.paragraphs
      .filter((p, i) => p.length > 0 && !without.has(i))
      .map((p) => p.join(' '))
      .join('\n\n');
  }
}

const ORDER_INTENTS = new Set(['order_status']);

/**
 * The customer's own orders bear on a question when it names one of them, or when the routed intent is
 * answered from order records (its tools look orders up): a help-centre quote alone then leaves out what the
 * customer asked about.
 */
function ordersBearOn(question: string, routing: Routing, customer: CustomerContext | null): boolean {
  const orders = customer?.orders ?? [];
  if (orders.length === 0) return false;
  const named = new Set(namedOrderIds(question));
  return orders.some((o) => named.has(displayId(o))) || routing.allowedTools.includes('lookup_order');
}

/** Each block of a quoted section (a paragraph, a whole list, a table with its header) as a paragraph of its own. */
function quoteSections(b: DraftBuilder, answer: HelpAnswer): void {
  for (const q of answer.quotes) for (const block of q.blocks) b.quote(b.paragraph(), block, q.passage);
}

/**
 * Retrieval's lead margin at which a product question asking more than the catalogue holds gets the leading
 * article's answer beside the variants.
 */
const PRODUCT_HELP_LEAD = 0.5;

/**
 * Analysed words of a message asking where an order is and nothing more ("where is my order?", "any update on
 * my parcel? it's been a few days", "has my stuff shipped yet?"); "what does pending mean on my order?" asks more.
 */
const WHERE_WORDS = new Set([
  'order',
  'packag',
  'parcel',
  'deliveri',
  'shipment',
  'ship',
  'arriv',
  'updat',
  'statu',
  'news',
  'new',
  'stuff',
  'thing',
  'item',
  'yet',
  'way',
  'come',
  'dai',
  'week',
]);

/**
 * The planner would ask a sender not yet known who they are, for a write the message names no order for and does
 * not ask for in so many words (`TurnPlan.asked`): "I changed my address in my account, does my pending order go
 * there now?", "can you just throw the charger in the same box?". The gate holds a question for details that
 * answers no request (`write_not_worded`), so the help centre's rule is the draft that answers the message.
 */
function asksRulesUnknown(planned: TurnPlan, question: string): boolean {
  const { plan } = planned;
  return (
    planned.asked === undefined &&
    plan.kind === 'ask' &&
    plan.missing === 'identity' &&
    !('unmatched' in plan && plan.unmatched) &&
    orderIdsIn(question).length === 0
  );
}

/** Details that matched no account, given this many times, and a person takes the lookup over. */
const LOOKUP_TRIES = 3;

/**
 * The order a status question is about is to be looked up, and the sender is not yet known (no match at the
 * edge, none in the conversation): the question asks only where or how their own order is, and names it or asks
 * only where it is (`asksOnlyWhere`). Whatever else it asks ("what does pending mean?") the help centre may answer.
 */
function needsLookup(question: string, input: ComposeInput): boolean {
  if (input.ticket.customer.crmId || input.retrieval.customer) return false;
  const q = readOrderQuestion(question);
  if (q.someoneElse || !(isStatusOnly(q) || isStatusOfAwaited(q))) return false;
  return q.orderIds.length > 0 || asksOnlyWhere(question);
}

/** The message asks where the sender's order is, in words that ask nothing else (`WHERE_WORDS`). */
function asksOnlyWhere(question: string): boolean {
  const q = readOrderQuestion(question);
  return isStatusOnly(q) && !q.someoneElse && analyse(question).every((t) => WHERE_WORDS.has(t));
}

/**
 * The offline default composer: every sentence is a verbatim help-centre sentence, a statement built from
 * the customer's own order facts, or fixed courtesy text. It never states anything about an order that
 * is not in the customer's context, and it proposes consequential actions without running them.
 */
export class LocalComposer implements Composer {
  readonly provider = 'local';
  readonly name = 'grounded-composer-v1';

  constructor(private readonly opts: LocalComposerOptions) {}

  async compose(input: ComposeInput): Promise<ComposeResult> {
    const { routing, retrieval, ticket } = input;
    if (routing.band === 'escalate' || routing.rules.length > 0)
      return { draft: null, noDraftReason: 'escalate band' };
    const question = questionOf(ticket);
    const b = new DraftBuilder();
    b.fixed(b.paragraph(), greeting(firstNameOf(input)));
    // "Thank you!" after a reply asks nothing: it is acknowledged, and no person need read it. Not while a
    // write read back waits for a yes or no: that is for the customer to answer.
    const replied = ticket.history.findLast((e) => e.role !== 'customer');
    if (replied && !ticket.pendingAction) {
      if (thanksOnly(ticket.body)) return { draft: this.courtesyDraft(b, YOURE_WELCOME) };
      // "ok" or "👍" closes an answer; after a question of ours it is an answer to that question.
      if (acknowledgementOnly(ticket.body) && !replied.body.includes('?'))
        return { draft: this.courtesyDraft(b, GLAD_TO_HELP) };
      // "No thanks" to the write the previous reply offered or was filling in: nothing is done, nothing more asked.
      if (declinesOffer(ticket.history, ticket.body))
        return { draft: this.courtesyDraft(b, NOTHING_CHANGED) };
    }
    const planned = this.opts.actions ? await planTurn(ticket, routing, this.opts.actions) : undefined;
    // Asked how a write works, in no words asking for it, a sender not yet known is answered by the help centre's
    // rule: who they are is for a write they ask for.
    const rulesInstead =
      planned !== undefined && isOrderAction(routing.intent) && asksRulesUnknown(planned, question);
    if (planned && !rulesInstead) return { draft: this.actionDraft(b, planned, input, question) };

    // "Where is my order #W…?" from a sender not yet known: who they are comes first (`ORDER_LOOKUP_LEAD`).
    if (ORDER_INTENTS.has(routing.intent) && needsLookup(question, input)) {
      const tries = lookupAnswered(ticket.history, ticket.body)?.asks ?? 0;
      if (tries >= LOOKUP_TRIES)
        return { draft: null, noDraftReason: `no account matched the details given ${tries} times` };
      return { draft: this.lookupDraft(b, tries > 0) };
    }
    const unowned = unownedNamed(question, retrieval.customer);
    if (unowned.length > 0) {
      const p = b.paragraph();
      for (const id of unowned) b.fixed(p, cannotShare(id));
    }

    let toolCalls: ToolCall[] = [];
    let coverage: AnswerCoverage | undefined;
    let action: string | undefined;
    let describedOrders = false;
    let clarifies: string[] | undefined;
    const products = retrieval.products ?? [];
    if (routing.intent === 'product_question' && products.length > 0) {
      const product = this.productAnswer(b, question, input);
      toolCalls = [product.call];
      coverage = product.coverage;
    } else if (ORDER_INTENTS.has(routing.intent)) {
      coverage = this.orderStatus(b, question, input, unowned);
    } else if (isOrderAction(routing.intent)) {
      const { proposed, rules, offered } = this.orderAction(b, routing.intent, question, input, {
        unowned,
        rulesInstead,
      });
      if (rules) coverage = rules;
      if (offered) clarifies = [ASKS_GO_AHEAD];
      if (proposed) {
        action = proposed.tool;
        toolCalls = [proposed.call];
      }
    } else {
      if (retrieval.passages.length === 0 || retrieval.topScore < this.opts.retrievalFloor) {
        return {
          draft: null,
          noDraftReason: `retrieval top score ${retrieval.topScore.toFixed(2)} below floor ${this.opts.retrievalFloor}`,
        };
      }
      // A question about one of their own orders ("where is the refund for #W...") is answered with that
      // order's record first, then the help centre's general answer: the record says which case applies.
      const target = ordersBearOn(question, routing, retrieval.customer)
        ? targetOrders(question, retrieval.customer, { refunds: routing.intent === 'refund_status' })
        : undefined;
      const own = target?.kind === 'orders' ? target.orders : [];
      const options = {
        ...this.answerOptions(retrieval),
        ...(own.length > 0 ? { context: own.map((o) => o.status).join(' ') } : {}),
      };
      const whole = answerFromSections(question, retrieval.passages, options);
      // The sentences the message turns on, alone, may show the same quotes cover it better (`corroboratedAnswer`).
      const focus = whole ? focusSentences(question).join(' ') : '';
      const answer =
        whole && focus
          ? corroboratedAnswer(whole, answerFromSections(focus, retrieval.passages, options))
          : whole;
      // Sections that share only words every section holds would answer something else.
      if (!answer) return { draft: null, noDraftReason: 'no help-centre section matches the question' };
      b.fixed(b.paragraph(), THANKS);
      const refunds = routing.intent === 'refund_status';
      for (const order of own) this.describeOrder(b, b.paragraph(), order, { refunds });
      describedOrders = own.length > 0;
      quoteSections(b, answer);
      coverage = answer.coverage;
      if (own.length === 0 && orderIdsIn(question).length === 0 && this.offerAfterRules(b, question, input))
        clarifies = [ASKS_GO_AHEAD];
    }
    b.fixed(b.paragraph(), CLOSING);

    const body = b.body();
    const report = checkGrounding(body, b.passages(), b.facts, b.boilerplate);
    const draft: Draft = {
      body,
      citations: b.citations(),
      facts: b.facts,
      groundedness: report.groundedness,
      toolCalls,
      model: { provider: this.provider, name: this.name, tier: 'local' },
      usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
      ...(action ? { action } : {}),
      ...(clarifies ? { clarifies } : {}),
      ...(coverage ? { coverage } : {}),
      // Answers from the help centre or the catalogue alone: do the customer's orders bear on the question?
      ...(ORDER_INTENTS.has(routing.intent) || isOrderAction(routing.intent)
        ? {}
        : { ordersUnused: !describedOrders && ordersBearOn(question, routing, retrieval.customer) }),
    };
    return { draft };
  }

  /**
   * Asks a sender not yet known who they are, so their order can be looked up; said again, after what they gave
   * matched no account, with that said first (never which detail failed).
   */
  private lookupDraft(b: DraftBuilder, again: boolean): Draft {
    const p = b.paragraph();
    if (again) b.fixed(p, IDENTITY_UNMATCHED);
    b.fixed(p, ORDER_LOOKUP_LEAD);
    b.fixed(p, IDENTITY_QUESTION);
    return { ...this.courtesyDraft(b, undefined), clarifies: ['identity'] };
  }

  /** The reply to thanks, or to a declined offer: boilerplate only, stating nothing of any order or policy. */
  private courtesyDraft(b: DraftBuilder, line: string | undefined): Draft {
    if (line !== undefined) b.fixed(b.paragraph(), line);
    b.fixed(b.paragraph(), CLOSING);
    const body = b.body();
    return {
      body,
      citations: [],
      facts: [],
      groundedness: checkGrounding(body, [], [], b.boilerplate).groundedness,
      toolCalls: [],
      model: { provider: this.provider, name: this.name, tier: 'local' },
      usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
    };
  }

  /**
   * The planner's reply: the write read back for the customer to confirm (with the proposal the gate reads back
   * and the actions service runs once they say yes), a question for what is missing, or the rule that refuses it.
   */
  private actionDraft(b: DraftBuilder, turn: TurnPlan, input: ComposeInput, question: string): Draft {
    const { paragraphs, clarifies } = planReply(turn);
    for (const lines of paragraphs) {
      if (lines.length === 0) continue;
      const p = b.paragraph();
      for (const l of lines) {
        if (l.kind === 'fixed') b.fixed(p, l.text);
        else b.fact(p, l.text, l.facts);
      }
    }
    // A refusal names the rule; the help centre's section on it says what the customer can do instead.
    if (turn.plan.kind === 'refuse') {
      const answer = answerFromSections(
        question,
        input.retrieval.passages,
        this.answerOptions(input.retrieval),
      );
      if (answer) quoteSections(b, answer);
    }
    // A question asked beside the request ("...And how long will the refund take?") is answered from the help
    // centre after the write read back, or the question for what it still needs; the gate judges that answer.
    const beside = this.besideAnswer(turn, input, question);
    const asideFrom = b.paragraphs.length;
    if (beside) quoteSections(b, beside);
    const aside = new Set(Array.from({ length: b.paragraphs.length - asideFrom }, (_, i) => asideFrom + i));
    const { plan } = turn;
    const proposed = plan.kind === 'propose' && turn.account && turn.preview ? plan : undefined;
    // A second write asked for beside this one is not forgotten: the customer is told to ask again after.
    const towardsIt = proposed || (plan.kind === 'ask' && plan.missing !== 'identity');
    if (towardsIt && otherWriteAsked(input.ticket.body, turn.requested))
      b.fixed(b.paragraph(), ONE_AT_A_TIME);
    if (proposed) b.fixed(b.paragraph(), CONFIRM);
    b.fixed(b.paragraph(), CLOSING);
    const body = b.body();
    const report = checkGrounding(body, b.passages(), b.facts, b.boilerplate);
    return {
      body,
      citations: b.citations(),
      facts: b.facts,
      groundedness: report.groundedness,
      toolCalls: proposed ? [{ name: proposed.tool, input: proposed.input, status: 'proposed' }] : [],
      model: { provider: this.provider, name: this.name, tier: 'local' },
      usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
      ...(proposed
        ? {
            action: proposed.tool,
            proposal: {
              actionId: `act_${input.ticketId ?? 'local'}_${input.turn ?? 1}`,
              tool: proposed.tool,
              input: proposed.input,
              customerId: turn.account!.customer.id,
              ...turn.preview!,
            },
          }
        : {}),
      ...(clarifies.length > 0 ? { clarifies } : {}),
      ...(turn.asked && (proposed || clarifies.length > 0) ? { writeAsked: turn.asked } : {}),
      ...(beside ? { coverage: beside.coverage } : {}),
      // The read-back, or the question for what the write still needs, alone, for the gate to send when it is not
      // sure enough of the answer beside it (the message saying it is done tells when the refund comes): only a
      // cancellation's, since a return or an exchange often comes with what went wrong with the item ("it smells of
      // burning plastic"), which a person should read when the answer is in doubt.
      ...(beside && cancelStep(proposed, plan) ? { readBackAlone: b.body(aside) } : {}),
    };
  }

  /**
   * The help centre's answer to the questions a request in so many words carries beside it
   * (`questionsBesideRequest`), for a write read back or a question for its details; a refusal already quotes
   * the rule for the whole message.
   */
  private besideAnswer(turn: TurnPlan, input: ComposeInput, question: string): HelpAnswer | undefined {
    if (turn.asked !== 'words' || turn.plan.kind === 'refuse') return undefined;
    const questions = questionsBesideRequest(question);
    if (!questions) return undefined;
    const { passages } = input.retrieval;
    return (
      answerFromSections(questions.join(' '), passages, this.answerOptions(input.retrieval)) ?? undefined
    );
  }

  /**
   * The catalogue's facts: the variants with the options named, their stock and exact price. A question asking
   * more than the catalogue holds ("why does the XL cost more than the M?", "which would you recommend?") gets
   * the help centre's answer to it first, with its coverage for the gate to judge; the variants follow.
   */
  private productAnswer(
    b: DraftBuilder,
    question: string,
    input: ComposeInput,
  ): { call: ToolCall; coverage?: AnswerCoverage } {
    const { retrieval } = input;
    const shown = (retrieval.products ?? []).slice(0, MAX_PRODUCTS_SHOWN);
    const answers = shown.map((p) => answerFor(question, p, shown.length === 1));
    b.fixed(b.paragraph(), THANKS);
    const restock = asksAboutRestock(question);
    // Only where retrieval is sure which article answers it: a product's name draws articles that merely name
    // such products ("bicycles ship in their own box"), and the variants alone are then the better draft.
    // Nor when it asks about the product itself ("what brand is the espresso machine?"): the help centre describes
    // no product, and a section naming it is no answer.
    const beyond =
      asksCatalogueOnly(question) ||
      restock ||
      asksProductItself(question) ||
      (retrieval.leadMargin ?? 0) < PRODUCT_HELP_LEAD
        ? undefined
        : answerFromSections(question, retrieval.passages, this.answerOptions(retrieval));
    if (beyond) quoteSections(b, beyond);
    for (const answer of answers) {
      const lines: Line[] = productLines(answer);
      const p = b.paragraph();
      p.push(lines.map((l) => l.text).join('\n'));
      for (const l of lines) {
        if (l.kind === 'fixed') b.boilerplate.push(l.text);
        else b.record(l.facts);
      }
    }
    const rule = relevantQuotes(STOCK_RULE_TERMS, retrieval.passages, {
      max: 2,
      minOverlap: 3,
      fallback: false,
    });
    // Asked about stock to come ("when is it back?", "can I pre-order it?"), the catalogue says only that it is
    // out of stock: the store's rule on stock answers the question, quoted whole (no backorders, no restock dates).
    const whole = restock ? rule[0]?.passage : undefined;
    if (!beyond) b.quotes(b.paragraph(), whole ? wholeQuotes(whole) : rule);
    return { call: lookupCall(answers), ...(beyond ? { coverage: beyond.coverage } : {}) };
  }

  /**
   * The status of the orders asked about, from their records; with no order to go on, the order number is
   * asked for and the help centre's answer to the question is quoted as for any help-centre question ("where do
   * I find my tracking number", "how far apart can boxes arrive?"), with its coverage for the gate to judge.
   */
  private orderStatus(
    b: DraftBuilder,
    question: string,
    input: ComposeInput,
    unowned: string[],
  ): AnswerCoverage | undefined {
    const { retrieval } = input;
    // "2" or "the cancelled one" to the list the previous reply asked about: that order, if it is theirs.
    const picked = orderPickedFromList(input.ticket.history, input.ticket.body);
    const target = targetOrders(question, retrieval.customer, { status: true, picked });
    if (target.kind === 'orders') {
      // "Where's my money?" beside the status of an order a refund is due on: what was refunded, from its record.
      const money = speaksOfMoneyBack(question);
      for (const order of target.orders) {
        const p = b.paragraph();
        this.describeOrder(b, p, order, { refunds: money && refundDue(order) });
        b.quotes(p, statusQuotes(order.status, statusDefinitions(retrieval.passages)));
      }
      return undefined;
    }
    this.askForOrder(b, target, question, unowned);
    // A message that asks only where its order is ("where is my order?") is answered by the order once we know
    // which: a section quoted beside the question would answer something it did not ask (matched on "order"
    // alone, the cancellation rules).
    if (asksOnlyWhere(question)) return undefined;
    const answer = answerFromSections(question, retrieval.passages, this.answerOptions(retrieval));
    if (answer) {
      quoteSections(b, answer);
      return answer.coverage;
    }
    const p = b.paragraph();
    b.quotes(p, relevantQuotes(question, leadingPassages(retrieval.passages), { max: 2, fallback: false }));
    return undefined;
  }

  private orderAction(
    b: DraftBuilder,
    action: OrderAction,
    question: string,
    input: ComposeInput,
    { unowned, rulesInstead }: { unowned: string[]; rulesInstead: boolean },
  ): { proposed?: { tool: string; call: ToolCall }; rules?: AnswerCoverage; offered?: true } {
    const { retrieval } = input;
    const target = targetOrders(question, retrieval.customer);
    const policy = leadingPassages(retrieval.passages);
    if (target.kind !== 'orders') {
      // Without an order to act on, the message is often a question about the rule itself ("do I need to give
      // a reason to cancel?"): the section that answers it, as for any help-centre question. Asked as such, no
      // order is asked for and the answer carries its coverage, so the gate can judge it as one.
      const rulesOnly = (rulesInstead || asksRulesOfAWrite(question)) && orderIdsIn(question).length === 0;
      if (!rulesOnly) this.askForOrder(b, target, question, unowned);
      const answer = answerFromSections(question, retrieval.passages, this.answerOptions(retrieval));
      if (answer) quoteSections(b, answer);
      else b.quotes(b.paragraph(), relevantQuotes(question, policy, { max: 3, fallback: false }));
      if (!rulesOnly || !answer) return {};
      return {
        rules: answer.coverage,
        ...(this.offerAfterRules(b, question, input) ? { offered: true } : {}),
      };
    }
    const order = target.orders[0]!;
    const p = b.paragraph();
    // A question about the rules for the order is answered with its status as any status is, tracking included.
    this.describeOrder(b, p, order, { tracking: this.opts.actions !== undefined });
    const ruled = itemsRuleFor(action, order, asksItemSwap(question));
    const rule = ACTION_RULES[ruled];
    const ok = eligible(ruled, order);
    const status = order.status;
    b.fact(
      p,
      ruleSentence(ruled, order),
      orderFacts(order).filter((f) => f.field === 'status'),
    );
    b.quotes(b.paragraph(), relevantQuotes(question, policy, { max: 3 }));
    if (!ok) return {};
    // With the action planner on, this path answers a question about the rules ("can I still change the
    // address on #W…?"): whether the order allows it is the answer, and the write is offered, not proposed. The
    // customer's "yes please" (or the new address) carries on as a request for it; nothing changes before a
    // read-back of it is confirmed.
    if (this.opts.actions) {
      const write = offeredWrite(action, question, status);
      if (write === undefined || target.orders.length !== 1) return {};
      b.fixed(b.paragraph(), offerOf(write));
      return { offered: true };
    }
    b.fixed(b.paragraph(), CONFIRM);
    return {
      proposed: {
        tool: rule.tool,
        call: { name: rule.tool, input: { orderId: displayId(order) }, status: 'proposed' },
      },
    };
  }

  /**
   * After a help-centre answer to how or whether a write is done ("how do I cancel my order?"), the write offered
   * to a sender we know who has an order it is possible for: their yes carries on as the request, and the planner
   * asks which order and whatever else it needs.
   */
  private offerAfterRules(b: DraftBuilder, question: string, input: ComposeInput): boolean {
    const orders = input.retrieval.customer?.orders ?? [];
    if (!this.opts.actions || orders.length === 0 || !asksRulesOfAWrite(question)) return false;
    const write = writeAskedAbout(question);
    if (!write || !orders.some((o) => statusesFor(write).includes(o.status))) return false;
    b.fixed(b.paragraph(), offerOf(write));
    return true;
  }

  private answerOptions(retrieval: Retrieval): {
    wordWeight?: WordWeight;
    similar?: Similarity;
    isWord?: (word: string) => boolean;
    commonRank?: (word: string) => number | undefined;
    leadMargin?: number;
  } {
    return {
      ...(retrieval.leadMargin !== undefined ? { leadMargin: retrieval.leadMargin } : {}),
      ...(this.opts.wordWeight ? { wordWeight: this.opts.wordWeight } : {}),
      ...(this.opts.isWord ? { isWord: this.opts.isWord } : {}),
      ...(this.opts.commonRank ? { commonRank: this.opts.commonRank } : {}),
      ...(this.opts.actions?.similar ? { similar: this.opts.actions.similar } : {}),
    };
  }

  private describeOrder(
    b: DraftBuilder,
    p: string[],
    order: OrderFacts,
    opts: { tracking?: boolean; refunds?: boolean } = {},
  ): void {
    const facts = orderFacts(order);
    const pick = (field: string) => facts.filter((f) => f.field === field || f.field === 'orderId');
    b.fact(p, `Your order ${displayId(order)} is currently ${order.status}.`, pick('status'));
    if (order.items.length > 0) b.fact(p, `It contains ${itemList(order)}.`, pick('items'));
    if ((opts.tracking ?? true) && order.trackingIds.length > 0) {
      const label = order.trackingIds.length > 1 ? 'Tracking numbers' : 'Tracking number';
      b.fact(p, `${label}: ${order.trackingIds.join(', ')}.`, pick('trackingIds'));
    }
    // Asked about a refund: what the records say was refunded, and where to; or that nothing was yet.
    if (opts.refunds) {
      const refunded = refundList(order);
      b.fact(
        p,
        refunded ? `A refund of ${refunded} was issued.` : 'There is no refund issued for it yet.',
        pick('refunds'),
      );
    }
  }

  private askForOrder(
    b: DraftBuilder,
    target: ReturnType<typeof targetOrders>,
    question: string,
    unowned: readonly string[],
  ): void {
    const p = b.paragraph();
    if (target.kind === 'ask') {
      const facts = target.choices.flatMap((o) =>
        orderFacts(o).filter((f) => f.field === 'status' || f.field === 'orderId'),
      );
      const list = target.choices.map((o) => `${displayId(o)} (${o.status})`).join(', ');
      b.fact(p, `I can see these orders on your account: ${list}.`, facts);
      b.fixed(p, ASK_WHICH_ORDER);
      return;
    }
    // A named order that is neither theirs nor flagged as someone else's: say only that it was not found.
    const unexplained = namedOrderIds(question).filter((id) => !unowned.includes(id));
    if (unexplained.length > 0) b.fixed(p, NO_ORDER_FOUND);
    if (unowned.length === 0) b.fixed(p, ASK_ORDER_NUMBER);
  }
}

/**
 * The reply reads a cancellation back (`proposed`), or asks what one still needs (the reason, which order), not
 * who is asking.
 */
function cancelStep(proposed: { write: string } | undefined, plan: TurnPlan['plan']): boolean {
  if (proposed) return proposed.write === 'cancel';
  return plan.kind === 'ask' && plan.missing !== 'identity' && 'write' in plan && plan.write === 'cancel';
}
