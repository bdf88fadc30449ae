import { describe, expect, it } from '@jest/globals';
import type { ConversationEntry, Draft, OrderFacts, Passage } from '@parley/contracts';
import { pendingCancel } from '@parley/contracts/testing';
import type { ComposeInput } from '../composer.js';
import { checkGrounding } from '../grounding.js';
import { normal, sentences } from '../text.js';
import { BOILERPLATE_PATTERNS } from './boilerplate.js';
import { LocalComposer } from './local-composer.js';
import { IDENTITY_UNMATCHED } from './plan/wording.js';
import { IDENTITY_QUESTION, ORDER_LOOKUP_LEAD } from '@parley/wording';
import {
  anonymousTicket,
  AVAILABILITY,
  CANCEL,
  CANCEL_HOW,
  customer,
  LOCKED,
  LOGIN_RELATED,
  officeChair,
  passage,
  CHANGING_PLAN,
  PAYING_BY_CARD,
  pendingOrder,
  productRetrieval,
  processedOrder,
  REFUNDS,
  RESET,
  retrieval,
  routing,
  STATUSES,
  ticket,
  TRACKING,
} from './testing.js';

const composer = new LocalComposer({ retrievalFloor: 0.3 });
const EXAMPLE_PRODUCT_QUESTION =
  'Does the office chair come in black leather with adjustable armrests, and is it in stock? How much?';

async function draftFor(input: ComposeInput): Promise<Draft> {
  const result = await composer.compose(input);
  if (!result.draft) throw new Error(`expected a draft, got none: ${result.noDraftReason}`);
  return result.draft;
}

/**
 * Independent of the composer's own check: a sentence is boilerplate, appears verbatim in a passage the
 * draft cites, or states only order facts the draft lists (every order id in it is one of the facts).
 */
function untraceable(draft: Draft, passages: readonly Passage[]): string[] {
  const cited = passages
    .filter((p) => draft.citations.some((c) => c.chunkId === p.chunkId))
    .map((p) => normal(p.text));
  const refs = new Set(draft.facts.map((f) => f.ref));
  return sentences(draft.body).filter((s) => {
    if (BOILERPLATE_PATTERNS.some((re) => re.test(s))) return false;
    if (cited.some((text) => text.includes(normal(s).replace(/[.!?]$/, '')))) return false;
    const ids = s.match(/#W\d{7}/g) ?? [];
    const usesFact = draft.facts.some((f) => s.includes(f.value));
    return !(usesFact && ids.every((id) => refs.has(id)));
  });
}

const scenarios: Array<[string, ComposeInput]> = [
  [
    'order status, named',
    {
      ticket: ticket('Where is my order #W3400144? Is there a tracking number?', 'Where is my laptop?'),
      routing: routing('order_status'),
      retrieval: retrieval([STATUSES, TRACKING], customer([processedOrder, pendingOrder])),
    },
  ],
  [
    'help centre',
    {
      ticket: ticket('If I return something I paid for with PayPal, how long until the money comes back?'),
      routing: routing('refund_status'),
      retrieval: retrieval([REFUNDS], customer([])),
    },
  ],
  [
    'help centre, a procedure',
    {
      ticket: ticket('How do I reset my password?'),
      routing: routing('account'),
      retrieval: retrieval([LOCKED, RESET, LOGIN_RELATED], null),
    },
  ],
  [
    'cancel, eligible',
    {
      ticket: ticket('Please cancel my order #W8770097, I no longer need it.'),
      routing: routing('cancel_order', 'suggest'),
      retrieval: retrieval([CANCEL, CANCEL_HOW], customer([processedOrder, pendingOrder])),
    },
  ],
  [
    'cancel, not eligible',
    {
      ticket: ticket('Cancel #W3400144 please'),
      routing: routing('cancel_order', 'suggest'),
      retrieval: retrieval([CANCEL, CANCEL_HOW], customer([processedOrder])),
    },
  ],
  [
    'several orders, none named',
    {
      ticket: ticket('Where is my order?'),
      routing: routing('order_status'),
      retrieval: retrieval([STATUSES, TRACKING], customer([processedOrder, pendingOrder])),
    },
  ],
  [
    'someone else order',
    {
      ticket: ticket('My friend ordered a laptop, order #W1111111. When will it be delivered?'),
      routing: routing('order_status'),
      retrieval: retrieval([STATUSES, TRACKING], customer([pendingOrder], ['#W1111111'])),
    },
  ],
  [
    'product question, options named',
    {
      ticket: anonymousTicket(EXAMPLE_PRODUCT_QUESTION),
      routing: routing('product_question'),
      retrieval: productRetrieval([officeChair((v) => v.itemId === '4648362606')]),
    },
  ],
  [
    'product question, nothing named',
    {
      ticket: anonymousTicket('Is the office chair in stock?'),
      routing: routing('product_question'),
      retrieval: productRetrieval([officeChair()]),
    },
  ],
  [
    'product question, no such variant',
    {
      ticket: anonymousTicket('Do you sell the office chair in green velvet?'),
      routing: routing('product_question'),
      retrieval: productRetrieval([officeChair()]),
    },
  ],
];

describe('LocalComposer: thanks after a reply', () => {
  const at = '2026-12-06T04:00:00.000Z';
  const history: ConversationEntry[] = [
    { turn: 1, role: 'customer', body: 'How long do refunds take?', at },
    { turn: 1, role: 'bot', body: 'Hi Yara,\n\nGift card: immediately.', at },
  ];

  it('thanks back, stating nothing', async () => {
    const draft = await draftFor({
      ticket: { ...ticket('ok great, thanks a lot'), history },
      routing: routing('out_of_scope', 'suggest'),
      retrieval: retrieval([REFUNDS], customer([])),
    });
    expect(draft.body).toContain("You're welcome, glad I could help.");
    expect(draft.facts).toEqual([]);
    expect(draft.citations).toEqual([]);
    expect(draft.groundedness).toBe(1);
  });

  it('answers "ok" or "👍" after an answer that asked nothing, and not after a question', async () => {
    for (const body of ['ok', '👍', 'got it']) {
      const draft = await draftFor({
        ticket: { ...ticket(body), history },
        routing: routing('out_of_scope', 'suggest'),
        retrieval: retrieval([REFUNDS], customer([])),
      });
      expect(draft.body).toContain('Glad I could help.');
      expect(draft.facts).toEqual([]);
      expect(draft.groundedness).toBe(1);
    }
    const asked: ConversationEntry[] = [
      history[0]!,
      { ...history[1]!, body: 'Hi Yara,\n\nCould you reply with your order number? It starts with #W.' },
    ];
    const after = await composer.compose({
      ticket: { ...ticket('ok'), history: asked },
      routing: routing('out_of_scope', 'suggest'),
      retrieval: retrieval([REFUNDS], customer([])),
    });
    expect(after.draft?.body ?? '').not.toContain('Glad I could help.');
  });

  it('answers as ever when nothing was replied yet, more is said, or a write waits for a yes', async () => {
    const first = await composer.compose({
      ticket: ticket('thanks!'),
      routing: routing('out_of_scope', 'suggest'),
      retrieval: retrieval([REFUNDS], customer([])),
    });
    expect(first.draft?.body ?? '').not.toContain("You're welcome");
    const more = await draftFor({
      ticket: { ...ticket('thanks! and how long for PayPal?'), history },
      routing: routing('refund_status'),
      retrieval: retrieval([REFUNDS], customer([])),
    });
    expect(more.body).not.toContain("You're welcome");
    const waiting = await composer.compose({
      ticket: { ...ticket('ok thanks'), history, pendingAction: pendingCancel('#W8770097') },
      routing: routing('out_of_scope', 'suggest'),
      retrieval: retrieval([REFUNDS], customer([])),
    });
    expect(waiting.draft?.body ?? '').not.toContain("You're welcome");
  });
});

describe('LocalComposer: order status', () => {
  /** More orders than a status question naming none is answered for each of. */
  const FOUR_ORDERS = [
    processedOrder,
    pendingOrder,
    ...['#W1000001', '#W1000002'].map((orderId) => ({ ...pendingOrder, orderId })),
  ];

  it("answers with the named order's real status, items, tracking and the help-centre meaning", async () => {
    const draft = await draftFor(scenarios[0]![1]);
    expect(draft.body).toContain('Hi Yara,');
    expect(draft.body).toContain('Your order #W3400144 is currently processed.');
    expect(draft.body).toContain('It contains Laptop and Notebook.');
    expect(draft.body).toContain('Tracking number: 308411122233.');
    expect(draft.body).toContain('Packed and handed to the carrier; tracking is available.');
    expect(draft.body).not.toContain('#W8770097');
    expect(draft.citations.map((c) => c.chunkId)).toEqual(['order-statuses#main']);
    expect(draft.facts).toEqual(
      expect.arrayContaining([
        { source: 'order', ref: '#W3400144', field: 'status', value: 'processed' },
        { source: 'order', ref: '#W3400144', field: 'trackingIds', value: '308411122233' },
      ]),
    );
    expect(draft.groundedness).toBe(1);
    expect(draft.action).toBeUndefined();
    expect(draft.model).toEqual({ provider: 'local', name: 'grounded-composer-v1', tier: 'local' });
  });

  it('answers the status of each of a few orders when none is named, and asks which of more', async () => {
    const few = await draftFor(scenarios[5]![1]);
    expect(few.body).toContain('Your order #W3400144 is currently processed.');
    expect(few.body).toContain('Your order #W8770097 is currently pending.');
    expect(few.body).not.toContain('Which one is your question about?');
    const many = await draftFor({
      ...scenarios[5]![1],
      retrieval: retrieval([STATUSES, TRACKING], customer(FOUR_ORDERS)),
    });
    expect(many.body).toContain(
      'I can see these orders on your account: #W3400144 (processed), #W8770097 (pending), #W1000001 (pending), #W1000002 (pending).',
    );
    expect(many.body).toContain('Which one is your question about?');
    expect(many.body).not.toContain('is currently');
    // Asked only where the order is: the list and the question, no section beside them.
    expect(many.citations).toEqual([]);
    expect(many.facts.every((f) => f.source === 'order')).toBe(true);
    expect(many.groundedness).toBe(1);
  });

  it('answers the status of the order picked from the list the previous reply asked about', async () => {
    const listed = await draftFor({
      ticket: ticket('Where is my order?'),
      routing: routing('order_status'),
      retrieval: retrieval([STATUSES], customer(FOUR_ORDERS)),
    });
    const at = '2026-12-06T04:00:00.000Z';
    const history: ConversationEntry[] = [
      { turn: 1, role: 'customer', body: 'Where is my order?', at },
      { turn: 1, role: 'bot', body: listed.body, at },
    ];
    const draft = await draftFor({
      ticket: { ...ticket('the first one'), history },
      routing: routing('order_status'),
      retrieval: retrieval([STATUSES], customer(FOUR_ORDERS)),
    });
    expect(draft.body).toContain('Your order #W3400144 is currently processed.');
    expect(draft.facts.every((f) => f.ref === '#W3400144')).toBe(true);
  });

  it('says what was refunded beside the status when the message speaks of money back', async () => {
    const cancelled = {
      ...processedOrder,
      status: 'cancelled',
      refunds: [{ amount: 300, method: 'PayPal' }],
    };
    const ask = (text: string, order: OrderFacts = cancelled) =>
      draftFor({
        ticket: ticket(text),
        routing: routing('order_status'),
        retrieval: retrieval([STATUSES], customer([order])),
      });
    const money = await ask('Why does #W3400144 say cancelled? Where is my money?');
    expect(money.body).toContain('Your order #W3400144 is currently cancelled.');
    expect(money.body).toContain('A refund of $300.00 to PayPal was issued.');
    expect(money.facts.some((f) => f.field === 'refunds')).toBe(true);
    // Not asked about money, or no refund due on the order: the status alone.
    expect((await ask('any news on #W3400144?')).body).not.toContain('A refund of');
    const notDue = await ask('any news about the money for #W3400144?', processedOrder);
    expect(notDue.body).not.toContain('refund issued');
    expect(notDue.body).not.toContain('A refund of');
  });

  it('keeps the help centre beside the list when the question asks more than where the order is', async () => {
    const draft = await draftFor({
      ticket: ticket('What does pending mean on my order?'),
      routing: routing('order_status'),
      retrieval: retrieval([STATUSES, TRACKING], customer(FOUR_ORDERS)),
    });
    expect(draft.body).toContain('Which one is your question about?');
    expect(draft.body).toContain('We have your order and payment; it has not been packed yet.');
    expect(draft.citations.map((c) => c.articleId)).toEqual(['order-statuses']);
  });

  it('asks an unknown sender only who they are when they ask only where their order is', async () => {
    const where = await draftFor({
      ticket: anonymousTicket('hey where is my order?'),
      routing: routing('order_status'),
      retrieval: retrieval([CANCEL, STATUSES, TRACKING], null),
    });
    expect(where.body).toContain(`${ORDER_LOOKUP_LEAD} ${IDENTITY_QUESTION}`);
    expect(where.clarifies).toEqual(['identity']);
    expect(where).toMatchObject({ citations: [], facts: [], groundedness: 1 });
    expect(where.body).not.toContain('cancel');
    // Naming the order, too: who they are comes before anything of it, said or refused.
    const named = await draftFor({
      ticket: anonymousTicket('Has #W3400144 shipped?'),
      routing: routing('order_status'),
      retrieval: retrieval([STATUSES], null),
    });
    expect(named.body).toContain(IDENTITY_QUESTION);
    expect(named.body).not.toContain("can't share");
    // A question the help centre answers is still answered beside the question for the number.
    const when = await draftFor({
      ticket: anonymousTicket('when do i get a tracking number for my order?'),
      routing: routing('order_status'),
      retrieval: retrieval([TRACKING, STATUSES], null),
    });
    expect(when.body).toContain('Pending orders do not have tracking yet.');
    expect(when.citations.map((c) => c.articleId)).toContain('tracking-your-package');
  });

  it('answers the question a lookup was asked for once the sender is found, and asks again when not', async () => {
    const asked = `Hi there,\n\n${ORDER_LOOKUP_LEAD} ${IDENTITY_QUESTION}`;
    const lookup = (body: string, history: Array<['customer' | 'bot', string]>) => ({
      ...anonymousTicket(body),
      history: history.map(([role, text], i) => ({
        turn: Math.floor(i / 2) + 1,
        role,
        body: text,
        at: new Date(0).toISOString(),
      })),
    });
    const first: Array<['customer' | 'bot', string]> = [
      ['customer', 'Has #W3400144 shipped?'],
      ['bot', asked],
    ];
    // Found (retrieval's context from the details given): the status of the order the question named.
    const found = await draftFor({
      ticket: lookup('yara@example.com', first),
      routing: routing('order_status'),
      retrieval: retrieval([STATUSES], customer([processedOrder, pendingOrder])),
    });
    expect(found.body).toContain('Your order #W3400144 is currently processed.');
    expect(found.body).not.toContain('#W8770097');
    // Not found: said so, and asked again; after three tries a person takes it.
    const missed = await draftFor({
      ticket: lookup('nobody@example.com', first),
      routing: routing('order_status'),
      retrieval: retrieval([STATUSES], null),
    });
    expect(missed.body).toContain(`${IDENTITY_UNMATCHED} ${ORDER_LOOKUP_LEAD}`);
    expect(missed.clarifies).toEqual(['identity']);
    const tries: Array<['customer' | 'bot', string]> = [
      ...first,
      ['customer', 'a@example.com'],
      ['bot', `${IDENTITY_UNMATCHED} ${asked}`],
      ['customer', 'b@example.com'],
      ['bot', `${IDENTITY_UNMATCHED} ${asked}`],
    ];
    const third = await composer.compose({
      ticket: lookup('c@example.com', tries),
      routing: routing('order_status'),
      retrieval: retrieval([STATUSES], null),
    });
    expect(third).toEqual({ draft: null, noDraftReason: 'no account matched the details given 3 times' });
  });

  it('uses the only order when the customer has one', async () => {
    const draft = await draftFor({
      ticket: ticket('Where is my order?'),
      routing: routing('order_status'),
      retrieval: retrieval([STATUSES], customer([pendingOrder])),
    });
    expect(draft.body).toContain('Your order #W8770097 is currently pending.');
    expect(draft.body).toContain('We have your order and payment; it has not been packed yet.');
  });

  it("explains a status in the words of the help centre's status table, even when a tracking page ranks first", async () => {
    const reading = passage(
      'tracking#reading',
      'tracking-your-package',
      'Reading the tracking page',
      '- Label created : the carrier has the details but has not scanned the box yet.\n- Delivered : the carrier recorded the delivery. Your order status changes to delivered .',
      0.9,
    );
    const delivered = { ...processedOrder, status: 'delivered' };
    const draft = await draftFor({
      ticket: ticket('Was #W3400144 delivered? I did not see anything.'),
      routing: routing('order_status'),
      retrieval: retrieval([reading, STATUSES], customer([delivered])),
    });
    expect(draft.body).toContain('Your order #W3400144 is currently delivered.');
    expect(draft.body).toContain('The carrier confirmed delivery.');
    expect(draft.citations.map((c) => c.articleId)).toEqual(['order-statuses']);
    // Without the status table the order's own record answers; the carrier's scan names are not quoted.
    const alone = await draftFor({
      ticket: ticket('Was #W3400144 delivered? I did not see anything.'),
      routing: routing('order_status'),
      retrieval: retrieval([reading], customer([delivered])),
    });
    expect(alone.body).toContain('Your order #W3400144 is currently delivered.');
    expect(alone.body).not.toContain('the carrier recorded the delivery');
    expect(alone.citations).toEqual([]);
    expect(alone.groundedness).toBe(1);
  });

  it("does not take a message about someone else's order to mean the sender's only order", async () => {
    const draft = await draftFor({
      ticket: ticket("Can you check on my wife's order? She wants to know when it's coming."),
      routing: routing('order_status'),
      retrieval: retrieval([STATUSES], customer([pendingOrder])),
    });
    expect(draft.body).toContain('I can see these orders on your account: #W8770097 (pending).');
    expect(draft.body).not.toContain('is currently');
  });

  it("refuses to talk about another customer's order and claims nothing about it", async () => {
    const draft = await draftFor(scenarios[6]![1]);
    expect(draft.body).toContain("I can't share details of order #W1111111 from this account.");
    expect(sentences(draft.body).filter((s) => s.includes('#W1111111'))).toHaveLength(1);
    expect(draft.facts.map((f) => f.ref)).not.toContain('#W1111111');
    expect(draft.body).not.toContain('is currently');
  });

  it('asks for the order number when the sender has no orders on file', async () => {
    const draft = await draftFor({
      ticket: ticket('Where is my package?'),
      routing: routing('order_status'),
      retrieval: retrieval([TRACKING], null),
    });
    expect(draft.body).toContain('Could you reply with your order number?');
    expect(draft.facts).toEqual([]);
  });

  it('answers a general question about orders from the help centre, with its coverage, when there is no order to go on', async () => {
    const draft = await draftFor({
      ticket: ticket('When do I get a tracking number? Nothing yet.'),
      routing: routing('order_status'),
      retrieval: retrieval([TRACKING, STATUSES], null),
    });
    expect(draft.body).toContain('Could you reply with your order number?');
    expect(draft.body).toContain(
      'A tracking number is created when your order changes from pending to processed',
    );
    expect(draft.citations.map((c) => c.articleId)).toEqual(['tracking-your-package']);
    // The quote's coverage goes with it, so the gate's answer model judges it as any help-centre answer.
    expect(draft.coverage).toMatchObject({ asks: 1, answered: 1, sections: 1 });
    expect(draft.coverage!.share).toBeGreaterThan(0.5);
    // An order of theirs to describe: its record answers, and no coverage is claimed for a quote.
    const own = await draftFor({
      ticket: ticket('When do I get a tracking number? Nothing yet.'),
      routing: routing('order_status'),
      retrieval: retrieval([TRACKING, STATUSES], customer([pendingOrder])),
    });
    expect(own.body).toContain('Your order #W8770097 is currently pending.');
    expect(own.coverage).toBeUndefined();
  });
});

describe('LocalComposer: help centre', () => {
  it('quotes the most relevant sentences verbatim and cites them', async () => {
    const draft = await draftFor(scenarios[1]![1]);
    expect(draft.body).toContain(
      'Credit card or PayPal: within 5-7 business days after we receive the returned items.',
    );
    expect(draft.citations).toEqual([
      {
        chunkId: 'refund-timing#paypal',
        articleId: 'refund-timing',
        section: 'How long refunds take',
        title: 'refund timing',
      },
    ]);
    expect(draft.groundedness).toBe(1);
  });

  it("holds to retrieval's leading article as firmly as retrieval led with it", async () => {
    const cited = async (leadMargin: number) =>
      (
        await draftFor({
          ticket: ticket('can i change the card charged at renewal?'),
          routing: routing('payment'),
          retrieval: { ...retrieval([CHANGING_PLAN, PAYING_BY_CARD], null), leadMargin },
        })
      ).citations.map((c) => c.articleId);
    expect(await cited(0)).toEqual(['paying-for-your-plan']);
    expect(await cited(1)).toEqual(['plans-and-billing']);
  });

  it('quotes the steps of the section whose heading matches, in order, over a higher-ranked section', async () => {
    const draft = await draftFor(scenarios[2]![1]);
    expect(draft.body).toContain(
      [
        '- Select Sign in > Forgot password.',
        '- Enter the email address on your account.',
        '- Open the reset email and choose a new password within 60 minutes. The link works once.',
      ].join('\n'),
    );
    expect(draft.body).not.toContain('After 5 wrong passwords');
    expect(draft.body).not.toContain('Updating your account');
    expect(draft.citations.map((c) => c.chunkId)).toEqual(['login#reset']);
    expect(draft.groundedness).toBe(1);
  });

  it('reports how much of the question the quoted section covers', async () => {
    const draft = await draftFor(scenarios[2]![1]);
    expect(draft.coverage).toEqual({
      share: expect.any(Number),
      asks: 1,
      answered: 1,
      sections: 1,
      margin: expect.any(Number),
      kindsAsked: expect.any(Number),
      kindsGiven: expect.any(Number),
    });
    expect(draft.coverage!.share).toBeGreaterThan(0.6);
    expect(draft.ordersUnused).toBe(false);
  });

  it('marks a draft that shares only topic words with the question as not answering it', async () => {
    const draft = await draftFor({
      ticket: ticket('Tell me about my order'),
      routing: routing('account'),
      // "order" is in most of these sections: it says nothing about which one answers.
      retrieval: retrieval([STATUSES, TRACKING, CANCEL, CANCEL_HOW, LOCKED, RESET], null),
    });
    expect(draft.coverage).toMatchObject({ asks: 1, answered: 0 });
  });

  it('drafts nothing when no section holds a word of the question', async () => {
    const result = await composer.compose({
      ticket: ticket('Do you sell concert tickets?'),
      routing: routing('account'),
      retrieval: retrieval([LOCKED, RESET], null),
    });
    expect(result).toEqual({ draft: null, noDraftReason: 'no help-centre section matches the question' });
  });

  it("answers a help-centre question about the customer's own order with its record first", async () => {
    const draft = await draftFor({
      ticket: ticket('How long do refunds to PayPal take for #W3400144?'),
      routing: routing('refund_status'),
      retrieval: retrieval([REFUNDS], customer([processedOrder, pendingOrder])),
    });
    const paragraphs = draft.body.split('\n\n');
    const record = paragraphs.findIndex((p) => p.startsWith('Your order #W3400144 is currently processed.'));
    const quote = paragraphs.findIndex((p) =>
      p.startsWith('Refunds go back to the original payment method.'),
    );
    expect(record).toBeGreaterThan(0);
    expect(quote).toBeGreaterThan(record);
    expect(draft.body).toContain('Tracking number: 308411122233.');
    // Only the order asked about: the other one on the account is not described.
    expect(draft.body).not.toContain('#W8770097');
    expect(draft.facts.filter((f) => f.source === 'order').every((f) => f.ref === '#W3400144')).toBe(true);
    expect(draft.citations.map((c) => c.articleId)).toEqual(['refund-timing']);
    expect(draft.coverage).toMatchObject({ asks: 1 });
    expect(draft.ordersUnused).toBe(false);
    expect(untraceable(draft, [REFUNDS])).toEqual([]);
  });

  it('says what was refunded for the customer’s own order, and where to, when asked about its refund', async () => {
    const cancelled = {
      ...processedOrder,
      status: 'cancelled',
      refunds: [
        { amount: 1200, method: 'PayPal' },
        { amount: 12, method: 'the gift card' },
      ],
    };
    const draft = await draftFor({
      ticket: ticket('refund for #W3400144 still not here'),
      routing: routing('refund_status'),
      retrieval: retrieval([REFUNDS], customer([cancelled])),
    });
    expect(draft.body).toContain('A refund of $1200.00 to PayPal and $12.00 to the gift card was issued.');
    expect(draft.facts).toContainEqual({
      source: 'order',
      ref: '#W3400144',
      field: 'refunds',
      value: '$1200.00 to PayPal and $12.00 to the gift card',
    });
    expect(draft.groundedness).toBe(1);
    expect(untraceable(draft, [REFUNDS])).toEqual([]);
  });

  it("flags a help-centre answer that passes over the customer's own orders when it cannot tell which", async () => {
    // The routed intent is answered from order records (its tools look orders up), but two orders could be meant.
    const unclear = await draftFor({
      ticket: ticket('How long do refunds to PayPal take?'),
      routing: { ...routing('refund_status'), allowedTools: ['lookup_order'] },
      retrieval: retrieval([REFUNDS], customer([processedOrder, pendingOrder])),
    });
    expect(unclear.ordersUnused).toBe(true);
    expect(unclear.facts.some((f) => f.source === 'order')).toBe(false);
    // With one order on the account, that is the one.
    const only = await draftFor({
      ticket: ticket('How long do refunds to PayPal take?'),
      routing: { ...routing('refund_status'), allowedTools: ['lookup_order'] },
      retrieval: retrieval([REFUNDS], customer([processedOrder])),
    });
    expect(only.body).toContain('Your order #W3400144 is currently processed.');
    expect(only.ordersUnused).toBe(false);
    const general = await draftFor({
      ticket: ticket('How long do refunds to PayPal take?'),
      routing: routing('refund_status'),
      retrieval: retrieval([REFUNDS], customer([processedOrder])),
    });
    expect(general.ordersUnused).toBe(false);
    expect(general.facts.some((f) => f.source === 'order')).toBe(false);
  });

  it('answers a refund question naming no order with the orders a refund is due on, when only a few are', async () => {
    const cancelled = {
      ...processedOrder,
      status: 'cancelled',
      refunds: [{ amount: 300, method: 'PayPal' }],
    };
    const ask = (orders: OrderFacts[]) =>
      draftFor({
        ticket: ticket('whats the status of my refund'),
        routing: { ...routing('refund_status'), allowedTools: ['lookup_order'] },
        retrieval: retrieval([REFUNDS], customer(orders)),
      });
    const one = await ask([cancelled, pendingOrder]);
    expect(one.body).toContain('Your order #W3400144 is currently cancelled.');
    expect(one.body).toContain('A refund of $300.00 to PayPal was issued.');
    expect(one.body).not.toContain('#W8770097');
    expect(one.ordersUnused).toBe(false);
    const returning = { ...pendingOrder, status: 'return requested' };
    const two = await ask([cancelled, returning]);
    expect(two.body).toContain('Your order #W8770097 is currently return requested.');
    expect(two.body).toContain('There is no refund issued for it yet.');
    // No order a refund is due on: which order is meant stays unknown.
    expect((await ask([processedOrder, pendingOrder])).ordersUnused).toBe(true);
  });

  it('drafts nothing when the best passage is below the floor', async () => {
    const weak = { ...REFUNDS, score: 0.1 };
    const result = await composer.compose({
      ticket: ticket('Will it rain in Denver?'),
      routing: routing('out_of_scope', 'suggest'),
      retrieval: { ...retrieval([weak], null), topScore: 0.1 },
    });
    expect(result.draft).toBeNull();
    expect(result.noDraftReason).toBe('retrieval top score 0.10 below floor 0.3');
  });

  it('makes no call at all in the escalate band', async () => {
    const result = await composer.compose({ ...scenarios[1]![1], routing: routing('complaint', 'escalate') });
    expect(result).toEqual({ draft: null, noDraftReason: 'escalate band' });
  });
});

describe('LocalComposer: product questions', () => {
  it('answers from the catalogue facts alone: the matching variant, its stock and exact price', async () => {
    const draft = await draftFor(scenarios[7]![1]);
    expect(draft.body).toBe(
      [
        'Hi Sam,',
        'Thanks for getting in touch.',
        'Here is the Office Chair variant with leather material, black color and adjustable armrest:\n' +
          '- Office Chair, leather material, black color, adjustable armrest, high-back backrest height: in stock, $503.76.',
        'Each variant is either available or out of stock.',
        'If anything is unclear, just reply to this message.\n\nBest regards,\nThe support team',
      ].join('\n\n'),
    );
    expect(draft.facts).toEqual([
      { source: 'tool', ref: '4794339885', field: 'name', value: 'Office Chair' },
      {
        source: 'tool',
        ref: '4794339885',
        field: 'variants.4648362606.options',
        value: 'material: leather, color: black, armrest: adjustable, backrest height: high-back',
      },
      { source: 'tool', ref: '4794339885', field: 'variants.4648362606.available', value: 'in stock' },
      { source: 'tool', ref: '4794339885', field: 'variants.4648362606.price', value: '$503.76' },
    ]);
    expect(draft.toolCalls).toEqual([
      {
        name: 'lookup_product',
        input: { query: 'Office Chair (leather material, black color and adjustable armrest)' },
        status: 'ok',
      },
    ]);
    expect(draft.citations.map((c) => c.articleId)).toEqual(['product-availability-variants']);
    expect(draft.groundedness).toBe(1);
    expect(draft.action).toBeUndefined();
  });

  it('quotes the rule on stock whole when asked about stock to come ("can I pre-order it?")', async () => {
    const draft = await draftFor({
      ticket: anonymousTicket('Can I pre-order the red leather office chair? It says out of stock.'),
      routing: routing('product_question'),
      retrieval: productRetrieval([officeChair()]),
    });
    expect(draft.body).toContain('- Office Chair, leather material, red color');
    expect(draft.body).toContain(
      'Each variant is either available or out of stock. You can only order, switch to or exchange for a variant that is available. ' +
        'We do not take backorders or pre-orders, and we cannot give restock dates. ' +
        'An out-of-stock variant may come back; the product page shows it as soon as it does.',
    );
    expect(draft.groundedness).toBe(1);
    // Asked about stock now, only the rule's sentence on it.
    const now = await draftFor(scenarios[7]![1]);
    expect(now.body).not.toContain('restock');
  });

  it('answers what the catalogue does not hold from the help centre, before the variants, where retrieval is sure', async () => {
    const prices = passage(
      'prices#what-you-pay',
      'prices-and-price-changes',
      'What you pay',
      'You pay the price shown at checkout. Prices vary between variants of the same product, so a larger size or another material can cost a little more or less.',
      0.5,
    );
    const question = 'Why does the leather office chair cost more than the other one? Same chair.';
    const ask = (leadMargin: number) =>
      composer.compose({
        ticket: anonymousTicket(question),
        routing: routing('product_question'),
        retrieval: { ...productRetrieval([officeChair()], [prices, AVAILABILITY]), leadMargin },
      });
    const sure = (await ask(1)).draft!;
    const body = sure.body;
    expect(body).toContain('Prices vary between variants of the same product');
    expect(body.indexOf('Prices vary')).toBeLessThan(body.indexOf('- Office Chair, leather material'));
    // The help-centre quote is judged by the gate as any other: its coverage goes with the draft.
    expect(sure.coverage).toMatchObject({ asks: 1 });
    expect(sure.citations.map((c) => c.articleId)).toEqual(['prices-and-price-changes']);
    expect(sure.groundedness).toBe(1);
    // Retrieval not sure which article answers it: the variants and the rule on stock, as before.
    const unsure = (await ask(0.1)).draft!;
    expect(unsure.body).not.toContain('Prices vary');
    expect(unsure.body).toContain('- Office Chair, leather material');
    expect(unsure.coverage).toBeUndefined();
    // A question the catalogue answers by itself is answered from it alone, however sure retrieval is.
    const stock = (
      await composer.compose({
        ticket: anonymousTicket('Is the black leather office chair in stock?'),
        routing: routing('product_question'),
        retrieval: { ...productRetrieval([officeChair()], [prices, AVAILABILITY]), leadMargin: 1 },
      })
    ).draft!;
    expect(stock.body).not.toContain('Prices vary');
    expect(stock.coverage).toBeUndefined();
  });

  it('names no product and no price that the facts do not hold', async () => {
    const draft = await draftFor(scenarios[9]![1]);
    expect(draft.body).toContain('The Office Chair does not come with exactly the options you asked for.');
    expect(draft.body).toContain('- color: black, red, gray, blue.');
    expect(draft.body).not.toMatch(/green|velvet|\$/);
  });

  it('falls back to the help centre when the ticket names no catalogue product', async () => {
    const result = await composer.compose({
      ticket: anonymousTicket('Do you sell hoverboards?'),
      routing: routing('product_question'),
      retrieval: productRetrieval([], [{ ...AVAILABILITY, score: 0.1 }]),
    });
    expect(result).toEqual({ draft: null, noDraftReason: 'retrieval top score 0.10 below floor 0.3' });
  });
});

describe('LocalComposer: consequential intents', () => {
  it('proposes cancelling a pending order, with the steps, and executes nothing', async () => {
    const draft = await draftFor(scenarios[3]![1]);
    expect(draft.body).toContain('Your order #W8770097 is currently pending.');
    expect(draft.body).toContain('Because it is pending, it can be cancelled.');
    expect(draft.body).toContain('Please reply "yes" to confirm');
    expect(draft.action).toBe('cancel_order');
    expect(draft.toolCalls).toEqual([
      { name: 'cancel_order', input: { orderId: '#W8770097' }, status: 'proposed' },
    ]);
  });

  it('explains that a processed order can no longer be cancelled and proposes nothing', async () => {
    const draft = await draftFor(scenarios[4]![1]);
    expect(draft.body).toContain('Because it is processed, it can no longer be cancelled.');
    expect(draft.action).toBeUndefined();
    expect(draft.toolCalls).toEqual([]);
  });

  it('says an order not delivered yet cannot be returned yet, and a cancelled one no longer can', async () => {
    const ask = (order: OrderFacts) =>
      draftFor({
        ticket: ticket(`can I return ${order.orderId} or is it too late?`),
        routing: routing('return_request', 'suggest'),
        retrieval: retrieval([CANCEL], customer([order])),
      });
    expect((await ask(pendingOrder)).body).toContain('Because it is pending, it cannot be returned yet.');
    expect((await ask(processedOrder)).body).toContain('Because it is processed, it cannot be returned yet.');
    const cancelled = { ...pendingOrder, status: 'cancelled' };
    expect((await ask(cancelled)).body).toContain('Because it is cancelled, it can no longer be returned.');
  });

  it('answers a swap of an item by the order it is on: changed while pending, exchanged once delivered', async () => {
    const delivered = { ...pendingOrder, orderId: '#W1111111', status: 'delivered' };
    const swap = 'the office chair from #W1111111 is red, can I swap it for the blue one?';
    for (const intent of ['modify_order', 'exchange_request']) {
      const draft = await draftFor({
        ticket: ticket(swap),
        routing: routing(intent, 'suggest'),
        retrieval: retrieval([CANCEL], customer([delivered])),
      });
      expect(draft.body).toContain('Because it is delivered, it can be exchanged.');
    }
    const pending = await draftFor({
      ticket: ticket('can I swap the office chair in #W8770097 for the blue one?'),
      routing: routing('exchange_request', 'suggest'),
      retrieval: retrieval([CANCEL], customer([pendingOrder])),
    });
    expect(pending.body).toContain('Because it is pending, it can be changed.');
    // Not a swap of items: the routed write's own rule.
    const address = await draftFor({
      ticket: ticket('can I change the address on #W1111111?'),
      routing: routing('modify_order', 'suggest'),
      retrieval: retrieval([CANCEL], customer([delivered])),
    });
    expect(address.body).toContain('Because it is delivered, it can no longer be changed.');
  });

  it('answers a question about the rule from the section that answers it when no order is meant', async () => {
    const draft = await draftFor({
      ticket: ticket('Do I need to give a reason to cancel?'),
      routing: routing('cancel_order', 'suggest'),
      retrieval: retrieval([CANCEL, CANCEL_HOW], customer([processedOrder, pendingOrder])),
    });
    // A question about the rule, not a request: no order is asked for, and the steps are quoted whole (the list
    // says which reasons count), with the answer's coverage for the gate to judge.
    expect(draft.body).not.toContain('Which one is your question about?');
    expect(draft.coverage).toMatchObject({ asks: 1 });
    expect(draft.body).toContain(
      '- Contact us with the order number (it starts with #W, for example #W1234567).\n- Tell us the reason: no longer needed or ordered by mistake.',
    );
    expect(draft.body).not.toContain('Only orders with the status pending can be cancelled.');
    expect(draft.citations.map((c) => c.chunkId)).toEqual(['cancel#how']);
    expect(draft.toolCalls).toEqual([]);
    expect(untraceable(draft, [CANCEL, CANCEL_HOW])).toEqual([]);
  });

  it('answers a question whether the write is allowed without asking for an order, with its coverage', async () => {
    const draft = await draftFor({
      ticket: ticket('Can I still cancel an order once it has been processed?'),
      routing: routing('cancel_order', 'suggest'),
      retrieval: retrieval([CANCEL, CANCEL_HOW], customer([processedOrder, pendingOrder])),
    });
    expect(draft.body).not.toContain('Which one is your question about?');
    expect(draft.body).toContain('Only orders with the status pending can be cancelled.');
    expect(draft.coverage).toMatchObject({ asks: 1 });
    expect(draft.facts.filter((f) => f.source === 'order')).toEqual([]);
    expect(draft.toolCalls).toEqual([]);
  });
});

describe('grounding', () => {
  it.each(scenarios)('every sentence is boilerplate or traceable to a source (%s)', async (_name, input) => {
    const draft = await draftFor(input);
    expect(untraceable(draft, input.retrieval.passages)).toEqual([]);
    expect(draft.groundedness).toBe(1);
  });

  it('scores an invented claim as unsupported', () => {
    const facts = [{ source: 'order' as const, ref: '#W3400144', field: 'status', value: 'processed' }];
    const body =
      'Hi Yara,\n\nYour order #W3400144 is currently processed. It will arrive tomorrow morning by drone.';
    const report = checkGrounding(body, [STATUSES], facts, ['Hi Yara,']);
    expect(report.groundedness).toBe(0.5);
    expect(report.sentences.map((s) => s.kind)).toEqual(['boilerplate', 'fact', 'unsupported']);
  });

  it('rejects a status or order that the facts do not hold', () => {
    const facts = [{ source: 'order' as const, ref: '#W3400144', field: 'status', value: 'processed' }];
    const wrongStatus = checkGrounding('Your order #W3400144 is delivered.', [], facts, []);
    const otherOrder = checkGrounding('Your order #W9999999 is processed.', [], facts, []);
    expect(wrongStatus.groundedness).toBe(0);
    expect(otherOrder.groundedness).toBe(0);
  });
});
