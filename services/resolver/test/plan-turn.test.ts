import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Routing, TicketTurn } from '@parley/contracts';
import { ASKS_GO_AHEAD } from '@parley/contracts';
import { GO_AHEAD_QUESTION } from '@parley/wording';
import { planReply } from '../src/compose/local/plan/reply.js';
import { ASK_ORDER, ASKS, IDENTITY_UNMATCHED, LEADS, READ_BACK } from '../src/compose/local/plan/wording.js';
import { planTurn } from '../src/compose/local/plan/turn.js';
import { LocalComposer } from '../src/compose/local/local-composer.js';
import { ONE_AT_A_TIME } from '../src/compose/local/boilerplate.js';
import {
  CANCEL,
  CANCEL_HOW,
  customer,
  pendingOrder,
  processedOrder,
  REFUNDS,
  retrieval,
  routing as fixtureRouting,
  ticket,
} from '../src/compose/local/testing.js';
import type { DemoStore } from './demo-store.js';
import { demoStore } from './demo-store.js';

// How the planner says the write was asked (`Draft.writeAsked`): the gate holds a read-back or question to the
// router's confidence only when the write stands on the routed intent alone.

let demo: DemoStore;
const USER = 'omar_muller_7891';
const at = '2026-01-01T00:00:00.000Z';

beforeAll(async () => {
  demo = await demoStore('plan_turn');
});
afterAll(() => demo.db.drop());

const routing = (intent: string): Routing => ({
  intent,
  confidence: 0.55,
  tier: 'local',
  band: 'suggest',
  outOfScope: intent === 'out_of_scope',
  sentiment: { score: 0, label: 'neutral' },
  allowedTools: [],
  rules: [],
  router: 'local-model',
});

const turn = (body: string, history: Array<['customer' | 'bot', string]> = []): TicketTurn => ({
  channel: 'api',
  customer: { crmId: USER },
  body,
  history: history.map(([role, text], i) => ({ turn: i + 1, role, body: text, at })),
  receivedAt: at,
});

describe('planTurn: how the write was asked', () => {
  it('in words: a request frame names the write, whatever the router read the story as', async () => {
    const planned = await planTurn(
      turn('For #W7044833, modify Jigsaw Puzzle (pieces 500, theme art) to (pieces 1000).'),
      routing('product_question'),
      { store: demo.store },
    );
    expect(planned?.requested).toBe('swap');
    expect(planned?.asked).toBe('words');
  });

  it('earlier: the message answers what the previous reply asked for the write', async () => {
    const planned = await planTurn(
      turn('I no longer need it.', [
        ['customer', 'Cancel #W7044833 please'],
        ['bot', `${LEADS.cancel} ${ASKS.reason}`],
      ]),
      routing('out_of_scope'),
      { store: demo.store },
    );
    expect(planned).toMatchObject({ requested: 'cancel', asked: 'earlier', plan: { kind: 'propose' } });
  });

  it('on the routed intent alone when the customer answers a read-back with more than yes or no', async () => {
    const planned = await planTurn(
      turn('No, that is not what I asked for.', [
        ['customer', 'Cancel #W7044833 please, I no longer need it'],
        ['bot', `${LEADS.cancel} ${READ_BACK} Cancel order #W7044833.`],
      ]),
      routing('complaint'),
      { store: demo.store },
    );
    expect(planned?.requested).toBe('cancel');
    expect(planned?.asked).toBeUndefined();
  });

  it('on the routed intent alone when the words frame no request', async () => {
    const planned = await planTurn(
      turn('The jigsaw puzzle in #W7044833 is no longer needed.'),
      routing('cancel_order'),
      { store: demo.store },
    );
    expect(planned?.requested).toBe('cancel');
    expect(planned?.asked).toBeUndefined();
  });
});

describe('planTurn: a question that states the details of the write', () => {
  it('reads the write back for the customer to confirm', async () => {
    const sure = { ...routing('return_request'), confidence: 0.95 };
    const planned = await planTurn(
      turn('Can I return the kettle from #W6573840? Refund to my gift card is fine.'),
      sure,
      { store: demo.store },
    );
    expect(planned).toMatchObject({
      requested: 'return',
      plan: { kind: 'propose', tool: 'return_delivered_order_items' },
    });
    // The same question without the details is about the rules: nothing is planned.
    expect(
      await planTurn(turn('Can I return the kettle from #W6573840?'), sure, { store: demo.store }),
    ).toBeUndefined();
  });
});

describe('LocalComposer with the planner: a question about the rules for an order of theirs', () => {
  const compose = (body: string, status = 'pending') =>
    new LocalComposer({ retrievalFloor: 0.3, actions: { store: demo.store } }).compose({
      ticket: ticket(body),
      routing: fixtureRouting('cancel_order', 'suggest'),
      retrieval: retrieval([CANCEL], customer([{ ...pendingOrder, status }])),
    });

  it('answers whether the order allows it and offers the write, proposing nothing', async () => {
    const draft = (await compose('Can I still cancel #W8770097?')).draft!;
    expect(draft.body).toContain('Because it is pending, it can be cancelled.');
    expect(draft.body).toContain(`${LEADS.cancel} ${GO_AHEAD_QUESTION}`);
    expect(draft.body).not.toContain('to confirm');
    expect(draft.clarifies).toEqual([ASKS_GO_AHEAD]);
    expect(draft.action).toBeUndefined();
    expect(draft.proposal).toBeUndefined();
    expect(draft.toolCalls).toEqual([]);
  });

  it('offers nothing when the order no longer allows it', async () => {
    const draft = (await compose('Can I still cancel #W8770097?', 'processed')).draft!;
    expect(draft.body).toContain('Because it is processed, it can no longer be cancelled.');
    expect(draft.body).not.toContain(GO_AHEAD_QUESTION);
    expect(draft.clarifies).toBeUndefined();
  });

  it('carries on with the write on a yes, and says nothing changed on a no', async () => {
    // The sender's own pending order in the demo store, which the planner reads.
    const offered = (await compose('Can I still cancel #W8770097?')).draft!.body.replaceAll(
      '#W8770097',
      '#W7044833',
    );
    const history: Array<['customer' | 'bot', string]> = [
      ['customer', 'Can I still cancel #W7044833?'],
      ['bot', offered],
    ];
    const answer = (body: string) =>
      new LocalComposer({ retrievalFloor: 0.3, actions: { store: demo.store } }).compose({
        ticket: turn(body, history),
        routing: fixtureRouting('out_of_scope', 'suggest'),
        retrieval: retrieval([CANCEL], customer([{ ...pendingOrder, orderId: '#W7044833' }])),
      });
    const yes = (await answer('yes please')).draft!;
    expect(yes.body).toContain(LEADS.cancel);
    expect(yes.body).toContain(ASKS.reason);
    expect(yes.writeAsked).toBe('earlier');
    const no = (await answer('no thanks, I will keep it')).draft!;
    expect(no.body).toContain('No problem, nothing has been changed.');
    expect(no.body).not.toContain(LEADS.cancel);
    expect(no.facts).toEqual([]);
    expect(no.groundedness).toBe(1);
    // A no to the question for the reason withdraws the request too.
    history.push(['customer', 'yes please'], ['bot', yes.body]);
    const withdrawn = (await answer('actually no, keep it')).draft!;
    expect(withdrawn.body).toContain('No problem, nothing has been changed.');
    expect(withdrawn.body).not.toContain(ASKS.reason);
  });
});

describe('LocalComposer with the planner: how a write is done, asked naming no order', () => {
  const compose = (orders: ReturnType<typeof customer> | null) =>
    new LocalComposer({ retrievalFloor: 0.3, actions: { store: demo.store } }).compose({
      ticket: ticket('how do I cancel my order?'),
      routing: fixtureRouting('cancel_order', 'suggest'),
      retrieval: retrieval([CANCEL, CANCEL_HOW], orders),
    });
  const second = { ...pendingOrder, orderId: '#W1111111' };

  it('answers from the help centre and offers the write to a known sender with an order it is possible for', async () => {
    const draft = (await compose(customer([pendingOrder, second]))).draft!;
    expect(draft.body).toContain(`${LEADS.cancel} ${GO_AHEAD_QUESTION}`);
    expect(draft.clarifies).toEqual([ASKS_GO_AHEAD]);
    expect(draft.coverage).toBeDefined();
    expect(draft.facts.every((f) => f.source === 'article')).toBe(true);
  });

  it('offers nothing to a sender not known, or with no order the write is possible for', async () => {
    for (const orders of [null, customer([{ ...pendingOrder, status: 'delivered' }, processedOrder])]) {
      const draft = (await compose(orders)).draft!;
      expect(draft.body).not.toContain(GO_AHEAD_QUESTION);
      expect(draft.clarifies).toBeUndefined();
    }
  });
});

describe('LocalComposer with the planner: a question beside the request', () => {
  const compose = (body: string) =>
    new LocalComposer({ retrievalFloor: 0.3, actions: { store: demo.store } }).compose({
      ticket: turn(body),
      routing: fixtureRouting('cancel_order', 'suggest'),
      retrieval: retrieval([CANCEL, REFUNDS], customer([{ ...pendingOrder, orderId: '#W7044833' }])),
    });

  it('asks what the write still needs and answers the question from the help centre, with its coverage', async () => {
    const draft = (await compose('Please cancel #W7044833. How long will the refund take?')).draft!;
    expect(draft.body).toContain(LEADS.cancel);
    expect(draft.body).toContain(ASKS.reason);
    expect(draft.body).toContain('Credit card or PayPal: within 5-7 business days');
    // The answer follows the question for the reason.
    expect(draft.body.indexOf('5-7 business days')).toBeGreaterThan(draft.body.indexOf(ASKS.reason));
    expect(draft.writeAsked).toBe('words');
    expect(draft.coverage).toBeDefined();
    expect(draft.citations.map((c) => c.articleId)).toEqual(['refund-timing']);
    expect(draft.proposal).toBeUndefined();
    // The question for the reason alone, for the gate to send if it is unsure of the answer.
    expect(draft.readBackAlone).toContain(ASKS.reason);
    expect(draft.readBackAlone).not.toContain('5-7 business days');
    expect(draft.readBackAlone).toBe(
      draft.body.replace(
        /\n\nRefunds go back[^\n]*Your bank may take a little longer to show the money\./,
        '',
      ),
    );
  });

  it('reads the write back with the answer before the request to confirm', async () => {
    const draft = (
      await compose('Please cancel #W7044833, I ordered it by mistake. How long will the refund take?')
    ).draft!;
    expect(draft.proposal?.tool).toBe('cancel_pending_order');
    expect(draft.body).toContain('5-7 business days');
    expect(draft.body.indexOf('5-7 business days')).toBeLessThan(draft.body.indexOf('Please reply "yes"'));
    expect(draft.coverage).toBeDefined();
    // The read-back alone, for the gate to send if it is unsure of the answer.
    expect(draft.readBackAlone).toBe(
      draft.body.replace(
        /\n\nRefunds go back[^\n]*Your bank may take a little longer to show the money\./,
        '',
      ),
    );
    expect(draft.readBackAlone).not.toContain('5-7 business days');
    expect(draft.readBackAlone).toContain('Please reply "yes"');
  });

  it('says a second write asked for beside the one read back is for after it', async () => {
    const draft = (
      await compose(
        'Please cancel #W7044833, I ordered it by mistake. And change my saved address to 1 Main St, Austin, TX 78701.',
      )
    ).draft!;
    expect(draft.proposal?.tool).toBe('cancel_pending_order');
    expect(draft.body).toContain(ONE_AT_A_TIME);
    const one = (await compose('Please cancel #W7044833, I ordered it by mistake.')).draft!;
    expect(one.body).not.toContain(ONE_AT_A_TIME);
  });

  it('quotes nothing for a request that asks nothing beside it', async () => {
    const draft = (await compose('Please cancel #W7044833.')).draft!;
    expect(draft.body).toContain(ASKS.reason);
    expect(draft.citations).toEqual([]);
    expect(draft.coverage).toBeUndefined();
  });
});

describe('planTurn: whether a named order allows a write, asked by a sender not yet known', () => {
  const anonymous = (body: string) => ({ ...turn(body), customer: { crmId: null } });

  it('asks who they are, as for the request it leads to', async () => {
    const planned = await planTurn(anonymous('can I cancel order #W5386730?'), routing('cancel_order'), {
      store: demo.store,
    });
    expect(planned).toMatchObject({ requested: 'cancel', plan: { kind: 'ask', missing: 'identity' } });
  });

  it('plans nothing when no order is named, or the sender is known (their order answers it)', async () => {
    const deps = { store: demo.store };
    expect(await planTurn(anonymous('can I still cancel my order?'), routing('cancel_order'), deps)).toBe(
      undefined,
    );
    expect(await planTurn(turn('can I cancel order #W7044833?'), routing('cancel_order'), deps)).toBe(
      undefined,
    );
  });
});

describe('planTurn: a sender the edge did not match identifies themselves', () => {
  // harper_kim_9968 (Harper Kim, ZIP 95119, harper.kim5741@example.com) owns the pending #W5386730; two other
  // Harper Kims live elsewhere.
  const asked = `${LEADS.cancel} ${ASKS.identity}`;
  const reply = (body: string, name: string | undefined, history: Array<['customer' | 'bot', string]>) => ({
    ...turn(body, history),
    customer: { crmId: null, ...(name ? { name } : {}) },
  });
  const answer = (body: string, name?: string) =>
    planTurn(
      reply(body, name, [
        ['customer', 'please cancel order #W5386730, dont need it anymore'],
        ['bot', asked],
      ]),
      routing('out_of_scope'),
      { store: demo.store },
    );

  it('by full name and ZIP code however written, with only a first name given at the edge', async () => {
    for (const body of [
      'Harper Kim, 95119',
      'harper kim 95119 thanks',
      'Name: Harper Kim. ZIP: 95119',
      "My zip is 95119 and I'm Harper Kim",
    ]) {
      expect((await answer(body, 'Harper'))?.plan).toMatchObject({
        kind: 'propose',
        input: { order_id: '#W5386730' },
      });
    }
  });

  it('by the name written beside its ZIP code when the request holds another (the new address’s)', async () => {
    const planned = await planTurn(
      reply('James Kim, 92199', 'James', [
        [
          'customer',
          'For #W3289292, change address to 320 Cedar Avenue, Suite 116, San Antonio, TX 78219, USA',
        ],
        ['bot', `${LEADS.order_address} ${ASKS.identity}`],
      ]),
      routing('out_of_scope'),
      { store: demo.store },
    );
    expect(planned?.plan).toMatchObject({
      kind: 'propose',
      tool: 'modify_pending_order_address',
      input: { order_id: '#W3289292', zip: '78219' },
    });
  });

  it('by the account’s email when the edge name is the account’s as far as it goes', async () => {
    for (const name of [undefined, 'Harper', 'harper kim']) {
      expect((await answer('harper.kim5741@example.com', name))?.plan).toMatchObject({ kind: 'propose' });
    }
  });

  it('says details that match no account were not found, and asks again', async () => {
    for (const [body, name] of [
      ['Harper Kim, 95118', 'Harper'],
      ['harper.kim5741@example.com', 'Bob'],
      ['bob.smith@example.com', undefined],
    ] as const) {
      expect((await answer(body, name))?.plan).toEqual({ kind: 'ask', missing: 'identity', unmatched: true });
    }
    const said = (p: Awaited<ReturnType<typeof answer>>) =>
      planReply(p!)
        .paragraphs.flat()
        .map((line) => line.text);
    expect(said(await answer('Harper Kim, 95118', 'Harper'))).toEqual(
      expect.arrayContaining([LEADS.cancel, IDENTITY_UNMATCHED, ASKS.identity]),
    );
    expect(said(await answer('what do you need from me?', 'Harper'))).not.toContain(IDENTITY_UNMATCHED);
    // A message that gives no details is asked again plainly.
    expect((await answer('what do you need from me?', 'Harper'))?.plan).toEqual({
      kind: 'ask',
      missing: 'identity',
    });
  });

  it('does not take a ZIP code of the request itself for a failed identification', async () => {
    const opening = await planTurn(
      reply('Please change the address on #W5386730 to 12 Oak Street, San Jose, CA 95112.', 'Harper', []),
      routing('change_address'),
      { store: demo.store },
    );
    expect(opening?.plan).toEqual({ kind: 'ask', missing: 'identity' });
  });
});

describe('planTurn: an order picked by its place in the list offered', () => {
  it('plans the write for the order the customer picked ("the second one")', async () => {
    const olivia = (body: string, history: Array<['customer' | 'bot', string]>) => ({
      ...turn(body, history),
      customer: { crmId: 'olivia_ito_3591' },
    });
    const offer = `${LEADS.cancel} I can see these orders on your account: #W3657213 (pending); #W5442520 (pending); #W7941031 (pending). ${ASK_ORDER}`;
    const history: Array<['customer' | 'bot', string]> = [
      ['customer', 'Please cancel my order, I no longer need it.'],
      ['bot', offer],
    ];
    for (const [answer, id] of [
      ['the second one', '#W5442520'],
      ['the last one', '#W7941031'],
    ] as const) {
      const planned = await planTurn(olivia(answer, history), routing('out_of_scope'), { store: demo.store });
      expect(planned?.plan).toMatchObject({ kind: 'propose', input: { order_id: id } });
    }
  });
});

describe("planTurn: an answer picking from the order's items the planner listed", () => {
  it('returns the item picked by its place ("the second one"), through the turns after it', async () => {
    const sophia = (body: string, history: Array<['customer' | 'bot', string]>) => ({
      ...turn(body, history),
      customer: { crmId: 'sophia_thomas_5301' },
    });
    const items = `${LEADS.return} Your order #W1867876 is currently delivered. It contains Backpack, Vacuum Cleaner, Wall Clock and Yoga Mat. ${ASKS.items}`;
    const history: Array<['customer' | 'bot', string]> = [
      ['customer', 'I want to return my order #W1867876'],
      ['bot', items],
    ];
    const picked = await planTurn(sophia('the second one', history), routing('complaint'), {
      store: demo.store,
    });
    // She has a gift card, so where the refund goes is asked next: the item is settled.
    expect(picked?.plan).toMatchObject({ kind: 'ask', missing: 'payment' });
    const refund = `${LEADS.return} Your order #W1867876 is currently delivered. Where should the refund go?`;
    const answered = await planTurn(
      sophia('to the original payment method please', [
        ...history,
        ['customer', 'the second one'],
        ['bot', refund],
      ]),
      routing('refund_request'),
      { store: demo.store },
    );
    expect(answered?.plan).toMatchObject({
      kind: 'propose',
      input: { order_id: '#W1867876', item_ids: ['1304426904'] },
    });
  });
});

describe('planTurn: a request about the order the conversation spoke of last', () => {
  const olivia = (body: string, history: Array<['customer' | 'bot', string]>) => ({
    ...turn(body, history),
    customer: { crmId: 'olivia_ito_3591' },
  });
  const status: Array<['customer' | 'bot', string]> = [
    ['customer', 'where is my order #W7941031?'],
    ['bot', 'Hi Olivia,\n\nYour order #W7941031 is currently pending. It contains Wristwatch and Backpack.'],
  ];

  it('cancels that order when the request names none ("ok then please cancel it")', async () => {
    const planned = await planTurn(
      olivia('ok then please cancel it, I dont need it anymore', status),
      routing('cancel_order'),
      { store: demo.store },
    );
    expect(planned?.plan).toMatchObject({ kind: 'propose', input: { order_id: '#W7941031' } });
  });

  it('still takes an order the request names, or one its items name', async () => {
    const named = await planTurn(
      olivia('please cancel #W5442520 instead, I dont need it', status),
      routing('cancel_order'),
      { store: demo.store },
    );
    expect(named?.plan).toMatchObject({ input: { order_id: '#W5442520' } });
    const byItems = await planTurn(
      olivia('please cancel the order with the gaming mouse, I dont need it', status),
      routing('cancel_order'),
      { store: demo.store },
    );
    expect(byItems?.plan).toMatchObject({ input: { order_id: '#W5442520' } });
  });
});
