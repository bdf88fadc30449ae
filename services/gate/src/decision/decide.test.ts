import { describe, expect, it } from '@jest/globals';
import type { AnswerCoverage, Draft, OrderFacts, Retrieval, Routing } from '@parley/contracts';
import { ASKS_GO_AHEAD } from '@parley/contracts';
import { handModel } from '@parley/answer-model/testing';
import type { DecisionInput } from './decide.js';
import { autoSendBlockers, decide, priorityFor } from './decide.js';
import type { GatePolicy } from './policy.js';
import { answerGate, DEFAULT_POLICY } from './policy.js';

// A model written by hand, so these expectations hold whatever the committed model learns: a help-centre
// answer needs coverage, a lead and a confident router; an answer from records mostly a confident router,
// an own-order status answer hardly anything.
const MODEL = handModel(
  {
    helpTopScore: 2,
    helpLeadMargin: 6,
    helpCoverage: 4,
    helpAnswered: 2,
    fromRecords: 10,
    ownOrderStatus: 4,
    confidence: 3,
  },
  -3.1,
  0.9,
  { helpLeadMargin: 0.3, helpCoverage: 0.6, confidence: 0.9 },
);
const policy: GatePolicy = { ...DEFAULT_POLICY, answer: answerGate(MODEL) };

function routing(over: Partial<Routing> = {}): Routing {
  return {
    intent: 'shipping_info',
    confidence: 0.92,
    band: 'auto',
    tier: 'local',
    outOfScope: false,
    sentiment: { score: 0.1, label: 'neutral' },
    allowedTools: [],
    rules: [],
    router: 'local-model',
    ...over,
  };
}

const covered = (over: Partial<AnswerCoverage> = {}): AnswerCoverage => ({
  share: 0.9,
  asks: 1,
  answered: 1,
  sections: 1,
  ...over,
});

function draft(over: Partial<Draft> = {}): Draft {
  return {
    body: 'Hi Ana,\n\nStandard shipping takes 3-5 business days.\n\nBest regards,\nThe support team',
    citations: [{ chunkId: 'c1', articleId: 'shipping-methods', section: 'Delivery times' }],
    facts: [],
    groundedness: 1,
    toolCalls: [],
    model: { provider: 'local', name: 'grounded-composer-v1', tier: 'local' },
    usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
    coverage: covered(),
    ...over,
  };
}

const retrieval = (topScore = 0.8, leadMargin = 0.4): Retrieval => ({
  passages: [],
  customer: null,
  topScore,
  index: 'embedded',
  leadMargin,
});

/** A sender whose message names an order of another customer's. */
const someoneElses = {
  customerId: 'emma_1',
  name: 'Emma Kovacs',
  orders: [],
  unownedOrderIds: ['#W8808563'],
};

function input(over: Partial<DecisionInput> = {}): DecisionInput {
  return {
    source: 'resolved',
    routing: routing(),
    retrieval: retrieval(),
    draft: draft(),
    owner: 'bot',
    ...over,
  };
}

const codes = (reasons: Array<{ code: string }>) => reasons.map((r) => r.code);

describe('decide: the auto band', () => {
  it('holds any answer to a request that the store look into something itself ("can you trace it?")', () => {
    const trace = "stuck on 'in transit' for 9 days, no location, no updates. can you trace it?";
    const out = decide(input({ question: trace }), policy, 'auto');
    expect(out.decision).toBe('suggested');
    expect(codes(out.reasons)).toContain('asks_investigation');
    // A question about such work is answered as any question is.
    const howLong = decide(
      input({ question: 'how long does a lost package investigation take' }),
      policy,
      'auto',
    );
    expect(codes(howLong.reasons)).not.toContain('asks_investigation');
  });

  it('holds a help-centre quote answering a follow-up of a few words that asks nothing ("blue")', () => {
    const followUp = (question: string, over: Partial<DecisionInput> = {}) =>
      decide(input({ question, followUp: true, ...over }), policy, 'auto');
    expect(followUp('blue')).toMatchObject({ decision: 'suggested', reasons: [{ code: 'asks_nothing' }] });
    expect(codes(followUp('the large one please').reasons)).toContain('asks_nothing');
    // A question, however short, is answered; so is a first message, and an answer from the records.
    expect(followUp('and expedited?').decision).toBe('auto_sent');
    expect(followUp('how long for expedited').decision).toBe('auto_sent');
    expect(decide(input({ question: 'shipping times' }), policy, 'auto').decision).toBe('auto_sent');
    const status = draft({
      citations: [],
      coverage: undefined,
      facts: [{ source: 'order', field: 'status', value: 'pending', ref: '#W1234567' }],
    });
    expect(codes(followUp('blue', { draft: status }).reasons)).not.toContain('asks_nothing');
  });

  it('holds a help-centre quote answering small talk, first message or not', () => {
    const said = (question: string) => decide(input({ question }), policy, 'auto');
    expect(said("hey how's your day going? 😊")).toMatchObject({
      decision: 'suggested',
      reasons: [{ code: 'asks_nothing' }],
    });
    expect(codes(said('hello, anyone there?').reasons)).toContain('asks_nothing');
    // A greeting before a question is no small talk.
    expect(said('hi, how are you? how long does shipping take?').decision).toBe('auto_sent');
  });

  it("holds a help-centre answer to a detail of a named order that the order's record does not hold", () => {
    const ask = (question: string) => decide(input({ question }), policy, 'auto');
    expect(ask('how much was the shipping on #W1234567?')).toMatchObject({
      decision: 'suggested',
      reasons: [{ code: 'asks_own_record' }],
    });
    expect(codes(ask('Is sales tax included in what I paid for #W7654321?').reasons)).toContain(
      'asks_own_record',
    );
    // Without an order named, the help centre's rule is the answer; so it is to a charge seen twice.
    expect(ask('how much is shipping on a $30 order?').decision).toBe('auto_sent');
    expect(ask('i see a pending charge for #W3263208 and a second one, will one disappear?').decision).toBe(
      'auto_sent',
    );
    expect(ask('is tax included in the prices on your site?').decision).toBe('auto_sent');
  });

  it("holds a help-centre answer to a question for a fact only the sender's records hold", () => {
    const ask = (question: string, over: Partial<DecisionInput> = {}) =>
      decide(input({ question, ...over }), policy, 'auto');
    expect(codes(ask('what is my default shipping address?').reasons)).toContain('asks_own_record');
    expect(codes(ask('which cards do I have saved?').reasons)).toContain('asks_own_record');
    // How to change it, or the store's own rules, the help centre answers.
    expect(ask('how do I change my default shipping address?').decision).toBe('auto_sent');
    // A draft stating the customer's records answers it.
    const records = draft({
      facts: [{ source: 'customer', ref: 'liam_1', field: 'address', value: '1 Main St' }],
    });
    expect(codes(ask('what is my default shipping address?', { draft: records }).reasons)).not.toContain(
      'asks_own_record',
    );
  });

  it('auto-sends a grounded, confident draft with its citations', () => {
    const out = decide(input(), policy, 'auto');
    expect(out.decision).toBe('auto_sent');
    expect(out.reply).toEqual({ source: 'auto', body: draft().body, citations: draft().citations });
    expect(out.handoff).toBeUndefined();
  });

  it.each([
    ['consequential_action', input({ draft: draft({ action: 'cancel_order' }) })],
    ['consequential_intent', input({ routing: routing({ intent: 'return_request' }) })],
    ['consequential_intent', input({ routing: routing({ intent: 'change_address' }) })],
    ['low_groundedness', input({ draft: draft({ groundedness: 0.6 }) })],
    ['negative_sentiment', input({ routing: routing({ sentiment: { score: -0.8, label: 'negative' } }) })],
    ['may_be_complaint', input({ routing: routing({ complaintLikelihood: 0.2 }) })],
    ['out_of_scope', input({ routing: routing({ outOfScope: true }) })],
    ['orders_unused', input({ draft: draft({ ordersUnused: true }) })],
    ['asks_own_record', input({ question: 'what is my default shipping address?' })],
    ['account_misuse', input({ question: 'there are orders on my account I never made' })],
    ['unowned_order', input({ retrieval: { ...retrieval(0.9, 0.5), customer: someoneElses } })],
    ['low_answer_probability', input({ draft: draft({ coverage: covered({ share: 0.3 }) }) })],
    ['low_answer_probability', input({ retrieval: retrieval(0.8, 0.05) })],
    ['low_answer_probability', input({ routing: routing({ confidence: 0.5 }) })],
  ])('suggests instead when %s', (code, given) => {
    const out = decide(given, policy, 'auto');
    expect(out.decision).toBe('suggested');
    expect(codes(out.reasons)).toContain(code);
    expect(out.reply).toBeUndefined();
    expect(out.handoff).toMatchObject({ kind: 'suggest' });
  });

  it('sends an answer the router thinks unlikely to be a complaint, and names the likelihood when it holds one', () => {
    expect(decide(input({ routing: routing({ complaintLikelihood: 0.19 }) }), policy, 'auto').decision).toBe(
      'auto_sent',
    );
    const held = decide(input({ routing: routing({ complaintLikelihood: 0.62 }) }), policy, 'auto');
    expect(held.reasons).toContainEqual({ code: 'may_be_complaint', detail: '0.62 >= 0.2' });
  });

  it('says how likely the answer was right, and which signals lowered it', () => {
    const sent = decide(input(), policy, 'auto');
    expect(sent.reasons).toEqual([
      { code: 'checks_passed' },
      { code: 'answer_probability', detail: '0.914 >= 0.9' },
    ]);
    expect(sent.answer).toMatchObject({ model: MODEL.id, probability: 0.914, threshold: 0.9 });
    expect(sent.answer!.signals).toMatchObject({ helpCoverage: 0.9, helpLeadMargin: 0.4, fromRecords: 0 });
    const held = decide(
      input({
        draft: draft({ coverage: covered({ share: 0.2, answered: 0 }) }),
        retrieval: retrieval(0.8, 0.05),
      }),
      policy,
      'auto',
    );
    expect(held.reasons).toEqual([
      { code: 'low_answer_probability', detail: '0.011 < 0.9 (coverage 0.2, lead margin 0.05)' },
    ]);
    expect(held.handoff?.reasons).toEqual(held.reasons);
  });

  it('judges a draft the policy holds back too, for the timeline, and keeps the policy reasons', () => {
    const out = decide(input({ draft: draft({ ordersUnused: true }) }), policy, 'auto');
    expect(out.reasons).toEqual([{ code: 'orders_unused' }]);
    expect(out.answer?.probability).toBeGreaterThan(0.9);
  });

  it('judges answers from records by the router and the records, not by the help-centre match', () => {
    const fromOrder = draft({
      facts: [{ source: 'order', ref: '#W1', field: 'status', value: 'processed' }],
      coverage: undefined,
    });
    const out = decide(input({ retrieval: retrieval(0.1, 0), draft: fromOrder }), policy, 'auto');
    expect(out.decision).toBe('auto_sent');
    expect(out.answer!.signals).toMatchObject({
      fromRecords: 1,
      helpTopScore: 0,
      helpLeadMargin: 0,
      helpCoverage: 0,
    });
  });

  it('judges an order record put before a help-centre quote by the quote', () => {
    // The record says which case applies; whether the quoted section answers is still the help-centre match's.
    const mixed = draft({ facts: [{ source: 'order', ref: '#W1', field: 'status', value: 'cancelled' }] });
    const weak = decide(input({ retrieval: retrieval(0.1, 0), draft: mixed }), policy, 'auto');
    expect(weak.decision).toBe('suggested');
    expect(weak.answer!.signals).toMatchObject({ fromRecords: 0, helpTopScore: 0.1, helpLeadMargin: 0 });
    const strong = decide(input({ draft: mixed }), policy, 'auto');
    expect(strong.answer!.signals).toMatchObject({ fromRecords: 0, helpCoverage: 0.9 });
  });

  it("sends at the threshold the policy gives, not the model file's", () => {
    const lower = { ...policy, answer: answerGate(MODEL, 0.5) };
    const modest = input({ retrieval: retrieval(0.8, 0.1) });
    expect(decide(modest, policy, 'auto').decision).toBe('suggested');
    expect(decide(modest, lower, 'auto').decision).toBe('auto_sent');
    const never = { ...policy, answer: answerGate(MODEL, 1) };
    expect(decide(input({ retrieval: retrieval(1, 1) }), never, 'auto').decision).toBe('suggested');
  });

  describe('a product answer built from catalogue facts', () => {
    const productRouting = routing({ intent: 'product_question', allowedTools: ['lookup_product'] });
    const fromCatalogue = (over: Partial<Draft> = {}) =>
      draft({
        facts: [
          { source: 'tool', ref: '4794339885', field: 'name', value: 'Office Chair' },
          { source: 'tool', ref: '4794339885', field: 'variants.4648362606.price', value: '$503.76' },
        ],
        toolCalls: [{ name: 'lookup_product', input: { query: 'Office Chair' }, status: 'ok' }],
        coverage: undefined,
        ...over,
      });
    const product = (over: Partial<DecisionInput> = {}) =>
      input({ routing: productRouting, retrieval: retrieval(0.2, 0), draft: fromCatalogue(), ...over });

    it('auto-sends despite a weak help-centre match when the model is sure enough', () => {
      const out = decide(product(), policy, 'auto');
      expect(out.decision).toBe('auto_sent');
      expect(out.answer!.signals.fromRecords).toBe(1);
    });

    it('counts as records only with a lookup the router allowed and that succeeded', () => {
      const notAllowed = product({ routing: routing({ intent: 'product_question', allowedTools: [] }) });
      const failed = product({
        draft: fromCatalogue({
          toolCalls: [{ name: 'lookup_product', input: { query: 'Office Chair' }, status: 'error' }],
        }),
      });
      for (const given of [notAllowed, failed]) {
        const out = decide(given, policy, 'auto');
        expect(out.decision).toBe('suggested');
        expect(codes(out.reasons)).toEqual(['low_answer_probability']);
        expect(out.answer!.signals.fromRecords).toBe(0);
      }
    });

    it('is sent on the records when the question asks only what the catalogue holds', () => {
      // A model that sends nothing on its own word: the records decide.
      const never = { ...policy, answer: answerGate(MODEL, 1) };
      const sizes = 'What sizes does the office chair come in?';
      const out = decide(product({ question: sizes }), never, 'auto');
      expect(out).toMatchObject({ decision: 'auto_sent' });
      expect(codes(out.reasons)).toEqual(['checks_passed', 'catalogue_answer']);
      // Asked what the catalogue does not hold, unsure of the intent, without the stock rule, or not a lookup.
      const why = 'Why does the office chair cost more in black?';
      const unsure = { ...productRouting, confidence: 0.4 };
      // Leaning to a product question is enough: the words were read for the rest.
      const leaning = { ...productRouting, confidence: 0.55 };
      expect(decide(product({ question: sizes, routing: leaning }), never, 'auto').decision).toBe(
        'auto_sent',
      );
      const strict = { ...never, catalogueConfidenceFloor: 0.6 };
      expect(decide(product({ question: sizes, routing: leaning }), strict, 'auto').decision).toBe(
        'suggested',
      );
      for (const given of [
        product({ question: why }),
        product({ question: sizes, routing: unsure }),
        product({ question: sizes, draft: fromCatalogue({ citations: [] }) }),
        product({ question: sizes, routing: routing({ intent: 'product_question', allowedTools: [] }) }),
      ])
        expect(decide(given, never, 'auto').decision).toBe('suggested');
    });

    it('is sent on the records when the question asks only whether stock will come back', () => {
      const never = { ...policy, answer: answerGate(MODEL, 1) };
      const back = 'When will the red leather office chair be back in stock?';
      const out = decide(product({ question: back }), never, 'auto');
      expect(out).toMatchObject({ decision: 'auto_sent' });
      expect(codes(out.reasons)).toEqual(['checks_passed', 'catalogue_answer']);
      const more = 'When will the office chair be back in stock? Why is it always sold out?';
      expect(decide(product({ question: more }), never, 'auto').decision).toBe('suggested');
    });

    it('is held to the groundedness floor and the model like any answer', () => {
      const weak = decide(product({ draft: fromCatalogue({ groundedness: 0.6 }) }), policy, 'auto');
      const unsure = decide(product({ routing: { ...productRouting, confidence: 0.4 } }), policy, 'auto');
      expect(codes(weak.reasons)).toEqual(['low_groundedness']);
      expect(codes(unsure.reasons)).toEqual(['low_answer_probability']);
    });
  });

  it('reads the handling confidence when the router gives one', () => {
    // Unsure between two intents answered alike: the mass of both counts.
    const alike = routing({ confidence: 0.5, handlingConfidence: 0.95 });
    expect(decide(input({ routing: alike }), policy, 'auto').decision).toBe('auto_sent');
    const low = decide(
      input({ routing: routing({ confidence: 0.95, handlingConfidence: 0.1 }) }),
      policy,
      'auto',
    );
    expect(low.answer!.signals.confidence).toBe(0.1);
  });

  it('never auto-sends a consequential action, whatever the band says', () => {
    for (const intent of ['cancel_order', 'modify_order', 'exchange_request', 'refund_request']) {
      expect(decide(input({ routing: routing({ intent }) }), policy, 'auto').decision).toBe('suggested');
    }
    expect(decide(input({ draft: draft({ action: 'refund' }) }), policy, 'auto').decision).toBe('suggested');
  });

  it('lists every policy blocker at once, with details', () => {
    const blockers = autoSendBlockers(
      input({
        draft: draft({ groundedness: 0.5, ordersUnused: true }),
        routing: routing({ outOfScope: true, sentiment: { score: -0.7, label: 'negative' } }),
      }),
      policy,
    );
    expect(blockers).toEqual([
      { code: 'out_of_scope' },
      { code: 'low_groundedness', detail: '0.5 < 0.8' },
      { code: 'orders_unused' },
      { code: 'negative_sentiment', detail: '-0.7' },
    ]);
  });

  it('uses the floors from the policy it is given', () => {
    const strict = { ...policy, groundednessFloor: 0.99 };
    expect(decide(input({ draft: draft({ groundedness: 0.95 }) }), strict, 'auto').decision).toBe(
      'suggested',
    );
    expect(decide(input({ draft: draft({ groundedness: 0.95 }) }), policy, 'auto').decision).toBe(
      'auto_sent',
    );
  });
});

describe('decide: the status of an order the sender owns', () => {
  const processed: OrderFacts = {
    orderId: '#W3113816',
    status: 'processed',
    items: [],
    trackingIds: ['123456789012'],
    total: 10,
  };
  const pending: OrderFacts = { ...processed, orderId: '#W7654321', status: 'pending', trackingIds: [] };
  const ownerOf = (orders: OrderFacts[], unowned: string[] = []): Retrieval => ({
    ...retrieval(0.1),
    customer: { customerId: 'emma_1', name: 'Emma Kovacs', orders, unownedOrderIds: unowned },
  });
  const statusOf = (...orders: OrderFacts[]) =>
    draft({
      body: 'Hi Emma,\n\nYour order #W3113816 is currently processed. Tracking number: 123456789012.',
      citations: [],
      facts: orders.flatMap((o) => [
        { source: 'order' as const, ref: o.orderId, field: 'orderId', value: o.orderId },
        { source: 'order' as const, ref: o.orderId, field: 'status', value: o.status },
      ]),
    });
  // The router routed it on its wording, and the classifier was far from sure.
  const unsure = routing({ intent: 'order_status', confidence: 0.2, handlingConfidence: 0.2 });
  const emma = "Hi, can you tell me what's happening with my order #W3113816? Thanks, Emma";
  const asked = (over: Partial<DecisionInput> = {}) =>
    input({
      routing: unsure,
      retrieval: ownerOf([processed, pending]),
      draft: statusOf(processed),
      question: emma,
      ...over,
    });

  it('auto-sends the list of the sender\'s own orders asking which one "where is my order?" is about', () => {
    const more = ['#W1000001', '#W1000002', '#W1000003', '#W1000004'].map((orderId) => ({
      ...pending,
      orderId,
    }));
    // Six orders: the first five are listed.
    const mine = ownerOf([processed, pending, ...more]);
    const list = statusOf(processed, pending, ...more.slice(0, 3));
    const where = (over: Partial<DecisionInput> = {}) =>
      asked({ question: 'hey where is my order?', retrieval: mine, draft: list, ...over });
    const out = decide(where(), policy, 'auto');
    expect(out.decision).toBe('auto_sent');
    expect(codes(out.reasons)).toEqual(['checks_passed', 'asks_which_order']);
    // Not when the draft quotes the help centre, lists an order that is not theirs or lists only one.
    const quoting = { ...list, citations: draft().citations };
    expect(decide(where({ draft: quoting }), policy, 'auto').decision).toBe('suggested');
    const stranger = statusOf(processed, { ...pending, orderId: '#W9999999' });
    expect(decide(where({ draft: stranger }), policy, 'auto').decision).toBe('suggested');
    expect(decide(where({ draft: statusOf(processed) }), policy, 'auto').decision).toBe('suggested');
    expect(decide(where({ draft: statusOf(processed, pending) }), policy, 'auto').decision).toBe('suggested');
    // Nor with a sentence beside them that nothing grounds.
    expect(decide(where({ draft: { ...list, groundedness: 0.9 } }), policy, 'auto').decision).toBe(
      'suggested',
    );
    // Not when the message asks for more than where the order is, or about someone else's order.
    const cancel = where({ question: 'where is my order? please cancel it' });
    expect(decide(cancel, policy, 'auto').decision).toBe('suggested');
    const wife = where({ question: "where is my wife's order?" });
    expect(decide(wife, policy, 'auto').decision).toBe('suggested');
    // The policy checks still hold: displeasure in so many words goes to a person.
    const cross = where({ question: 'WHERE IS MY ORDER??? this is ridiculous' });
    expect(codes(decide(cross, policy, 'auto').reasons)).toContain('displeasure_voiced');
  });

  it('auto-sends the question who a sender not yet known is, to look up the order "where is my order?" is about', () => {
    const lookup = draft({
      body: 'Hi there,\n\nI can look up your order for you. Please reply with the email address of your account.',
      citations: [],
      coverage: undefined,
      clarifies: ['identity'],
    });
    const where = (over: Partial<DecisionInput> = {}) =>
      asked({ question: 'has my order shipped yet?', retrieval: retrieval(0.1), draft: lookup, ...over });
    const out = decide(where(), policy, 'auto');
    expect(out.decision).toBe('auto_sent');
    expect(codes(out.reasons)).toEqual(['checks_passed', 'asks_identity']);
    // An order named by a sender not yet known may be someone else's: a person asks.
    const named = decide(where({ question: 'status of order #W7303089 please' }), policy, 'auto');
    expect(named.decision).toBe('suggested');
    expect(named.reasons).toEqual([{ code: 'order_named_by_unknown_sender', detail: '#W7303089' }]);
    // Not for a sender whose orders are known, a question about someone else's order or more than a status, a
    // draft that says or cites anything, or in another intent.
    expect(decide(where({ retrieval: ownerOf([processed]) }), policy, 'auto').decision).toBe('suggested');
    expect(decide(where({ question: "has my wife's order shipped?" }), policy, 'auto').decision).toBe(
      'suggested',
    );
    expect(decide(where({ question: 'has it shipped? cancel it if not' }), policy, 'auto').decision).toBe(
      'suggested',
    );
    const citing = { ...lookup, citations: draft().citations };
    expect(decide(where({ draft: citing }), policy, 'auto').decision).toBe('suggested');
    const other = routing({ intent: 'cancel_order', band: 'suggest' });
    expect(decide(where({ routing: other }), policy, 'auto').decision).toBe('suggested');
    // The policy checks still hold: a strongly negative turn goes to a person.
    const upset = routing({ intent: 'order_status', sentiment: { score: -0.9, label: 'negative' } });
    expect(codes(decide(where({ routing: upset }), policy, 'auto').reasons)).toContain('negative_sentiment');
  });

  it('auto-sends the status of the order a question names by what it holds, and of no other', () => {
    const item = (name: string) => ({ name, productId: 'p', itemId: name, price: 1, options: {} });
    const jacket = { ...processed, items: [item('Fleece Jacket'), item('Desk Lamp')] };
    const kettle = { ...pending, items: [item('Electric Kettle')] };
    const about = (question: string, draftOf = jacket) =>
      asked({ question, retrieval: ownerOf([jacket, kettle]), draft: statusOf(draftOf) });
    for (const question of [
      'what stage is my fleece jacket at?',
      'Any news on the desk lamp and the jacket?',
    ]) {
      const out = decide(about(question), policy, 'auto');
      expect(out.decision).toBe('auto_sent');
      expect(codes(out.reasons)).toEqual(['checks_passed', 'own_order_status']);
    }
    // Another order's status, a thing none of their orders holds, or more asked of the thing: a person decides.
    expect(decide(about('what stage is my fleece jacket at?', kettle), policy, 'auto').decision).toBe(
      'suggested',
    );
    expect(decide(about('what stage is my skateboard at?'), policy, 'auto').decision).toBe('suggested');
    expect(decide(about('any news on the jacket in black?'), policy, 'auto').decision).toBe('suggested');
    // The sender's only order does not stand for a thing it does not hold.
    const only = asked({
      question: 'what stage is my skateboard at?',
      retrieval: ownerOf([jacket]),
      draft: statusOf(jacket),
    });
    expect(decide(only, policy, 'auto').decision).toBe('suggested');
  });

  it('auto-sends the status of the order a reply picks from the list ("2"), and only of that one', () => {
    const picked = (over: Partial<DecisionInput> = {}) =>
      asked({ question: '2', pickedOrder: '#W7654321', draft: statusOf(pending), ...over });
    const out = decide(picked(), policy, 'auto');
    expect(out.decision).toBe('auto_sent');
    expect(codes(out.reasons)).toEqual(['checks_passed', 'own_order_status']);
    // Not another order's status, not one that is not theirs, and nothing without a pick.
    expect(decide(picked({ draft: statusOf(processed) }), policy, 'auto').decision).toBe('suggested');
    expect(decide(picked({ draft: statusOf(processed, pending) }), policy, 'auto').decision).toBe(
      'suggested',
    );
    const stranger = picked({
      pickedOrder: '#W9999999',
      draft: statusOf({ ...pending, orderId: '#W9999999' }),
    });
    expect(decide(stranger, policy, 'auto').decision).toBe('suggested');
    expect(decide(picked({ pickedOrder: undefined }), policy, 'auto').decision).toBe('suggested');
  });

  it("auto-sends an answer from the sender's own order records however unsure the router was, and says so", () => {
    const out = decide(asked(), policy, 'auto');
    expect(out.decision).toBe('auto_sent');
    expect(codes(out.reasons)).toEqual(['checks_passed', 'own_order_status']);
    expect(out.answer!.signals.ownOrderStatus).toBe(1);
    // However unlikely the answer model rates it: the records are the answer, not the help centre's words.
    const doubtful = { ...policy, answer: { ...policy.answer, threshold: 0.9999 } };
    expect(decide(asked(), doubtful, 'auto').decision).toBe('auto_sent');
    expect(decide(asked({ draft: statusOf(pending) }), doubtful, 'auto').decision).toBe('suggested');
    // Naming no order: enough when the sender has exactly one.
    const only = asked({ question: 'where is my parcel??', retrieval: ownerOf([processed]) });
    expect(decide(only, policy, 'auto').decision).toBe('auto_sent');
    // Naming none from a sender with a few orders: the status of every one answers it.
    const each = asked({ question: 'where is my parcel??', draft: statusOf(processed, pending) });
    expect(decide(each, policy, 'auto').decision).toBe('auto_sent');
    // A stage of the warehouse or the carrier, or how near it is, asked in everyday words.
    for (const question of [
      'has my parcel been packed yet?',
      'is my order with the courier?',
      'is my order nearly here?',
    ])
      expect(decide(asked({ question, retrieval: ownerOf([processed]) }), doubtful, 'auto').decision).toBe(
        'auto_sent',
      );
  });

  it.each([
    ["the order is not the sender's", { retrieval: ownerOf([pending], ['#W3113816']) }],
    ['the sender owns no such order', { retrieval: ownerOf([pending]) }],
    [
      "the message names no order and the draft states only one of the sender's few",
      { question: 'where is my parcel??' },
    ],
    [
      'the message names no order and the sender has more than a few',
      {
        question: 'where is my parcel??',
        retrieval: ownerOf([
          processed,
          pending,
          { ...pending, orderId: '#W1000001' },
          { ...pending, orderId: '#W1000002' },
        ]),
        draft: statusOf(processed, pending),
      },
    ],
    [
      "the message is about someone else's order",
      { question: "where is my wife's order?", retrieval: ownerOf([processed]) },
    ],
    ['the draft states another order too', { draft: statusOf(processed, pending) }],
    ['the draft does not state the status asked about', { draft: statusOf(pending) }],
    ['the message is not a status question', { question: 'do you sell gift cards? #W3113816' }],
    [
      'the message asks whether a write may still be done',
      { question: 'is it too late to add something to #W3113816?' },
    ],
    [
      'the message asks where the order goes',
      { question: 'is #W3113816 being shipped to my work address or my home?' },
    ],
    [
      'the message says the customer moved',
      { question: 'I moved last week, will #W3113816 still get to me?' },
    ],
    [
      'the message asks about a charge',
      { question: 'got charged for #W3113816 but it is only processed, is that right?' },
    ],
    ['the message is unknown', { question: undefined }],
    ['the intent is not order_status', { routing: { ...unsure, intent: 'shipping_info' } }],
    ['the draft proposes an action', { draft: { ...statusOf(processed), action: 'cancel_order' } }],
  ])('is no own-order status answer when %s', (_why, over) => {
    const out = decide(asked(over as Partial<DecisionInput>), policy, 'auto');
    expect(out.decision).toBe('suggested');
    expect(out.answer?.signals.ownOrderStatus ?? 0).toBe(0);
  });

  it('takes a turn the router is sure asks for the status as asking it, when its words ask nothing else', () => {
    const sure = routing({ intent: 'order_status', confidence: 0.95, handlingConfidence: 0.95 });
    const records = { ...statusOf(processed), coverage: undefined };
    // However unlikely the answer model rates it, so only the records' reading can send it.
    const doubtful = { ...policy, answer: { ...policy.answer, threshold: 0.9999 } };
    const sorted = (over: Partial<DecisionInput> = {}) =>
      decide(
        asked({ routing: sure, draft: records, question: 'Has #W3113816 been sorted yet?', ...over }),
        doubtful,
        'auto',
      );
    // The status patterns do not read it as a status question; the router does, and nothing else is asked.
    expect(sorted().decision).toBe('auto_sent');
    expect(codes(sorted().reasons)).toEqual(['checks_passed', 'own_order_status']);
    // Under the line, or with the line at 1, only the patterns' reading counts.
    expect(sorted({ routing: { ...sure, handlingConfidence: 0.85 } }).decision).toBe('suggested');
    const off = { ...doubtful, ownStatusRouterSure: 1 };
    const certain = routing({ intent: 'order_status', confidence: 1, handlingConfidence: 1 });
    const question = 'Has #W3113816 been sorted yet?';
    expect(decide(asked({ routing: certain, draft: records, question }), off, 'auto').decision).toBe(
      'suggested',
    );
    // Words asking more than a status hold it however sure the router is, and so does a section quoted beside it.
    for (const more of [
      'Is #W3113816 going to need a signature?',
      'Has #W3113816 been sorted yet? Also do you sell gift cards?',
      'Has #W3113816 been sorted yet? I want to cancel it',
      "Has my wife's order been sorted yet?",
    ])
      expect(sorted({ question: more }).decision).toBe('suggested');
    expect(sorted({ draft: statusOf(processed) }).decision).toBe('suggested');
  });

  it('holds a status of orders not yet delivered only when asked with displeasure and more likely a complaint than not', () => {
    const leaning = (complaintLikelihood: number, score: number, over: Partial<DecisionInput> = {}) =>
      decide(
        asked({
          routing: { ...unsure, complaintLikelihood, sentiment: { score, label: 'neutral' } },
          ...over,
        }),
        policy,
        'auto',
      );
    // Asked calmly, an order on its way is answered by its status whatever the classifier made of the wait
    // ("nothing's arrived, is it on the way? 🙂").
    expect(leaning(0.9, 0).decision).toBe('auto_sent');
    // Asked with some displeasure: held at the 0.5 line ("has it left yet? My back is not enjoying the dining
    // chair" scored 0.27).
    expect(leaning(0.39, -0.2).decision).toBe('auto_sent');
    expect(leaning(0.5, -0.2).reasons).toContainEqual({ code: 'may_be_complaint', detail: '0.5 >= 0.5' });
    // A delivered order: its words were read for a parcel not all there; asked calmly, held at the 0.5 line
    // for what the words miss, and with displeasure at the usual 0.2.
    const delivered = { ...processed, status: 'delivered' as const };
    const about = { retrieval: ownerOf([delivered]), draft: statusOf(delivered) };
    expect(leaning(0.3, 0.1, about).decision).toBe('auto_sent');
    expect(leaning(0.5, 0.1, about).reasons).toContainEqual({
      code: 'may_be_complaint',
      detail: '0.5 >= 0.5',
    });
    expect(leaning(0.3, -0.2, about).reasons).toContainEqual({
      code: 'may_be_complaint',
      detail: '0.3 >= 0.2',
    });
  });

  it('answers "did my cancellation go through?" from the records only when they say cancelled', () => {
    const sure = routing({ intent: 'order_status', confidence: 0.99, handlingConfidence: 0.99 });
    const question = 'Did my cancellation for #W3113816 go through?';
    const notDone = decide(asked({ routing: sure, question }), policy, 'auto');
    expect(notDone.decision).toBe('suggested');
    expect(notDone.reasons).toContainEqual({ code: 'unanswered_request', detail: 'cancel' });
    const cancelled: OrderFacts = { ...processed, status: 'cancelled' };
    const done = decide(
      asked({
        routing: sure,
        question,
        retrieval: ownerOf([cancelled, pending]),
        draft: statusOf(cancelled),
      }),
      policy,
      'auto',
    );
    expect(done.decision).toBe('auto_sent');
  });

  it('leaves a delivered order to a person when the customer says it, or part of it, is not with them', () => {
    const sure = routing({ intent: 'order_status', confidence: 0.99, handlingConfidence: 0.99 });
    const delivered: OrderFacts = { ...processed, status: 'delivered' };
    const about = { routing: sure, retrieval: ownerOf([delivered, pending]), draft: statusOf(delivered) };
    const partly = 'Was #W3113816 delivered in full? I only got the kettle, not the chair.';
    const held = decide(asked({ ...about, question: partly }), policy, 'auto');
    expect(held.decision).toBe('suggested');
    expect(held.reasons).toContainEqual({ code: 'unanswered_request', detail: 'not all received' });
    // A delivered order asked about plainly is answered by its status.
    const plain = decide(asked({ ...about, question: 'Has #W3113816 been delivered?' }), policy, 'auto');
    expect(plain.decision).toBe('auto_sent');
  });

  it('never auto-sends a status as the answer to a request for more, however sure the router is', () => {
    const sure = routing({ intent: 'order_status', confidence: 0.99, handlingConfidence: 0.99 });
    for (const [question, detail] of [
      ['Has #W3113816 shipped? If not please cancel it.', 'cancel'],
      ['Where is #W3113816? I want to return it.', 'return'],
      ['Where is my refund for #W3113816?', 'refund'],
      ['#W3113816 arrived damaged, what is its status?', 'problem'],
    ]) {
      const out = decide(asked({ routing: sure, question }), policy, 'auto');
      expect(out.decision).toBe('suggested');
      expect(out.reasons).toContainEqual({ code: 'unanswered_request', detail });
    }
  });

  it('leaves a help-centre answer to a turn routed as order status to the answer model, however much it asks', () => {
    const sure = routing({ intent: 'order_status', confidence: 0.99, handlingConfidence: 0.99 });
    const question = "Tracking says delivered but there's nothing at my door. What do I do?";
    const quoted = decide(asked({ routing: sure, question, draft: draft() }), policy, 'auto');
    expect(codes(quoted.reasons)).not.toContain('unanswered_request');
    expect(quoted.answer).toBeDefined();
    const fromRecords = decide(
      asked({
        routing: sure,
        question,
        retrieval: ownerOf([{ ...processed, status: 'delivered' }, pending]),
        draft: statusOf({ ...processed, status: 'delivered' }),
      }),
      policy,
      'auto',
    );
    expect(codes(fromRecords.reasons)).toContain('unanswered_request');
  });

  it('answers an order that has not come with its status while the records say it is on its way, not once delivered', () => {
    const sure = routing({ intent: 'order_status', confidence: 0.99, handlingConfidence: 0.99 });
    const waiting = "What's going on with #W3113816? I haven't received anything and it's been ages";
    const onItsWay = decide(asked({ routing: sure, question: waiting }), policy, 'auto');
    expect(onItsWay.decision).toBe('auto_sent');
    expect(onItsWay.answer!.signals.ownOrderStatus).toBe(1);
    const delivered: OrderFacts = { ...processed, status: 'delivered' };
    const lost = decide(
      asked({
        routing: sure,
        question: waiting,
        retrieval: ownerOf([delivered, pending]),
        draft: statusOf(delivered),
      }),
      policy,
      'auto',
    );
    expect(lost.decision).toBe('suggested');
    expect(lost.reasons).toContainEqual({ code: 'unanswered_request', detail: 'problem' });
  });

  it('leaves to a person a status other than the one the customer says the order shows', () => {
    const sure = routing({ intent: 'order_status', confidence: 0.99, handlingConfidence: 0.99 });
    const stuck =
      'My order #W3113816 has been sitting on pending since Friday night, is something wrong with it?';
    const out = decide(asked({ routing: sure, question: stuck }), policy, 'auto');
    expect(out.decision).toBe('suggested');
    expect(out.reasons).toContainEqual({
      code: 'status_disagrees',
      detail: 'says pending; the records say processed',
    });
    // Asked whether it still is, or said as the records say it: the records answer it.
    for (const question of [
      'Is #W3113816 still pending?',
      'my order #W3113816 shows as processing, where is it?',
    ]) {
      expect(decide(asked({ routing: sure, question }), policy, 'auto').decision).toBe('auto_sent');
    }
  });

  it("leaves to a person an order the customer says has waited past the help centre's line for its stage", () => {
    const sure = routing({ intent: 'order_status', confidence: 0.99, handlingConfidence: 0.99 });
    const late = (question: string, order: OrderFacts = pending) =>
      decide(
        asked({ routing: sure, question, retrieval: ownerOf([order]), draft: statusOf(order) }),
        policy,
        'auto',
      );
    const overdue = late("Ordered it 8 days ago (#W7654321) and it's still pending. Is it going to ship?");
    expect(overdue.decision).toBe('suggested');
    expect(overdue.reasons).toContainEqual({ code: 'overdue_wait', detail: '8 days pending; the line is 4' });
    // Within the line the status answers it; on its way the line is longer, unless tracking stopped moving.
    expect(late('#W7654321 is still pending after 2 days, why??').decision).toBe('auto_sent');
    expect(late('#W3113816 has been processed for 6 days, where is it?', processed).decision).toBe(
      'auto_sent',
    );
    const stalled = late("#W3113816: tracking hasn't moved for 4 days, where is it?", processed);
    expect(stalled.reasons).toContainEqual({
      code: 'overdue_wait',
      detail: '4 days with tracking not moving; the line is 2',
    });
    // The lines are the deployment's.
    const patient = { ...policy, waitLines: { ...policy.waitLines, pending: 10 } };
    const question = "Ordered it 8 days ago (#W7654321) and it's still pending. Is it going to ship?";
    const out = decide(
      asked({ routing: sure, question, retrieval: ownerOf([pending]), draft: statusOf(pending) }),
      patient,
      'auto',
    );
    expect(out.decision).toBe('auto_sent');
  });

  it('keeps every other check, the hard rules and the kill switch', () => {
    const angry = asked({ routing: { ...unsure, sentiment: { score: -0.8, label: 'negative' } } });
    expect(codes(decide(angry, policy, 'auto').reasons)).toEqual(['negative_sentiment']);
    const weak = asked({ draft: { ...statusOf(processed), groundedness: 0.5 } });
    expect(codes(decide(weak, policy, 'auto').reasons)).toEqual(['low_groundedness']);
    expect(decide(asked(), policy, 'suggest_only').decision).toBe('suggested');
    const ruled = asked({
      source: 'escalated',
      routing: { ...unsure, band: 'escalate', rules: [{ id: 'legal_threat', reason: 'lawyer' }] },
    });
    expect(decide(ruled, policy, 'auto').decision).toBe('escalated');
    expect(decide(asked({ routing: { ...unsure, band: 'suggest' } }), policy, 'auto').decision).toBe(
      'suggested',
    );
  });
});

describe('decide: the status of an order the sender owns and whether a write is still allowed', () => {
  const pending: OrderFacts = {
    orderId: '#W4011814',
    status: 'pending',
    items: [],
    trackingIds: [],
    total: 1,
  };
  const answer = draft({
    body: 'Hi Liam,\n\nYour order #W4011814 is currently pending. Because it is pending, it can be sent to a different address.',
    facts: [{ source: 'order', ref: '#W4011814', field: 'status', value: 'pending' }],
  });
  const own = {
    ...retrieval(0.3),
    customer: { customerId: 'liam_1', name: 'Liam', orders: [pending], unownedOrderIds: [] },
  };
  const address = routing({ intent: 'change_address', band: 'suggest', confidence: 0.55 });
  const asked = (question: string, over: Partial<DecisionInput> = {}) =>
    input({ routing: address, retrieval: own, draft: answer, question, ...over });
  const both =
    'Can you tell me the status of order #W4011814? And can I still change the delivery address on it?';

  it('auto-sends the status with whether the order still allows the write asked about, and says so', () => {
    const out = decide(asked(both), policy, 'auto');
    expect(out.decision).toBe('auto_sent');
    expect(codes(out.reasons)).toEqual(['checks_passed', 'own_order_rules']);
  });

  it('leaves it with the band when the write asked about is not the routed one, no status is asked, or it is a request', () => {
    const cancel = routing({ intent: 'cancel_order', band: 'suggest', confidence: 0.55 });
    expect(decide(asked(both, { routing: cancel }), policy, 'auto').decision).toBe('suggested');
    const rulesOnly = 'Can I still change the delivery address on #W4011814?';
    expect(decide(asked(rulesOnly), policy, 'auto').decision).toBe('suggested');
    const request =
      'What is the status of #W4011814? Please change the address to 1 Main St, Austin TX 78701.';
    expect(decide(asked(request), policy, 'auto').decision).toBe('suggested');
  });

  it('leaves it with the band when its quotes come from two articles, one article on the write still sent', () => {
    const cite = (articleId: string, section: string) => ({ chunkId: articleId, articleId, section });
    const one = {
      ...answer,
      citations: [cite('change-shipping-address', 'Rules'), cite('change-shipping-address', 'How')],
    };
    expect(decide(asked(both, { draft: one }), policy, 'auto').decision).toBe('auto_sent');
    const two = {
      ...answer,
      citations: [cite('change-shipping-address', 'Rules'), cite('order-statuses', 'Pending')],
    };
    const out = decide(asked(both, { draft: two }), policy, 'auto');
    expect(out.decision).toBe('suggested');
    expect(codes(out.reasons)).not.toContain('own_order_rules');
  });
});

describe("decide: whether the sender's own order allows a write, with the write offered", () => {
  const pending: OrderFacts = {
    orderId: '#W5065081',
    status: 'pending',
    items: [],
    trackingIds: [],
    total: 1,
  };
  const offer = draft({
    body: 'Hi Aarav,\n\nYour order #W5065081 is currently pending. Because it is pending, it can be cancelled.\n\nI can help you cancel your order. Would you like me to go ahead?',
    facts: [{ source: 'order', ref: '#W5065081', field: 'status', value: 'pending' }],
    clarifies: [ASKS_GO_AHEAD],
  });
  const own = {
    ...retrieval(0.3),
    customer: { customerId: 'aarav_1', name: 'Aarav', orders: [pending], unownedOrderIds: [] },
  };
  const cancel = routing({ intent: 'cancel_order', band: 'suggest', confidence: 0.9 });
  const asked = (question: string, over: Partial<DecisionInput> = {}) =>
    input({ routing: cancel, retrieval: own, draft: offer, question, ...over });

  it('auto-sends the answer and its offer, a question towards the write, with no status asked', () => {
    const out = decide(asked('can I cancel my order #W5065081?'), policy, 'auto');
    expect(out.decision).toBe('auto_sent');
    expect(codes(out.reasons)).toEqual(['checks_passed', 'own_order_rules', 'asks_details']);
    expect(out.action).toBeUndefined();
  });

  it('holds it when the message asks more, is about another write or order, or voices a grievance', () => {
    const two = 'can I cancel #W5065081? and how long does the refund take?';
    expect(decide(asked(two), policy, 'auto').decision).toBe('suggested');
    const story = 'The kit from #W5065081 had clearly been opened before, gross. Can I cancel it?';
    expect(decide(asked(story), policy, 'auto').decision).toBe('suggested');
    const polite = 'Hi, can I cancel my order #W5065081? Thanks!';
    expect(decide(asked(polite), policy, 'auto').decision).toBe('auto_sent');
    expect(decide(asked('can I return my order #W5065081?'), policy, 'auto').decision).toBe('suggested');
    expect(decide(asked('can I cancel my order #W1111111?'), policy, 'auto').decision).toBe('suggested');
    const angry = routing({
      intent: 'cancel_order',
      band: 'suggest',
      confidence: 0.9,
      sentiment: { score: -0.8, label: 'negative' },
    });
    expect(decide(asked('can I cancel #W5065081?', { routing: angry }), policy, 'auto').decision).toBe(
      'suggested',
    );
  });

  it('holds it when the question puts a condition on the write that the status does not settle', () => {
    const returnRouted = routing({ intent: 'return_request', band: 'suggest', confidence: 0.9 });
    const delivered = { ...pending, status: 'delivered' as const };
    const returnOffer = draft({
      body: 'Hi Aarav,\n\nYour order #W5065081 is currently delivered. Because it is delivered, it can be returned.\n\nI can help you return items from your order. Would you like me to go ahead?',
      facts: [{ source: 'order', ref: '#W5065081', field: 'status', value: 'delivered' }],
      clarifies: [ASKS_GO_AHEAD],
    });
    const ask = (question: string) =>
      decide(
        asked(question, {
          routing: returnRouted,
          draft: returnOffer,
          retrieval: { ...own, customer: { ...own.customer, orders: [delivered] } },
        }),
        policy,
        'auto',
      );
    expect(ask('can I still return #W5065081?').decision).toBe('auto_sent');
    expect(ask('can I still return #W5065081 if I threw away the box?').decision).toBe('suggested');
    expect(ask('can I send #W5065081 back without the receipt?').decision).toBe('suggested');
    expect(ask('can I still return #W5065081 after 6 weeks?').decision).toBe('suggested');
  });

  it('is no offer when the draft asks for more than the go-ahead', () => {
    const asking = { ...offer, clarifies: [ASKS_GO_AHEAD, 'reason'] };
    const out = decide(asked('can I cancel my order #W5065081?', { draft: asking }), policy, 'auto');
    expect(codes(out.reasons)).not.toContain('own_order_rules');
  });
});

describe('decide: no to a write offered', () => {
  const nothing = draft({
    body: 'Hi Aarav,\n\nNo problem, nothing has been changed.',
    citations: [],
    facts: [],
    coverage: undefined,
  });
  const declined = (over: Partial<DecisionInput> = {}) =>
    input({
      routing: routing({ intent: 'out_of_scope', outOfScope: true, band: 'suggest', confidence: 0.1 }),
      draft: nothing,
      question: 'no thanks, I will keep it',
      declinedOffer: true,
      ...over,
    });

  it('sends that nothing changed whatever band the router chose', () => {
    const out = decide(declined(), policy, 'auto');
    expect(out.decision).toBe('auto_sent');
    expect(codes(out.reasons)).toEqual(['checks_passed', 'offer_declined']);
  });

  it('only after an offer, and only a reply that states nothing', () => {
    expect(decide(declined({ declinedOffer: false }), policy, 'auto').decision).not.toBe('auto_sent');
    const stating = {
      ...nothing,
      facts: [{ source: 'order' as const, ref: '#W1', field: 'status', value: 'pending' }],
    };
    expect(decide(declined({ draft: stating }), policy, 'auto').decision).not.toBe('auto_sent');
    expect(decide({ ...declined(), owner: 'agent' }, policy, 'auto').decision).not.toBe('auto_sent');
  });
});

describe('decide: the refunds of an order the sender owns', () => {
  const cancelled: OrderFacts = {
    orderId: '#W9631970',
    status: 'cancelled',
    items: [],
    trackingIds: [],
    total: 367.38,
    refunds: [{ amount: 367.38, method: 'the gift card' }],
  };
  const refundDraft = (value = '$367.38 to the gift card') =>
    draft({
      body: 'Hi Ethan,\n\nYour order #W9631970 is currently cancelled. A refund of $367.38 to the gift card was issued.',
      facts: [
        { source: 'order', ref: '#W9631970', field: 'status', value: 'cancelled' },
        { source: 'order', ref: '#W9631970', field: 'refunds', value },
      ],
    });
  const sure = routing({ intent: 'refund_status', confidence: 0.95, handlingConfidence: 0.95 });
  const own = {
    ...retrieval(0.3),
    customer: { customerId: 'ethan_1', name: 'Ethan', orders: [cancelled], unownedOrderIds: [] },
  };
  const asked = (question: string, over: Partial<DecisionInput> = {}) =>
    input({ routing: sure, retrieval: own, draft: refundDraft(), question, ...over });

  it('auto-sends the refunds the records show for the order asked about, and says so', () => {
    const out = decide(asked('refund for #W9631970 still not here'), policy, 'auto');
    expect(out.decision).toBe('auto_sent');
    expect(codes(out.reasons)).toEqual(['checks_passed', 'own_refund_status']);
    expect(decide(asked('where did my refund go?'), policy, 'auto').decision).toBe('auto_sent');
  });

  it('answers a refund question naming no order from a sender with several by the orders a refund was due on', () => {
    const other = (orderId: string, status: string): OrderFacts => ({
      orderId,
      status,
      items: [],
      trackingIds: [],
      total: 10,
    });
    const several = (...orders: OrderFacts[]) => ({
      ...retrieval(0.3),
      customer: { customerId: 'ethan_1', name: 'Ethan', orders, unownedOrderIds: [] },
    });
    const mixed = several(other('#W1000001', 'pending'), cancelled, other('#W1000002', 'delivered'));
    expect(decide(asked('refund status?', { retrieval: mixed }), policy, 'auto')).toMatchObject({
      decision: 'auto_sent',
      reasons: [{ code: 'checks_passed' }, { code: 'own_refund_status' }],
    });
    // Two orders a refund was due on and the draft states one: not the whole answer.
    const two = several(cancelled, other('#W1000003', 'return requested'));
    expect(codes(decide(asked('refund status?', { retrieval: two }), policy, 'auto').reasons)).not.toContain(
      'own_refund_status',
    );
    // None a refund was due on: the question is about something the records do not show.
    const none = several(other('#W1000001', 'pending'), other('#W1000002', 'delivered'));
    expect(codes(decide(asked('refund status?', { retrieval: none }), policy, 'auto').reasons)).not.toContain(
      'own_refund_status',
    );
  });

  it('leaves to a person a refund not yet issued, a wish to send it elsewhere, a problem, or an unsure router with no word of a refund', () => {
    const none = asked('refund for #W9631970?', { draft: refundDraft('no refund issued') });
    expect(codes(decide(none, policy, 'auto').reasons)).not.toContain('own_refund_status');
    for (const question of [
      "Can you refund #W9631970 to my husband's card instead?",
      "Can the refund for #W9631970 go to my wife's card?",
      'Please send the refund for #W9631970 to my bank account',
      'my refund for #W9631970 is missing and the item arrived broken',
      // Why it was what it was, what happens now, a receipt: the records do not say.
      'Why was the refund for #W9631970 less than I paid?',
      'The refund for #W9631970 went to a card I closed. What happens now?',
      'Can you send me a receipt for the refund on #W9631970?',
      'Will the refund for #W9631970 affect my credit score?',
      'Is it possible to have the refund for #W9631970 sent to my new Amex?',
      'Could you email my accountant the refund details for #W9631970?',
      'Is there interest added if the refund for #W9631970 is late?',
    ])
      expect(codes(decide(asked(question), policy, 'auto').reasons)).not.toContain('own_refund_status');
    const leaning = { routing: { ...sure, confidence: 0.4, handlingConfidence: 0.4 } };
    const unsure = asked('any news on #W9631970?', leaning);
    expect(codes(decide(unsure, policy, 'auto').reasons)).not.toContain('own_refund_status');
    // Asked in so many words, the records answer it however unsure the router was.
    for (const question of ['refund for #W9631970?', 'how much did you send back for #W9631970?']) {
      expect(codes(decide(asked(question, leaning), policy, 'auto').reasons)).toContain('own_refund_status');
    }
    // A refund awaited past the help centre's 7 business days is traced by a person.
    const traced = decide(
      asked('cancelled #W9631970 almost two weeks ago and still no refund'),
      policy,
      'auto',
    );
    expect(traced.reasons).toContainEqual({
      code: 'overdue_wait',
      detail: '14 days waiting for a refund; the line is 9',
    });
    // "My bank app shows something pending" is not a wish for the money to go to the bank.
    const bankApp = asked('my bank app shows something pending, how much was the refund for #W9631970?');
    expect(codes(decide(bankApp, policy, 'auto').reasons)).toContain('own_refund_status');
  });

  it('leaves to a person a customer who disputes what the records say', () => {
    const disputed = decide(
      asked('my bank says no refund has been issued for #W9631970. you say it has. can you check?'),
      policy,
      'auto',
    );
    expect(disputed.decision).toBe('suggested');
    expect(codes(disputed.reasons)).toContain('records_disputed');
    // A help-centre answer to the same words is judged on its own: only a records answer repeats them.
    const helpOnly = draft({ body: 'Card refunds appear as a credit from our store.', facts: [] });
    const explained = decide(
      asked('you say it was refunded but it is not on my statement, how long does it take?', {
        draft: helpOnly,
      }),
      policy,
      'auto',
    );
    expect(codes(explained.reasons)).not.toContain('records_disputed');
  });
});

describe('decide: displeasure voiced', () => {
  it('holds a help-centre answer to a customer who says they are unhappy with the store', () => {
    for (const question of [
      'Why was I charged sales tax on the shipping too? Nobody mentions that at checkout. Feels underhanded.',
      'This is my third message about my refund. Nobody answers. How long do refunds take?',
      // Said the other way round.
      'One light bulb. Shipped ages ago. Still not here. Fantastic. When will it come?',
      'No confirmation email, nothing at all. I would have liked to know. When does it ship?',
    ]) {
      const out = decide(input({ question }), policy, 'auto');
      expect(out.decision).toBe('suggested');
      expect(codes(out.reasons)).toContain('displeasure_voiced');
    }
    // Reading back the write asked for, or asking what it still needs, changes nothing until the customer
    // confirms: it goes out.
    const asks = input({
      question: "I'm very disappointed with the puzzle I got. I want to return it, refund to PayPal.",
      routing: routing({ intent: 'return_request' }),
      draft: draft({ clarifies: ['order_id'] }),
    });
    expect(codes(decide(asks, policy, 'auto').reasons)).not.toContain('displeasure_voiced');
    // A problem told calmly is a question like any other.
    const calm = 'The kettle has a thin crack by the handle. Can I still return it?';
    expect(codes(decide(input({ question: calm }), policy, 'auto').reasons)).not.toContain(
      'displeasure_voiced',
    );
  });
});

describe('decide: the tone of a turn asking for a write in words', () => {
  const faulty =
    "The earbuds I received don't pair with my phone. I'm sure they are faulty and I want a full refund.";
  const upset = routing({
    intent: 'complaint',
    band: 'suggest',
    confidence: 0.99,
    complaintLikelihood: 0.99,
    sentiment: { score: -0.6, label: 'negative' },
  });
  const returnDraft = (over: Partial<Draft> = {}) =>
    draft({
      citations: [],
      coverage: undefined,
      proposal: {
        actionId: 'act_t1_1',
        tool: 'return_delivered_order_items',
        input: { order_id: '#W3508684', item_ids: ['3694871183'], payment_method_id: 'paypal_1575973' },
        summary: 'Return Wireless Earbuds from order #W3508684. The refund of $256.67 goes to PayPal.',
        customerId: 'fatima_1',
        amountUsd: 256.67,
      },
      writeAsked: 'words',
      ...over,
    });

  it('reads back the write asked for however likely a complaint or negative the turn is', () => {
    const out = decide(input({ routing: upset, draft: returnDraft(), question: faulty }), policy, 'auto');
    expect(out.decision).toBe('auto_sent');
    expect(codes(out.reasons)).toEqual(['checks_passed', 'reads_back']);
  });

  it('still holds it on the tone when the message also asks a question of its own', () => {
    const asking = `${faulty} Or could you send a replacement? How long would that take?`;
    const out = decide(input({ routing: upset, draft: returnDraft(), question: asking }), policy, 'auto');
    expect(out.decision).toBe('suggested');
    expect(codes(out.reasons)).toEqual(expect.arrayContaining(['may_be_complaint', 'negative_sentiment']));
  });

  it('still holds a read-back of a write read from the intent, and a question for details, on the tone', () => {
    const routed = decide(
      input({ routing: upset, draft: returnDraft({ writeAsked: undefined }), question: faulty }),
      policy,
      'auto',
    );
    expect(routed.decision).toBe('suggested');
    expect(codes(routed.reasons)).toEqual(expect.arrayContaining(['may_be_complaint', 'negative_sentiment']));
    const asks = decide(
      input({
        routing: upset,
        draft: returnDraft({ proposal: undefined, clarifies: ['order_id'] }),
        question: faulty,
      }),
      policy,
      'auto',
    );
    expect(asks.decision).toBe('suggested');
    expect(codes(asks.reasons)).toEqual(expect.arrayContaining(['may_be_complaint', 'negative_sentiment']));
  });

  it('still holds the read-back for the rest: an amount above what a customer may confirm, a hard rule', () => {
    const large = returnDraft();
    large.proposal = { ...large.proposal!, amountUsd: 2500 };
    expect(decide(input({ routing: upset, draft: large, question: faulty }), policy, 'auto').decision).toBe(
      'suggested',
    );
    // A reversal may be confirmed at any amount, but a large refund demanded in anger is for a person.
    const reversal = returnDraft();
    reversal.proposal = { ...reversal.proposal!, amountUsd: 2500, reversesPayment: true };
    const angry = decide(input({ routing: upset, draft: reversal, question: faulty }), policy, 'auto');
    expect(angry.decision).toBe('suggested');
    expect(codes(angry.reasons)).toEqual(expect.arrayContaining(['may_be_complaint', 'negative_sentiment']));
    const calm = routing({ intent: 'return_request', band: 'suggest', confidence: 0.99 });
    expect(decide(input({ routing: calm, draft: reversal, question: faulty }), policy, 'auto').decision).toBe(
      'auto_sent',
    );
    const lawyer = routing({ ...upset, rules: [{ id: 'legal_threat', reason: 'mentions an attorney' }] });
    expect(
      decide(input({ routing: lawyer, draft: returnDraft(), question: faulty }), policy, 'auto').decision,
    ).toBe('escalated');
  });
});

describe("decide: another company's matter", () => {
  it("holds any answer about another company's sign-in, order or checkout, naming the company", () => {
    for (const [question, company] of [
      ['forgot my hulu login, how do i reset the password', 'hulu'],
      ['my Apple ID is locked after too many wrong passwords, how do I unlock it?', 'apple'],
      ["can't log in to my Netflix, the reset email never comes", 'netflix'],
      // An order placed with another shop, a card refused somewhere else.
      ['I ordered shoes on Zalando and they are too small. How do I exchange them?', 'zalando'],
      ['why does my card keep getting declined at gas stations?', 'gas station'],
    ] as const) {
      const out = decide(input({ question }), policy, 'auto');
      expect(out.decision).toBe('suggested');
      expect(out.reasons).toContainEqual({ code: 'another_company', detail: company });
    }
    // The store's own account, and the payment methods it takes, are its to answer.
    for (const question of ['forgot my password, how do i reset it', 'can I pay with my PayPal account?'])
      expect(codes(decide(input({ question }), policy, 'auto').reasons)).not.toContain('another_company');
  });
});

describe('decide: a shop to visit', () => {
  it('holds a help-centre quote answering a question about a shop the store does not have', () => {
    const question = 'What time does your store on Main St close on Sundays?';
    const out = decide(input({ question }), policy, 'auto');
    expect(out.decision).toBe('suggested');
    expect(codes(out.reasons)).toContain('store_visit');
    // Store hours, to a customer of an online shop, are its support hours: the section answers them.
    const hours = decide(input({ question: 'what are your store hours on sundays?' }), policy, 'auto');
    expect(codes(hours.reasons)).not.toContain('store_visit');
  });
});

describe('decide: a customer the help centre sent to us', () => {
  it('holds the section quoted back to a customer who did what it says and contacted us', () => {
    const question =
      'It is 8 business days since the refund email. Your page says contact you after 7 business days, so here I am.';
    const out = decide(input({ question }), policy, 'auto');
    expect(out.decision).toBe('suggested');
    expect(codes(out.reasons)).toContain('sent_by_help_centre');
    // Asking how to contact us is answered by the section that says so.
    const how = decide(input({ question: 'How do I contact you about a late refund?' }), policy, 'auto');
    expect(codes(how.reasons)).not.toContain('sent_by_help_centre');
  });
});

describe('decide: other bands and escalations', () => {
  it('escalates a hard-rule escalation with the rule ids as reasons', () => {
    const rules = [{ id: 'legal_threat', reason: 'mentions an attorney' }];
    const out = decide(
      input({
        source: 'escalated',
        routing: routing({ rules, band: 'escalate' }),
        retrieval: null,
        draft: null,
      }),
      policy,
      'auto',
    );
    expect(out.decision).toBe('escalated');
    expect(out.reasons).toEqual([{ code: 'hard_rule', detail: 'legal_threat' }]);
    expect(out.handoff).toEqual({ kind: 'escalate', priority: 'high', reasons: out.reasons });
    expect(out.reply).toBeUndefined();
  });

  it('escalates the escalate band and suggests the suggest band', () => {
    expect(decide(input({ routing: routing({ band: 'escalate' }) }), policy, 'auto')).toMatchObject({
      decision: 'escalated',
      reasons: [{ code: 'band_escalate' }],
    });
    const bandOnly = { ...policy, unsureHelpAnswer: 1 };
    expect(decide(input({ routing: routing({ band: 'suggest' }) }), bandOnly, 'auto')).toMatchObject({
      decision: 'suggested',
      reasons: [{ code: 'band_suggest' }],
      handoff: { kind: 'suggest', priority: 'normal' },
    });
  });

  it('lets the answer model judge a help-centre answer under a help intent the router was unsure of', () => {
    const unsure = routing({ band: 'suggest', confidence: 0.42 });
    const out = decide(input({ routing: unsure, retrieval: retrieval(0.9, 1) }), policy, 'auto');
    const p = out.answer!.probability;
    expect(out).toMatchObject({
      decision: 'auto_sent',
      reasons: [
        { code: 'checks_passed' },
        { code: 'unsure_help_answer', detail: `${p} >= ${policy.answer.threshold}` },
      ],
    });
    // Its own line; at 1 the band holds it.
    const at = (line: number) => ({ ...policy, unsureHelpAnswer: line });
    expect(
      decide(input({ routing: unsure, retrieval: retrieval(0.9, 1) }), at(Math.min(1, p + 0.001)), 'auto'),
    ).toMatchObject({
      decision: 'suggested',
      reasons: [{ code: 'band_suggest' }],
      answer: { probability: p },
    });
    // A weak quote, a write's or a complaint's intent, records, or a policy check: not sent.
    expect(
      decide(
        input({
          routing: unsure,
          retrieval: retrieval(0.1, 0.05),
          draft: draft({ coverage: covered({ share: 0.2 }) }),
        }),
        policy,
        'auto',
      ).decision,
    ).toBe('suggested');
    for (const intent of ['return_request', 'complaint'])
      expect(
        codes(
          decide(
            input({ routing: { ...unsure, intent }, retrieval: retrieval(0.9, 1) }),
            { ...policy, complaintHelpAnswer: 1 },
            'auto',
          ).reasons,
        ),
      ).toEqual(['band_suggest']);
    const fromRecords = draft({
      facts: [{ source: 'order', field: 'status', value: 'pending', ref: '#W1234567' }],
    });
    expect(codes(decide(input({ routing: unsure, draft: fromRecords }), policy, 'auto').reasons)).toEqual([
      'band_suggest',
    ]);
    const upset = { ...unsure, sentiment: { score: -0.8, label: 'negative' as const } };
    expect(decide(input({ routing: upset, retrieval: retrieval(0.9, 1) }), policy, 'auto').reasons).toEqual([
      { code: 'negative_sentiment', detail: '-0.8' },
    ]);
    // A hosted model's router that asked for the band itself is not second-guessed.
    const asked = { ...unsure, router: 'llm' as const };
    expect(
      codes(decide(input({ routing: asked, retrieval: retrieval(0.9, 1) }), policy, 'auto').reasons),
    ).toEqual(['band_suggest']);
  });

  it('sends a question asking for the details of a write in the suggest band, held to the other checks', () => {
    const consequential = routing({ band: 'suggest', intent: 'cancel_order' });
    const asking = draft({ clarifies: ['reason'], writeAsked: 'words' });
    expect(decide(input({ routing: consequential, draft: asking }), policy, 'auto')).toMatchObject({
      decision: 'auto_sent',
      reasons: [{ code: 'checks_passed' }, { code: 'asks_details' }],
    });
    // The write read from the intent alone, not asked for in words: the message may ask how the write works
    // ("does my pending order go to the new address?"), so "which order?" is for an agent to send.
    expect(
      decide(input({ routing: consequential, draft: draft({ clarifies: ['order'] }) }), policy, 'auto'),
    ).toMatchObject({ decision: 'suggested', reasons: [{ code: 'write_not_worded' }] });
    // Unsure which request the customer made: the question may be the wrong one, so an agent sees it.
    const unsure = routing({
      band: 'suggest',
      intent: 'cancel_order',
      confidence: 0.5,
      handlingConfidence: 0.5,
    });
    expect(decide(input({ routing: unsure, draft: asking }), policy, 'auto')).toMatchObject({
      decision: 'suggested',
      reasons: [{ code: 'low_confidence', detail: `0.5 < ${policy.actionConfidenceFloor}` }],
    });
    const weak = draft({ clarifies: ['reason'], groundedness: 0.5 });
    expect(decide(input({ routing: consequential, draft: weak }), policy, 'auto').decision).toBe('suggested');
    // Asking which order, when the one named is someone else's, is for a person to decide.
    const theirs = { ...retrieval(), customer: someoneElses };
    expect(
      decide(input({ routing: consequential, draft: asking, retrieval: theirs }), policy, 'auto'),
    ).toMatchObject({ decision: 'suggested', reasons: [{ code: 'unowned_order', detail: '#W8808563' }] });
    // A question about the rule ("can I still cancel it?") is not a request: asking who they are answers
    // something they did not ask.
    const rule = 'if my order is already processed can i still cancel it?';
    expect(
      decide(input({ routing: consequential, draft: asking, question: rule }), policy, 'auto'),
    ).toMatchObject({ decision: 'suggested', reasons: [{ code: 'asks_whether_allowed' }] });
    const request = 'Please cancel my order, I ordered it by mistake.';
    expect(
      decide(input({ routing: consequential, draft: asking, question: request }), policy, 'auto').decision,
    ).toBe('auto_sent');
    // "the first one" to our list of orders read as a complaint by the classifier: the pick says nothing of tone.
    const complaintRead = routing({ band: 'suggest', intent: 'complaint', complaintLikelihood: 0.9 });
    const reason = draft({ clarifies: ['reason'], writeAsked: 'earlier' });
    const pick = (question: string, pickedOrder?: string) =>
      decide(input({ routing: complaintRead, draft: reason, question, pickedOrder }), policy, 'auto');
    expect(pick('the first one', '#W2239230').decision).toBe('auto_sent');
    expect(pick('the first one').reasons.map((r) => r.code)).toContain('may_be_complaint');
    expect(pick('the first one, this is ridiculous', '#W2239230').decision).toBe('suggested');
    // The same for a pick of an order's items, to our question which items a return is for.
    const refund = draft({ clarifies: ['payment'], writeAsked: 'earlier' });
    const pickItem = (question: string, pickedItem?: string) =>
      decide(input({ routing: complaintRead, draft: refund, question, pickedItem }), policy, 'auto');
    expect(pickItem('the first one', 'Backpack').decision).toBe('auto_sent');
    expect(pickItem('the first one').reasons.map((r) => r.code)).toContain('may_be_complaint');
    expect(pickItem('the first one, useless backpack', 'Backpack').decision).toBe('suggested');
    // Whether a named order allows it, asked by a sender not yet known: asking who they are is the way to tell.
    const who = draft({ clarifies: ['identity'] });
    const check = 'can I cancel order #W2974929?';
    expect(
      decide(input({ routing: consequential, draft: who, question: check }), policy, 'auto'),
    ).toMatchObject({
      decision: 'auto_sent',
      reasons: [{ code: 'checks_passed' }, { code: 'asks_details' }],
    });
    // Not with no order named, nor with a story around the question, nor asking anything but who they are.
    for (const [question, asks] of [
      [rule, who],
      ['The kettle from #W2974929 leaks everywhere, total junk. Can I cancel it?', who],
      [check, draft({ clarifies: ['reason'] })],
    ] as const) {
      expect(decide(input({ routing: consequential, draft: asks, question }), policy, 'auto').decision).toBe(
        'suggested',
      );
    }
    // A question of its own beside the request: "which order?" would leave it unanswered.
    const both = 'I want to return the boots I got, how long do I have to send them?';
    expect(
      decide(input({ routing: consequential, draft: asking, question: both }), policy, 'auto'),
    ).toMatchObject({ decision: 'suggested', reasons: [{ code: 'asks_whether_allowed' }] });
    // A question beside the request about something else: the help centre's answer the draft gives to it is
    // judged like any answer, and one left unanswered is for a person.
    const beside = 'Can you cancel #W4219264? And how long will the refund take?';
    const answered = draft({ clarifies: ['reason'], writeAsked: 'words', coverage: covered() });
    const sent = decide(input({ routing: consequential, draft: answered, question: beside }), policy, 'auto');
    expect(sent).toMatchObject({ decision: 'auto_sent' });
    expect(codes(sent.reasons)).toEqual(['checks_passed', 'asks_details', 'answer_probability']);
    expect(sent.answer?.probability).toBeGreaterThanOrEqual(policy.answer.threshold);
    const unsureAnswer = { ...answered, coverage: covered({ share: 0.2, answered: 0 }) };
    const weakRetrieval = retrieval(0.3, 0.05);
    const held = decide(
      input({ routing: consequential, draft: unsureAnswer, question: beside, retrieval: weakRetrieval }),
      policy,
      'auto',
    );
    expect(held).toMatchObject({ decision: 'suggested', reasons: [{ code: 'low_answer_probability' }] });
    expect(held.answer).toBeDefined();
    // With the question for the reason alone beside it, that is sent: the write is what was asked for.
    const reasonAlone = 'Hi Ana,\n\nCould you tell me the reason for cancelling #W4219264?';
    const askedAlone = decide(
      input({
        routing: consequential,
        draft: { ...unsureAnswer, readBackAlone: reasonAlone },
        question: beside,
        retrieval: weakRetrieval,
      }),
      policy,
      'auto',
    );
    expect(askedAlone.decision).toBe('auto_sent');
    expect(codes(askedAlone.reasons)).toEqual(['checks_passed', 'asks_details', 'answer_left_out']);
    expect(askedAlone.reply).toEqual({ source: 'auto', body: reasonAlone, citations: [] });
    expect(
      decide(
        input({ routing: consequential, draft: { ...asking, coverage: undefined }, question: beside }),
        policy,
        'auto',
      ),
    ).toMatchObject({
      decision: 'suggested',
      reasons: [{ code: 'question_unanswered', detail: 'how long will the refund take?' }],
    });
    // A read-back with the answer beside it likewise.
    const readBack = draft({
      writeAsked: 'words',
      coverage: covered(),
      action: 'cancel_pending_order',
      proposal: {
        actionId: 'act_1',
        tool: 'cancel_pending_order',
        input: { order_id: '#W4219264', reason: 'ordered by mistake' },
        customerId: 'c1',
        summary: 'Cancel order #W4219264',
        amountUsd: 30,
      },
    });
    expect(
      codes(
        decide(input({ routing: consequential, draft: readBack, question: beside }), policy, 'auto').reasons,
      ),
    ).toEqual(['checks_passed', 'reads_back', 'answer_probability']);
    // Unsure of the answer beside a read-back, the gate sends the read-back alone: it is what was asked for.
    const alone = 'Hi Ana,\n\nHere are the details to confirm: Cancel order #W4219264.';
    const unsureReadBack = {
      ...readBack,
      coverage: covered({ share: 0.2, answered: 0 }),
      readBackAlone: alone,
    };
    const leftOut = decide(
      input({ routing: consequential, draft: unsureReadBack, question: beside, retrieval: weakRetrieval }),
      policy,
      'auto',
    );
    expect(leftOut.decision).toBe('auto_sent');
    expect(codes(leftOut.reasons)).toEqual(['checks_passed', 'reads_back', 'answer_left_out']);
    expect(leftOut.reply).toEqual({ source: 'auto', body: alone, citations: [] });
    expect(leftOut.action).toMatchObject({ kind: 'propose' });
    // Without the read-back alone it is held, as a question for details is.
    expect(
      decide(
        input({
          routing: consequential,
          draft: { ...unsureReadBack, readBackAlone: undefined },
          question: beside,
          retrieval: weakRetrieval,
        }),
        policy,
        'auto',
      ).decision,
    ).toBe('suggested');
    const askedOfUs = 'In order #W4219264 could you switch the puzzle to the 500 piece one?';
    expect(
      decide(input({ routing: consequential, draft: asking, question: askedOfUs }), policy, 'auto').decision,
    ).toBe('auto_sent');
    // A wrong item delivered is for a person to put right, whatever the router made of it.
    const wrong = 'received a yoga mat instead of the wireless earbuds i ordered. can you swap it?';
    expect(
      decide(input({ routing: consequential, draft: asking, question: wrong }), policy, 'auto'),
    ).toMatchObject({ decision: 'suggested', reasons: [{ code: 'wrong_item_reported' }] });
    // A help-centre answer to a question about the rules for the write changes nothing: the answer model judges it.
    const rulesAnswer = draft();
    const rulesQuestion = 'Can I still cancel an order once it has been processed?';
    const judged = decide(
      input({ routing: consequential, draft: rulesAnswer, question: rulesQuestion }),
      policy,
      'auto',
    );
    expect(codes(judged.reasons)).not.toContain('band_suggest');
    expect(codes(judged.reasons)).not.toContain('consequential_intent');
    expect(judged.answer).toBeDefined();
    // Ending with the offer of the write, it is still the answer it is; any other question back is not.
    for (const [clarifies, judgedAsAnswer] of [
      [[ASKS_GO_AHEAD], true],
      [['order'], false],
    ] as const) {
      const out = decide(
        input({
          routing: consequential,
          draft: { ...rulesAnswer, clarifies: [...clarifies] },
          question: rulesQuestion,
        }),
        policy,
        'auto',
      );
      expect(
        codes(out.reasons).includes('band_suggest') || codes(out.reasons).includes('asks_whether_allowed'),
      ).toBe(!judgedAsAnswer);
    }
    // So is one asked in any words the action planner reads as a question about the rules, not a request.
    for (const question of [
      'do i need to give a reson to cancel?',
      'What if the size I want to exchange for costs more?',
    ]) {
      const out = decide(input({ routing: consequential, draft: rulesAnswer, question }), policy, 'auto');
      expect(codes(out.reasons)).not.toContain('band_suggest');
      expect(out.answer).toBeDefined();
    }
    // A question routed as a complaint is not a write's rules question: it has its own line, and a grievance
    // in words stays with a person.
    const complaint = routing({ band: 'suggest', intent: 'complaint' });
    const cracked = 'My kettle arrived cracked. Can I still return it after using it once?';
    expect(
      codes(
        decide(input({ routing: complaint, draft: rulesAnswer, question: cracked }), policy, 'auto').reasons,
      ),
    ).toEqual(['checks_passed', 'complaint_help_answer']);
    expect(
      codes(
        decide(
          input({ routing: complaint, draft: rulesAnswer, question: `${cracked} This is unacceptable.` }),
          policy,
          'auto',
        ).reasons,
      ),
    ).toEqual(['displeasure_voiced']);
    // Naming an order, or holding an order's facts, it stays with the band.
    const named = decide(
      input({ routing: consequential, draft: rulesAnswer, question: `${rulesQuestion} #W1234567` }),
      policy,
      'auto',
    );
    expect(codes(named.reasons)).toEqual(['band_suggest']);
    // A write already done (by the store or the customer) is not asked for: a person answers the grievance.
    const done = 'the price was obviously a mistake and you cancelled my order';
    expect(
      decide(input({ routing: consequential, draft: asking, question: done }), policy, 'auto'),
    ).toMatchObject({ decision: 'suggested', reasons: [{ code: 'write_already_done' }] });
    // Asking while also proposing or naming an action is not only asking.
    const acting = draft({ clarifies: ['reason'], action: 'cancel_pending_order' });
    expect(decide(input({ routing: consequential, draft: acting }), policy, 'auto').decision).toBe(
      'suggested',
    );
  });

  it('does not hold an answer to the planner’s question on the router’s doubt, but on every other check', () => {
    const unsure = routing({
      band: 'suggest',
      intent: 'product_question',
      confidence: 0.45,
      handlingConfidence: 0.45,
    });
    const answer = routing({ band: 'suggest', intent: 'out_of_scope', outOfScope: true, confidence: 0.3 });
    const worded = draft({ clarifies: ['items'], writeAsked: 'words' });
    const earlier = draft({ clarifies: ['reason'], writeAsked: 'earlier' });
    for (const [r, d] of [
      [unsure, earlier],
      [answer, earlier],
    ] as const) {
      expect(decide(input({ routing: r, draft: d }), policy, 'auto')).toMatchObject({
        decision: 'auto_sent',
        reasons: [{ code: 'checks_passed' }, { code: 'asks_details' }],
      });
    }
    // Asked in words, or standing on the routed intent alone, the router must be sure: an agent sees it.
    expect(decide(input({ routing: unsure, draft: worded }), policy, 'auto').decision).toBe('suggested');
    expect(
      decide(input({ routing: unsure, draft: draft({ clarifies: ['items'] }) }), policy, 'auto'),
    ).toMatchObject({
      decision: 'suggested',
      reasons: [
        { code: 'low_confidence', detail: `0.45 < ${policy.actionConfidenceFloor}` },
        { code: 'write_not_worded' },
      ],
    });
    // Strongly upset, a hard rule, a weak draft: still a person.
    const upset = { ...unsure, sentiment: { score: -0.8, label: 'negative' as const } };
    expect(decide(input({ routing: upset, draft: earlier }), policy, 'auto').reasons).toEqual([
      { code: 'negative_sentiment', detail: '-0.8' },
    ]);
    const ruled = { ...unsure, band: 'escalate' as const, rules: [{ id: 'human_request', reason: 'agent' }] };
    expect(
      decide(input({ source: 'escalated', routing: ruled, draft: worded }), policy, 'auto').decision,
    ).toBe('escalated');
    const weak = draft({ clarifies: ['items'], writeAsked: 'earlier', groundedness: 0.5 });
    expect(decide(input({ routing: unsure, draft: weak }), policy, 'auto').decision).toBe('suggested');
  });

  it('lets the answer model send a help-centre answer to an out-of-scope turn at its stricter line', () => {
    const lost = routing({ band: 'suggest', intent: 'out_of_scope', outOfScope: true, confidence: 0.4 });
    const strong = input({ routing: lost, retrieval: retrieval(0.9, 1) });
    const p = decide(strong, policy, 'auto').answer!.probability;
    expect(p).toBeGreaterThan(policy.answer.threshold);
    const at = (line: number) => ({ ...policy, outOfScopeAnswer: line });
    expect(decide(strong, at(p), 'auto')).toMatchObject({
      decision: 'auto_sent',
      reasons: [{ code: 'checks_passed' }, { code: 'out_of_scope_answer', detail: `${p} >= ${p}` }],
    });
    // Below the line, or with the line at 1, it stays in the band, judged.
    const above = Math.min(1, p + 0.001);
    expect(decide(strong, at(above), 'auto')).toMatchObject({
      decision: 'suggested',
      reasons: [{ code: 'band_suggest' }],
      answer: { probability: p },
    });
    expect(decide(strong, at(1), 'auto')).toMatchObject({
      decision: 'suggested',
      reasons: [{ code: 'band_suggest' }],
    });
    expect(decide(strong, at(1), 'auto').answer).toBeUndefined();
    // Never under the model's own threshold, whatever the line says.
    const weak = input({
      routing: lost,
      retrieval: retrieval(0.1, 0.05),
      draft: draft({ coverage: covered({ share: 0.2 }) }),
    });
    const low = decide(weak, at(0), 'auto');
    expect(low.answer!.probability).toBeLessThan(policy.answer.threshold);
    expect(low).toMatchObject({ decision: 'suggested', reasons: [{ code: 'band_suggest' }] });
  });

  it('keeps every other check on an out-of-scope help-centre answer, and holds any other draft in the band', () => {
    const lost = routing({ band: 'suggest', intent: 'out_of_scope', outOfScope: true, confidence: 0.4 });
    const open = { ...policy, outOfScopeAnswer: 0 };
    const upset = { ...lost, sentiment: { score: -0.8, label: 'negative' as const } };
    expect(decide(input({ routing: upset, retrieval: retrieval(0.9, 1) }), open, 'auto').reasons).toEqual([
      { code: 'negative_sentiment', detail: '-0.8' },
    ]);
    const fromRecords = draft({
      coverage: undefined,
      facts: [{ source: 'order', field: 'status', value: 'pending', ref: '#W1234567' }],
    });
    const unquoted = draft({ coverage: undefined });
    const asking = draft({ clarifies: ['items'], writeAsked: 'words' });
    for (const d of [fromRecords, unquoted]) {
      expect(decide(input({ routing: lost, draft: d }), open, 'auto')).toMatchObject({
        decision: 'suggested',
        reasons: [{ code: 'band_suggest' }],
      });
    }
    expect(decide(input({ routing: lost, draft: asking }), open, 'auto').reasons).not.toContainEqual({
      code: 'out_of_scope_answer',
    });
  });

  describe('a help-centre answer to a question routed as a complaint', () => {
    const complaint = routing({
      band: 'suggest',
      intent: 'complaint',
      confidence: 0.6,
      complaintLikelihood: 0.6,
    });
    const missing = draft({
      citations: [{ chunkId: 'c9', articleId: 'missing-items', section: 'Something missing from your box' }],
      facts: [{ source: 'article', field: 'quote', value: 'Report it within 7 days', ref: 'missing-items' }],
    });
    const asked = (question: string, over: Partial<DecisionInput> = {}) =>
      input({ routing: complaint, draft: missing, retrieval: retrieval(0.9, 1), question, ...over });
    const question = 'Got my order today but the earbuds are not in the box. What do I do?';

    it('is judged by the answer model instead of the band, the complaint likelihood aside', () => {
      const out = decide(asked(question), policy, 'auto');
      const p = out.answer!.probability;
      expect(p).toBeGreaterThanOrEqual(policy.answer.threshold);
      expect(out).toMatchObject({
        decision: 'auto_sent',
        reasons: [
          { code: 'checks_passed' },
          { code: 'complaint_help_answer', detail: `${p} >= ${policy.answer.threshold}` },
        ],
        reply: { citations: missing.citations },
      });
      // Its own line, never below the model's threshold; at 1 the band holds it unjudged.
      const at = (line: number) => ({ ...policy, complaintHelpAnswer: line });
      expect(decide(asked(question), at(Math.min(1, p + 0.001)), 'auto')).toMatchObject({
        decision: 'suggested',
        reasons: [{ code: 'band_suggest' }],
        answer: { probability: p },
      });
      const off = decide(asked(question), at(1), 'auto');
      expect(off).toMatchObject({ decision: 'suggested', reasons: [{ code: 'band_suggest' }] });
      expect(off.answer).toBeUndefined();
      const weak = asked(question, {
        retrieval: retrieval(0.1, 0.05),
        draft: { ...missing, coverage: covered({ share: 0.2 }) },
      });
      const low = decide(weak, at(0), 'auto');
      expect(low.answer!.probability).toBeLessThan(policy.answer.threshold);
      expect(low).toMatchObject({ decision: 'suggested', reasons: [{ code: 'band_suggest' }] });
    });

    it('holds a grievance, a named order, a second article, records or a question back in the band', () => {
      expect(
        decide(asked('The earbuds were not in the box. Nobody answers my emails!'), policy, 'auto'),
      ).toMatchObject({
        decision: 'suggested',
        reasons: [{ code: 'displeasure_voiced' }],
      });
      const upset = { ...complaint, sentiment: { score: -0.8, label: 'negative' as const } };
      expect(decide(asked(question, { routing: upset }), policy, 'auto').reasons).toEqual([
        { code: 'negative_sentiment', detail: '-0.8' },
      ]);
      const held = (i: DecisionInput) =>
        expect(decide(i, policy, 'auto')).toMatchObject({
          decision: 'suggested',
          reasons: [{ code: 'band_suggest' }],
        });
      held(asked('The earbuds were not in #W1234567. What do I do?'));
      held(
        asked(question, { draft: { ...missing, citations: [...missing.citations, draft().citations[0]!] } }),
      );
      held(
        asked(question, {
          draft: {
            ...missing,
            facts: [
              ...missing.facts,
              { source: 'order', field: 'status', value: 'delivered', ref: '#W1234567' },
            ],
          },
        }),
      );
      const asking = decide(asked(question, { draft: { ...missing, clarifies: ['items'] } }), policy, 'auto');
      expect(asking.decision).toBe('suggested');
      expect(codes(asking.reasons)).not.toContain('complaint_help_answer');
      held(asked(question, { draft: { ...missing, coverage: undefined } }));
      held(asked(question, { question: undefined }));
    });
  });

  it('does not hold a plain request asked in words on the router’s doubt; a request inside a story it does', () => {
    const doubt = routing({ band: 'suggest', intent: 'out_of_scope', outOfScope: true, confidence: 0.47 });
    const worded = draft({ clarifies: ['payment'], writeAsked: 'words' });
    const plain = 'Hello,\n\nReturn #W3794101 via paypal_2076152: Cycling Helmet; Thank you.';
    expect(decide(input({ routing: doubt, draft: worded, question: plain }), policy, 'auto')).toMatchObject({
      decision: 'auto_sent',
      reasons: [{ code: 'checks_passed' }, { code: 'asks_details' }],
    });
    const story = 'The speaker is great, I use it daily. I want to return the cycling helmet from #W3794101.';
    expect(decide(input({ routing: doubt, draft: worded, question: story }), policy, 'auto').decision).toBe(
      'suggested',
    );
    // Standing on the routed intent alone, plain words or not, the router must be sure.
    const routed = draft({ clarifies: ['payment'] });
    expect(decide(input({ routing: doubt, draft: routed, question: plain }), policy, 'auto').decision).toBe(
      'suggested',
    );
  });

  it('escalates when there is no draft, carrying the resolver reason', () => {
    const out = decide(input({ draft: null, noDraftReason: 'top score below floor' }), policy, 'auto');
    expect(out.decision).toBe('escalated');
    expect(out.reasons).toEqual([{ code: 'no_draft', detail: 'top score below floor' }]);
  });
});

describe('decide: thanks after a reply', () => {
  const welcome = draft({
    body: "Hi Emma,\n\nYou're welcome, glad I could help.",
    citations: [],
    facts: [],
    coverage: undefined,
  });
  const thanked = (over: Partial<DecisionInput> = {}) =>
    input({
      routing: routing({ intent: 'out_of_scope', outOfScope: true, band: 'suggest', confidence: 0.1 }),
      draft: welcome,
      question: 'ok great, thanks a lot',
      ...over,
    });

  it('sends the thanks back whatever band the router chose', () => {
    const out = decide(thanked(), policy, 'auto');
    expect(out.decision).toBe('auto_sent');
    expect(codes(out.reasons)).toEqual(['checks_passed', 'thanks_acknowledged']);
  });

  it('sends the same for an acknowledgement with no thanks word ("ok", "👍")', () => {
    const glad = { ...welcome, body: 'Hi Emma,\n\nGlad I could help.' };
    for (const question of ['ok', 'got it', '👍']) {
      const out = decide(thanked({ question, draft: glad }), policy, 'auto');
      expect(codes(out.reasons)).toEqual(['checks_passed', 'thanks_acknowledged']);
    }
    expect(decide(thanked({ question: 'ok but when?', draft: glad }), policy, 'auto').decision).not.toBe(
      'auto_sent',
    );
  });

  it('is no such reply when the message says more, or the draft states or cites anything', () => {
    expect(decide(thanked({ question: 'thanks, but when will it ship?' }), policy, 'auto').decision).not.toBe(
      'auto_sent',
    );
    const unfounded = { ...welcome, groundedness: 0.5 };
    expect(decide(thanked({ draft: unfounded }), policy, 'auto').decision).not.toBe('auto_sent');
    const stating = {
      ...welcome,
      facts: [{ source: 'order' as const, ref: '#W1', field: 'status', value: 'pending' }],
    };
    expect(decide(thanked({ draft: stating }), policy, 'auto').decision).not.toBe('auto_sent');
    expect(
      decide(thanked({ draft: { ...welcome, citations: draft().citations } }), policy, 'auto').decision,
    ).not.toBe('auto_sent');
  });

  it('leaves a ticket an agent owns, or the kill switch, to decide as always', () => {
    expect(decide({ ...thanked(), owner: 'agent' }, policy, 'auto').decision).not.toBe('auto_sent');
    expect(decide(thanked(), policy, 'suggest_only').decision).toBe('suggested');
  });
});

describe('decide: kill switch and ownership', () => {
  it('disabled: a static acknowledgement and an escalation, even for a perfect draft', () => {
    const out = decide(input(), policy, 'disabled');
    expect(out.decision).toBe('escalated');
    expect(out.reply).toEqual({ source: 'static', body: policy.staticReply, citations: [] });
    expect(out.handoff?.kind).toBe('escalate');
    expect(out.reasons[0]).toEqual({ code: 'kill_switch', detail: 'disabled' });
  });

  it('suggest_only: nothing is sent; the draft goes to a person', () => {
    const out = decide(input(), policy, 'suggest_only');
    expect(out.decision).toBe('suggested');
    expect(out.reply).toBeUndefined();
    expect(out.reasons).toEqual([{ code: 'kill_switch', detail: 'suggest_only' }]);
    expect(out.handoff?.kind).toBe('suggest');
  });

  it('suggest_only keeps an escalation an escalation', () => {
    const out = decide(input({ routing: routing({ band: 'escalate' }) }), policy, 'suggest_only');
    expect(out.decision).toBe('escalated');
    expect(codes(out.reasons)).toEqual(['kill_switch', 'band_escalate']);
  });

  it('an agent-owned ticket is never answered by the bot, not even with the static reply', () => {
    for (const mode of ['auto', 'suggest_only', 'disabled'] as const) {
      const out = decide(input({ owner: 'agent' }), policy, mode);
      expect(out.decision).toBe('suggested');
      expect(out.reply).toBeUndefined();
      expect(out.reasons).toEqual([{ code: 'agent_owned' }]);
    }
    expect(decide(input({ owner: 'agent', draft: null }), policy, 'auto').decision).toBe('escalated');
  });
});

describe('priorityFor', () => {
  it('starts escalations high and bumps for strong negative sentiment and a worsening trend', () => {
    expect(priorityFor('escalated', routing(), policy)).toBe('high');
    expect(priorityFor('suggested', routing(), policy)).toBe('normal');
    expect(priorityFor('suggested', routing({ outOfScope: true }), policy)).toBe('low');
    const angry = routing({ sentiment: { score: -0.9, label: 'negative' } });
    expect(priorityFor('suggested', angry, policy)).toBe('high');
    expect(priorityFor('escalated', angry, policy)).toBe('urgent');
    const worsening = routing({ sentiment: { score: -0.9, label: 'negative', trend: -1.2 } });
    expect(priorityFor('escalated', worsening, policy)).toBe('urgent');
  });
});
