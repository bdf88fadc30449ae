import { beforeAll, describe, expect, it } from '@jest/globals';
import { anonymousTurn } from '@parley/contracts/testing';
import type { ConversationEntry, TicketTurn } from '@parley/contracts';
import { Routing } from '@parley/contracts';
import { IDENTITY_QUESTION, ORDER_LOOKUP_LEAD } from '@parley/wording';
import type { Taxonomy } from '@parley/demo-store';
import { loadTaxonomy } from '@parley/demo-store';
import type { IntentResult } from '../intent/classifier.js';
import type { RoutingOptions } from './decide.js';
import { chooseBand, decideRouting, handlingConfidence, specFor, stricterBand, turnText } from './decide.js';

let taxonomy: Taxonomy;
beforeAll(async () => {
  taxonomy = await loadTaxonomy();
});

const options: RoutingOptions = {
  escalateAmountUsd: 200,
  minConfidence: 0.5,
  trend: { minTurns: 2, escalateBelow: -0.5 },
};
const at = new Date(0).toISOString();

function ticket(body: string, history: ConversationEntry[] = [], subject?: string): TicketTurn {
  return anonymousTurn(body, { history, receivedAt: at, ...(subject ? { subject } : {}) });
}
const sure = (intent: string, confidence = 0.9): IntentResult => ({ intent, confidence, outOfScope: false });
const decide = (t: TicketTurn, intent: IntentResult | null, turn = 1) =>
  decideRouting({ ticket: t, turn, intent, router: 'local-model', taxonomy, options });

describe('handlingConfidence', () => {
  const spread = (distribution: Array<{ intent: string; p: number }>): IntentResult => ({
    intent: distribution[0]!.intent,
    confidence: distribution[0]!.p,
    outOfScope: false,
    distribution,
  });

  it('adds the probability of intents with the same band and tools, and nothing else', () => {
    // shipping_info, returns_policy: auto band, no tools; order_status: auto but with lookups; cancel: suggest.
    const result = spread([
      { intent: 'shipping_info', p: 0.5 },
      { intent: 'returns_policy', p: 0.3 },
      { intent: 'order_status', p: 0.1 },
      { intent: 'cancel_order', p: 0.05 },
    ]);
    expect(handlingConfidence(taxonomy, 'shipping_info', result)).toBeCloseTo(0.8);
    expect(handlingConfidence(taxonomy, 'order_status', { ...result, confidence: 0.1 })).toBeCloseTo(0.1);
  });

  it('counts the intents allowed a store write as handled alike when the words ask for one', () => {
    const result = spread([
      { intent: 'modify_order', p: 0.48 },
      { intent: 'exchange_request', p: 0.4 },
      { intent: 'product_question', p: 0.12 },
    ]);
    const asked = 'For #W1234567, exchange the kettle for the 1L glass one.';
    expect(handlingConfidence(taxonomy, 'modify_order', result, asked)).toBeCloseTo(0.88);
    // A help-centre intent is not counted with them, nor are they when the text only asks about a write.
    const help = { ...result, confidence: 0.12 };
    expect(handlingConfidence(taxonomy, 'product_question', help, asked)).toBeCloseTo(0.12);
    const question = 'Can I exchange a kettle for a smaller one?';
    expect(handlingConfidence(taxonomy, 'modify_order', result, question)).toBeCloseTo(0.48);
  });

  it('is the confidence itself without a distribution, for an unknown intent, or out of scope', () => {
    expect(handlingConfidence(taxonomy, 'shipping_info', sure('shipping_info', 0.6))).toBe(0.6);
    const unknown = spread([{ intent: 'weather', p: 0.7 }]);
    expect(handlingConfidence(taxonomy, 'weather', unknown)).toBe(0.7);
    const oos = { ...spread([{ intent: 'shipping_info', p: 0.3 }]), outOfScope: true };
    expect(handlingConfidence(taxonomy, 'shipping_info', oos)).toBe(0.3);
  });

  it('is carried on the routing, and only when the classifier gave a distribution', () => {
    const routed = decide(
      ticket('how much is delivery'),
      spread([
        { intent: 'shipping_info', p: 0.6 },
        { intent: 'returns_policy', p: 0.35 },
      ]),
    );
    expect(routed.routing.confidence).toBe(0.6);
    expect(routed.routing.handlingConfidence).toBeCloseTo(0.95);
    expect(Routing.parse(routed.routing).handlingConfidence).toBeCloseTo(0.95);
    expect(decide(ticket('how much is delivery'), sure('shipping_info')).routing).not.toHaveProperty(
      'handlingConfidence',
    );
  });
});

describe('complaintLikelihood', () => {
  const spread = (distribution: Array<{ intent: string; p: number }>, outOfScope = false): IntentResult => ({
    intent: distribution[0]!.intent,
    confidence: distribution[0]!.p,
    outOfScope,
    distribution,
  });

  it('carries the probability of a complaint whatever intent was chosen', () => {
    const text = 'ordered over a week ago, still nothing. very disappointed';
    const routed = decide(
      ticket(text),
      spread([
        { intent: 'order_status', p: 0.55 },
        { intent: 'complaint', p: 0.4 },
        { intent: 'shipping_info', p: 0.05 },
      ]),
    );
    expect(routed.routing.intent).toBe('order_status');
    expect(Routing.parse(routed.routing).complaintLikelihood).toBe(0.4);
    const none = decide(ticket('how much is delivery'), spread([{ intent: 'shipping_info', p: 0.9 }]));
    expect(none.routing.complaintLikelihood).toBe(0);
  });

  it('is absent without a distribution or out of scope', () => {
    expect(decide(ticket('how much is delivery'), sure('shipping_info')).routing).not.toHaveProperty(
      'complaintLikelihood',
    );
    const oos = spread([{ intent: 'complaint', p: 0.3 }], true);
    expect(decide(ticket('what is the weather'), oos).routing).not.toHaveProperty('complaintLikelihood');
  });
});

describe('chooseBand', () => {
  it('keeps the intent band when the classifier is sure', () => {
    expect(chooseBand('auto', sure('order_status'), 0.5)).toBe('auto');
    expect(chooseBand('suggest', sure('cancel_order'), 0.5)).toBe('suggest');
  });

  it('lowers to suggest when unsure or out of scope, never raises', () => {
    expect(chooseBand('auto', sure('order_status', 0.4), 0.5)).toBe('suggest');
    expect(chooseBand('auto', { intent: 'out_of_scope', confidence: 0.9, outOfScope: true }, 0.5)).toBe(
      'suggest',
    );
    expect(chooseBand('escalate', sure('order_status', 0.1), 0.5)).toBe('escalate');
  });
});

describe('a band asked for by the classifier', () => {
  it('only ever tightens', () => {
    expect(stricterBand('auto', 'suggest')).toBe('suggest');
    expect(stricterBand('suggest', 'escalate')).toBe('escalate');
    expect(stricterBand('suggest', 'auto')).toBe('suggest');
    expect(stricterBand('escalate', 'auto')).toBe('escalate');
    expect(stricterBand('auto', undefined)).toBe('auto');
  });

  it('is combined with the taxonomy band before the confidence check', () => {
    expect(chooseBand('suggest', { ...sure('cancel_order'), band: 'auto' }, 0.5)).toBe('suggest');
    expect(chooseBand('auto', { ...sure('order_status'), band: 'suggest' }, 0.5)).toBe('suggest');
    expect(chooseBand('auto', { ...sure('order_status', 0.1), band: 'escalate' }, 0.5)).toBe('escalate');
  });

  it('escalates with router_escalates when the classifier asks for a person', () => {
    const d = decide(ticket('Where is my order?'), { ...sure('order_status'), band: 'escalate' });
    expect(d.kind).toBe('escalated');
    expect(d.routing).toMatchObject({ band: 'escalate', allowedTools: [], router: 'local-model' });
    expect(d.routing.rules.map((r) => r.id)).toEqual(['router_escalates']);
  });
});

describe('decideRouting', () => {
  it('routes a plain question with the taxonomy band, tier and tools', () => {
    const d = decide(ticket('Where is my order?'), sure('order_status'));
    expect(d.kind).toBe('routed');
    expect(d.routing).toMatchObject({
      intent: 'order_status',
      band: 'auto',
      tier: taxonomy.intents.order_status.tier,
      allowedTools: taxonomy.intents.order_status.tools,
      rules: [],
      router: 'local-model',
    });
    expect(Routing.safeParse(d.routing).success).toBe(true);
  });

  it('escalates on a hard rule with the rule recorded and no tools', () => {
    const d = decide(ticket('I want a $450 refund right now'), sure('refund_status'));
    expect(d.kind).toBe('escalated');
    expect(d.routing).toMatchObject({
      band: 'escalate',
      router: 'rules',
      allowedTools: [],
      intent: 'refund_status',
    });
    expect(d.routing.rules.map((r) => r.id)).toEqual(['money_over_limit']);
  });

  it('reads the subject as well as the body', () => {
    expect(decide(ticket('see below', [], 'Close my account'), sure('account')).routing.rules[0]?.id).toBe(
      'account_closure',
    );
    expect(turnText({ subject: 'A', body: 'B' })).toBe('A\nB');
  });

  it('reads the subject with the first message only', () => {
    const earlier: ConversationEntry[] = [
      { turn: 1, role: 'customer', body: 'Cancel order #W1234567, ordered by mistake.', at },
      { turn: 1, role: 'bot', body: 'Done: order #W1234567 is cancelled.', at },
    ];
    const later = { subject: 'Cancel order #W1234567', body: 'Now please return my lamp.', history: earlier };
    expect(turnText(later)).toBe('Now please return my lamp.');
    expect(turnText({ ...later, history: [] })).toBe('Cancel order #W1234567\nNow please return my lamp.');
  });

  it('escalates a conversation that is clearly getting worse', () => {
    const history: ConversationEntry[] = [
      { turn: 1, role: 'customer', body: 'Hi! Thanks, great shop, where is my parcel?', at },
      { turn: 1, role: 'bot', body: 'It is on its way.', at },
    ];
    const d = decide(
      ticket('Still nothing. This is ridiculous, worst store ever.', history),
      sure('order_status'),
      2,
    );
    expect(d.kind).toBe('escalated');
    expect(d.routing.rules.map((r) => r.id)).toEqual(['negative_trend']);
    expect(d.routing.sentiment.trend).toBeLessThan(-0.5);
  });

  it('suggests out-of-scope text and treats an intent unknown to the taxonomy as out of scope', () => {
    const oos = decide(ticket('What is the weather like?'), {
      intent: 'out_of_scope',
      confidence: 0.7,
      outOfScope: true,
    });
    expect(oos.routing).toMatchObject({ band: 'suggest', outOfScope: true, allowedTools: [] });
    const unknown = decide(ticket('Hello'), sure('book_flight'));
    expect(unknown.routing).toMatchObject({ intent: 'out_of_scope', band: 'suggest', outOfScope: true });
    expect(specFor(taxonomy, 'book_flight').known).toBe(false);
  });

  it('records an unasked classifier as unclassified', () => {
    const d = decide(ticket('My lawyer will call you'), null);
    expect(d.routing).toMatchObject({
      intent: 'out_of_scope',
      confidence: 0,
      band: 'escalate',
      router: 'rules',
    });
  });

  it('escalates an intent whose taxonomy band is escalate', () => {
    const strict: Taxonomy = {
      ...taxonomy,
      intents: { ...taxonomy.intents, complaint: { ...taxonomy.intents.complaint, band: 'escalate' } },
    };
    const d = decideRouting({
      ticket: ticket('My parcel was damaged'),
      turn: 1,
      intent: sure('complaint'),
      router: 'local-model',
      taxonomy: strict,
      options,
    });
    expect(d.kind).toBe('escalated');
    expect(d.routing.rules.map((r) => r.id)).toEqual(['intent_escalates']);
  });
});

describe('a question about the status of an order, in everyday words', () => {
  const known = (body: string) => anonymousTurn(body, { customer: { crmId: 'emma_1' }, receivedAt: at });
  const unsure = (intent: string, p: number, orderStatus: number): IntentResult => ({
    intent,
    confidence: p,
    outOfScope: false,
    distribution:
      intent === 'order_status'
        ? [{ intent, p }]
        : [
            { intent, p },
            { intent: 'order_status', p: orderStatus },
          ],
  });
  const emma = "Hi, can you tell me what's happening with my order #W3113816? Thanks, Emma";

  it("is order_status in the auto band from a known customer, whatever the classifier's doubt", () => {
    for (const result of [
      unsure('order_status', 0.58, 0.58),
      unsure('shipping_info', 0.45, 0.3),
      { intent: 'out_of_scope', confidence: 0.3, outOfScope: true },
    ]) {
      const d = decide(known(emma), result);
      expect(d.statusQuestion).toBe(true);
      expect(d.routing).toMatchObject({
        intent: 'order_status',
        band: 'auto',
        outOfScope: false,
        allowedTools: taxonomy.intents.order_status.tools,
      });
    }
    // The confidence stays the classifier's own for order_status, for the gate to weigh.
    expect(decide(known(emma), unsure('shipping_info', 0.45, 0.3)).routing.confidence).toBe(0.3);
    expect(
      decide(known(emma), { intent: 'out_of_scope', confidence: 0.3, outOfScope: true }).routing.confidence,
    ).toBe(0);
  });

  it('reads "2" or "the cancelled one" to the list of their orders the last reply asked about as a status question', () => {
    const list =
      'Hi Emma,\n\nI can see these orders on your account: #W3113816 (processed), #W1000001 (pending), ' +
      '#W1000002 (pending), #W1000003 (cancelled). Which one is your question about?';
    const history: ConversationEntry[] = [
      { turn: 1, role: 'customer', body: 'where is my order?', at },
      { turn: 1, role: 'bot', body: list, at },
    ];
    const answer = (body: string) =>
      anonymousTurn(body, { customer: { crmId: 'emma_1' }, history, receivedAt: at });
    for (const body of ['2', 'the cancelled one']) {
      const d = decide(answer(body), { intent: 'out_of_scope', confidence: 0.3, outOfScope: true });
      expect(d.statusQuestion).toBe(true);
      expect(d.routing).toMatchObject({ intent: 'order_status', band: 'auto' });
    }
    // A status two of them have picks none; nor does any answer from an unknown sender.
    const both = decide(answer('the pending one'), {
      intent: 'out_of_scope',
      confidence: 0.3,
      outOfScope: true,
    });
    expect(both.statusQuestion).toBe(false);
    const stranger = anonymousTurn('2', { history, receivedAt: at });
    expect(
      decide(stranger, { intent: 'out_of_scope', confidence: 0.3, outOfScope: true }).statusQuestion,
    ).toBe(false);
  });

  it('is left to the classifier from an unknown sender, who has no orders to ask about', () => {
    const d = decide(ticket(emma), unsure('order_status', 0.4, 0.4));
    expect(d.statusQuestion).toBe(false);
    expect(d.routing.band).toBe('suggest');
  });

  it('reads the details an order lookup asked for as the status question they answer', () => {
    const history: ConversationEntry[] = [
      { turn: 1, role: 'customer', body: 'has my order shipped yet?', at },
      { turn: 1, role: 'bot', body: `Hi there,\n\n${ORDER_LOOKUP_LEAD} ${IDENTITY_QUESTION}`, at },
    ];
    const details = ticket('emma.kovacs@example.com', history);
    expect(turnText(details)).toBe('has my order shipped yet?\nemma.kovacs@example.com');
    const d = decide(details, { intent: 'out_of_scope', confidence: 0.3, outOfScope: true }, 2);
    expect(d.statusQuestion).toBe(true);
    expect(d.routing).toMatchObject({ intent: 'order_status', band: 'auto', outOfScope: false });
    // Words that give no details are read as themselves, from a sender still unknown.
    const other = ticket('I forgot which email I used', history);
    expect(turnText(other)).toBe('I forgot which email I used');
    expect(
      decide(other, { intent: 'out_of_scope', confidence: 0.3, outOfScope: true }, 2).statusQuestion,
    ).toBe(false);
  });

  it('is left to the classifier when the message also asks for something, or reports a problem', () => {
    for (const body of [
      'Has #W3113816 shipped? If not please cancel it',
      'Where is #W3113816? I want to change the address',
      'My order #W3113816 arrived damaged, what is its status?',
    ]) {
      const d = decide(known(body), unsure('shipping_info', 0.45, 0.3));
      expect(d.statusQuestion).toBe(false);
      expect(d.routing.intent).toBe('shipping_info');
    }
  });

  it('reads an order that has not come as a status question, for the gate to check against the records', () => {
    const waiting = "What's going on with my order? I haven't received anything and it's been ages";
    const d = decide(known(waiting), unsure('complaint', 0.4, 0.3));
    expect(d.statusQuestion).toBe(true);
    expect(d.routing).toMatchObject({ intent: 'order_status', band: 'auto' });
  });

  it('does not overrule a classifier sure of an intent a person handles', () => {
    const mistake = 'Has #W3113816 shipped yet? I ordered it by mistake.';
    const d = decide(known(mistake), unsure('cancel_order', 0.85, 0.1));
    expect(d.statusQuestion).toBe(false);
    expect(d.routing).toMatchObject({ intent: 'cancel_order', band: 'suggest' });
    const doubtful = decide(known(mistake), unsure('cancel_order', 0.4, 0.3));
    expect(doubtful.routing).toMatchObject({ intent: 'order_status', band: 'auto' });
  });

  it('overrules a sure complaint asked calmly about where the order is, never a grievance', () => {
    const calm = "Hi! I ordered a kettle and a lamp and nothing's arrived. Is it on the way? 🙂 Isabella";
    expect(decide(known(calm), unsure('complaint', 0.87, 0.1)).routing).toMatchObject({
      intent: 'order_status',
      band: 'auto',
    });
    for (const body of [
      'Where is my order? Third time I ask, this is really bad service.',
      'Was #W3113816 delivered? It arrived damaged.',
      "I'm annoyed, where is my order #W3113816?",
    ])
      expect(decide(known(body), unsure('complaint', 0.87, 0.1)).routing.intent).toBe('complaint');
  });

  it('overrules a sure change read from the products a status question names, when no words ask for it', () => {
    const state =
      'I would like to know the state of my order with the laptop and espresso machine. It is not shipped yet?';
    const d = decide(known(state), unsure('modify_order', 0.85, 0.1));
    expect(d.routing).toMatchObject({ intent: 'order_status', band: 'auto' });
    // Asked for in so many words, the change stands.
    const asked = 'Has my order with the laptop shipped? I want to switch the laptop to the silver one.';
    expect(decide(known(asked), unsure('modify_order', 0.85, 0.1)).routing.intent).toBe('modify_order');
  });

  it('overrules a sure cancellation read from a question about the cancelled state, not a grievance', () => {
    const why = decide(known('Why was my order #W3113816 cancelled?'), unsure('cancel_order', 0.85, 0.1));
    expect(why.routing).toMatchObject({ intent: 'order_status', band: 'auto', confidence: 0.1 });
    const typo = decide(
      known('#W3113816 whats the status? was it canceld?'),
      unsure('cancel_order', 0.85, 0.1),
    );
    expect(typo.routing).toMatchObject({ intent: 'order_status', band: 'auto' });
    // Misspelt past the wording, read through the mender the router is given.
    const misspelt = known('Why was my order #W3113816 caancelled?');
    expect(decide(misspelt, unsure('cancel_order', 0.85, 0.1)).routing.intent).toBe('cancel_order');
    const mend = (t: string) => t.replace('caancelled', 'cancelled');
    const mended = decideRouting({
      ticket: misspelt,
      turn: 1,
      intent: unsure('cancel_order', 0.85, 0.1),
      router: 'local-model',
      taxonomy,
      options: { ...options, mend },
    });
    expect(mended.routing).toMatchObject({ intent: 'order_status', band: 'auto' });
    // A cancellation already made, asked about ("did it go through?", "please confirm it is cancelled").
    for (const body of [
      'Did my cancellation for #W3113816 go through?',
      'is #W3113816 cancelled? i hit cancel but the app froze',
      'did the cancel on #W3113816 go through??',
      'I have cancel the order #W3113816. Please confirm me the order is cancelled.',
      "Hi! Just checking #W3113816 didn't get cancelled by accident, I clicked around a lot",
    ]) {
      expect(decide(known(body), unsure('cancel_order', 0.85, 0.1)).routing.intent).toBe('order_status');
    }
    for (const body of [
      'You cancelled my order #W3113816 without telling me. Very poor.',
      "ORDER #W3113816 SAYS CANCELLED. I DIDN'T CANCEL IT!",
    ]) {
      expect(decide(known(body), unsure('cancel_order', 0.85, 0.1)).routing.intent).toBe('cancel_order');
    }
  });

  it("needs an order id for someone else's order", () => {
    const wife = "Can you check on my wife's order? She wants to know when it's coming.";
    expect(decide(known(wife), unsure('order_status', 0.4, 0.4)).statusQuestion).toBe(false);
    expect(decide(known(`${wife} It's #W3113816.`), unsure('order_status', 0.4, 0.4)).statusQuestion).toBe(
      true,
    );
  });

  it('still escalates on a hard rule, and only tightens a band the classifier asks for', () => {
    const legal = decide(
      known('Where is #W3113816? My lawyer will hear about this'),
      unsure('order_status', 0.9, 0.9),
    );
    expect(legal.kind).toBe('escalated');
    expect(legal.routing.rules.map((r) => r.id)).toEqual(['legal_threat']);
    const asked = decide(known(emma), { ...unsure('order_status', 0.9, 0.9), band: 'escalate' });
    expect(asked.routing.band).toBe('escalate');
  });
});
