import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Routing } from '@parley/contracts';
import type { Reply } from '@parley/providers/testing';
import { chatCompletion } from '@parley/providers/testing';
import type { ComposeInput, ComposeResult, Composer } from '../src/compose/composer.js';
import { READ_BACK } from '../src/compose/hosted/hosted-composer.js';
import { CONFIRM } from '../src/compose/local/boilerplate.js';
import {
  CANCEL,
  CANCEL_HOW,
  passage,
  REFUNDS,
  retrieval,
  routing,
  ticket,
} from '../src/compose/local/testing.js';
import { readServiceConfig } from '../src/config.js';
import { composerFor } from '../src/context.js';
import type { DemoStore } from './demo-store.js';
import { customerContext, demoStore } from './demo-store.js';
import type { Flavour, ModelServer, ScriptedCall } from './model-servers.js';
import { answer, calledTools, modelServer, offeredToolsOf, said, toolResultsOf } from './model-servers.js';

// The hosted tiers' tool loop against loopback servers speaking each provider's wire format, over the demo store
// seeded in Postgres. Every model reply is scripted; no live provider is called.

const FLAVOURS = ['anthropic', 'openai'] as const;
const MODEL = { anthropic: 'claude-haiku-4-5', openai: 'gpt-4o-mini' } as const;
const servers = {} as Record<(typeof FLAVOURS)[number], ModelServer>;
let demo: DemoStore;

beforeAll(async () => {
  for (const f of FLAVOURS) servers[f] = await modelServer(f, answer('unscripted'));
  demo = await demoStore('hosted_tools');
});
afterAll(async () => {
  for (const f of FLAVOURS) await servers[f].close();
  await demo.db.drop();
});

function composer(flavour: Flavour, maxToolRounds = 6): Composer {
  const s = servers[flavour as (typeof FLAVOURS)[number]];
  return composerFor(
    readServiceConfig({
      RESOLVER_COMPOSER: flavour,
      RESOLVER_MODEL_COMMODITY: MODEL[flavour as (typeof FLAVOURS)[number]],
      RESOLVER_BASE_URL: s.baseUrl,
      RESOLVER_API_KEY: s.apiKey!,
      RESOLVER_TIMEOUT_MS: '10000',
      RESOLVER_MAX_TOOL_ROUNDS: String(maxToolRounds),
    }),
    { store: demo.store },
  );
}

/** Help-centre filler, so a passage found by search_help_centre is numbered after the prompt's eight. */
const FILLER = Array.from({ length: 8 }, (_, i) =>
  passage(`filler#${i}`, `filler-${i}`, `Section ${i}`, `Gardening tip number ${i} about tomatoes.`, 0.5),
);

/** A turn of the demo customer, routed to a commodity-tier intent; retrieval found no order in the message. */
function turn(
  body: string,
  opts: { intent?: string; allowedTools?: string[]; passages?: typeof FILLER } = {},
): ComposeInput {
  const r: Routing = {
    ...routing(opts.intent ?? 'cancel_order', 'suggest'),
    tier: 'commodity',
    allowedTools: opts.allowedTools ?? ['lookup_order', 'cancel_order'],
  };
  const { customer } = demo;
  return {
    ticket: { ...ticket(body), customer: { crmId: customer.id, email: customer.email, name: customer.name } },
    routing: r,
    retrieval: retrieval(opts.passages ?? [CANCEL, CANCEL_HOW, REFUNDS], customerContext(customer)),
    ticketId: 'tk_tools',
    turn: 2,
  };
}

/** Scripts the replies, composes one turn and returns the result with the requests the server received. */
async function run(
  flavour: (typeof FLAVOURS)[number],
  input: ComposeInput,
  replies: Reply[],
  c = composer(flavour),
) {
  const server = servers[flavour];
  server.enqueue(...replies);
  const before = server.server.requests.length;
  const result: ComposeResult = await c.compose(input);
  return { result, requests: server.server.requests.slice(before) };
}

const call = (name: string, input: unknown): ScriptedCall => ({ name, input });
const priceOf = (flavour: (typeof FLAVOURS)[number], input: number, output: number) =>
  // claude-haiku-4-5: $1 / $5 per million input / output tokens; gpt-4o-mini: $0.15 / $0.60.
  flavour === 'anthropic' ? (input * 1 + output * 5) / 1e6 : (input * 0.15 + output * 0.6) / 1e6;
const parsed = (content: string) => JSON.parse(content) as Record<string, unknown>;

describe.each(FLAVOURS)('the tool loop over %s', (flavour) => {
  it('looks an order up, answers from the facts it returned, and counts every round', async () => {
    const order = demo.delivered;
    const tracking = order.fulfillments.flatMap((f) => f.trackingIds);
    const { result, requests } = await run(
      flavour,
      turn(`Where is my order ${order.id}?`, { intent: 'order_status' }),
      [
        calledTools(flavour, [call('get_order_details', { order_id: order.id })], { input: 500, output: 40 }),
        said(
          flavour,
          answer(
            `Your order ${order.id} is currently delivered. Tracking number: TRACKING_1.`,
            [],
            ['F1', 'F2', 'F4'],
          ),
          { input: 1000, output: 200 },
        ),
      ],
    );
    expect(requests).toHaveLength(2);
    expect(offeredToolsOf(requests[0]!)).toContain('get_order_details');
    const [sent] = toolResultsOf(requests[1]!);
    const content = parsed(sent!.content);
    expect(content.result).toMatchObject({ orderId: order.id, status: 'delivered' });
    expect(content.facts).toEqual(
      expect.arrayContaining([
        `F1: order ${order.id} orderId: ${order.id}`,
        `F2: order ${order.id} status: delivered`,
        expect.stringMatching(/^F4: order #W\d+ trackingIds: TRACKING_1/),
      ]),
    );

    expect(result.call?.outcome).toBe('ok');
    const draft = result.draft!;
    expect(draft.body).toContain(`Tracking number: ${tracking[0]}.`);
    expect(draft.facts.map((f) => f.field)).toEqual(['orderId', 'status', 'trackingIds']);
    expect(draft.groundedness).toBe(1);
    expect(draft.toolCalls).toEqual([
      { name: 'get_order_details', input: { order_id: order.id }, status: 'ok' },
    ]);
    // Both rounds are paid for and counted.
    expect(draft.usage.inputTokens).toBe(1500);
    expect(draft.usage.outputTokens).toBe(240);
    expect(draft.usage.costUsd).toBeCloseTo(priceOf(flavour, 1500, 240), 12);
    expect(result.call?.attempts).toBe(2);
    expect(result.call?.rounds).toEqual([
      {
        round: 1,
        kind: 'tools',
        inputTokens: 500,
        outputTokens: 40,
        costUsd: expect.closeTo(priceOf(flavour, 500, 40), 12),
        tools: [{ tool: 'get_order_details', status: 'ok' }],
      },
      {
        round: 2,
        kind: 'answer',
        inputTokens: 1000,
        outputTokens: 200,
        costUsd: expect.closeTo(priceOf(flavour, 1000, 200), 12),
      },
    ]);
  });

  it('sends tool results redacted: no name, email, address or user id; ids and tracking as stand-ins', async () => {
    const { customer, delivered, stranger } = demo;
    const other = stranger.customerId;
    const { result, requests } = await run(
      flavour,
      turn('Which payment methods do I have?', { intent: 'payment' }),
      [
        calledTools(flavour, [
          call('find_user_id_by_name_zip', {
            first_name: other.split('_')[0],
            last_name: other.split('_')[1],
            zip: '00000',
          }),
          call('find_user_id_by_name_zip', {
            first_name: customer.firstName,
            last_name: customer.lastName,
            zip: customer.address.zip,
          }),
        ]),
        calledTools(flavour, [
          call('get_user_details', { user_id: 'CUSTOMER_1' }),
          call('get_order_details', { order_id: delivered.id }),
        ]),
        said(flavour, answer('Thanks for getting in touch.')),
      ],
    );
    expect(result.call?.outcome).toBe('ok');
    const results = toolResultsOf(requests[2]!);
    expect(results).toHaveLength(4);
    // Another customer is never confirmed, and nothing says whether they exist.
    expect(parsed(results[0]!.content)).toMatchObject({ error: 'other_customer' });
    expect(results[0]!.content).not.toContain(other);
    expect(parsed(results[1]!.content)).toEqual({ result: { userId: 'CUSTOMER_1' } });
    const user = parsed(results[2]!.content).result as Record<string, unknown>;
    expect(user.userId).toBe('CUSTOMER_1');
    expect([...(user.orderIds as string[])].sort()).toEqual([...customer.orderIds].sort());
    expect(Object.keys(user).sort()).toEqual(['orderIds', 'paymentMethods', 'userId']);
    const order = parsed(results[3]!.content).result as {
      items: Array<{ itemId: string; productId: string }>;
    };
    expect(order.items[0]!.itemId).toMatch(/^ITEM_\d+$/);
    expect(order.items[0]!.productId).toMatch(/^PRODUCT_\d+$/);

    const raw = requests[2]!.rawBody;
    const secrets = [
      customer.id,
      customer.email,
      customer.address.line1,
      ...delivered.items.map((i) => i.itemId),
      ...delivered.fulfillments.flatMap((f) => f.trackingIds),
    ];
    for (const secret of secrets) expect(raw).not.toContain(secret);
    for (const r of results) {
      expect(r.content).not.toContain(customer.firstName);
      expect(r.content).not.toContain(customer.lastName);
    }
    expect(raw).toContain('TRACKING_1');
  });

  it('hands the ticket to a person when the model keeps calling tools past the cap', async () => {
    const lookup = calledTools(flavour, [call('list_all_product_types', {})], { input: 300, output: 20 });
    const { result, requests } = await run(
      flavour,
      turn('Cancel my order please'),
      [lookup, lookup, lookup],
      composer(flavour, 2),
    );
    expect(requests).toHaveLength(3);
    expect(result.draft).toBeNull();
    expect(result.noDraftReason).toBe('tool round cap of 2 reached: a person takes over');
    expect(result.call).toMatchObject({
      outcome: 'tool_round_cap',
      attempts: 3,
      usage: { inputTokens: 900, outputTokens: 60 },
    });
    expect(result.call?.rounds?.map((r) => r.kind)).toEqual(['tools', 'tools', 'round_cap']);
    expect(result.call?.rounds?.[2]?.tools).toBeUndefined();
  });

  it('turns a write call into the proposal, read back to confirm, and never runs it', async () => {
    const order = demo.pending;
    const paid = order.paymentHistory[0]!;
    const before = await demo.digest();
    const cancel = { order_id: order.id, reason: 'no longer needed' };
    const { result, requests } = await run(flavour, turn(`Please cancel ${order.id}, I no longer need it.`), [
      calledTools(flavour, [call('cancel_pending_order', cancel)]),
      said(flavour, answer('Only orders with the status pending can be cancelled.', [1])),
    ]);
    const [sent] = toolResultsOf(requests[1]!);
    expect(parsed(sent!.content)).toMatchObject({
      proposed: true,
      note: expect.stringContaining('Not carried out'),
    });

    expect(result.call?.outcome).toBe('ok');
    const draft = result.draft!;
    expect(draft.proposal).toEqual({
      actionId: 'act_tk_tools_2',
      tool: 'cancel_pending_order',
      input: cancel,
      summary: expect.stringContaining(`Cancel order ${order.id} (`),
      customerId: demo.customer.id,
      amountUsd: paid.amount,
      // A cancellation refunds the method that paid.
      reversesPayment: true,
    });
    expect(draft.proposal?.summary).toContain('reason: no longer needed.');
    expect(draft.proposal?.summary).toContain(`Refund: $${paid.amount.toFixed(2)} to `);
    expect(draft.action).toBe('cancel_pending_order');
    expect(draft.toolCalls).toEqual([{ name: 'cancel_pending_order', input: cancel, status: 'proposed' }]);
    expect(draft.body).toContain(`${READ_BACK} ${draft.proposal!.summary}`);
    expect(draft.body).toContain(CONFIRM);
    expect(draft.groundedness).toBe(1);
    // Nothing was written: the customer's "yes" and the actions service do that.
    expect(await demo.digest()).toBe(before);
    expect((await demo.store.getOrder(order.id))?.status).toBe('pending');
    const ledger = await demo.db.db.selectFrom('store_actions').select('action_id').execute();
    expect(ledger).toEqual([]);
  });

  it('keeps the first of two writes and tells the model one action at a time', async () => {
    const order = demo.pending;
    const address = {
      order_id: order.id,
      address1: '1 Example Road',
      address2: '',
      city: 'Springfield',
      state: 'IL',
      country: 'USA',
      zip: '62701',
    };
    const { result, requests } = await run(
      flavour,
      turn(`Cancel ${order.id}, or else change its address`, {
        allowedTools: ['cancel_order', 'update_address'],
      }),
      [
        calledTools(flavour, [
          call('cancel_pending_order', { order_id: order.id, reason: 'ordered by mistake' }),
          call('modify_pending_order_address', address),
        ]),
        said(flavour, answer('Only orders with the status pending can be cancelled.', [1])),
      ],
    );
    const sent = toolResultsOf(requests[1]!);
    expect(parsed(sent[0]!.content)).toMatchObject({ proposed: true });
    expect(parsed(sent[1]!.content)).toMatchObject({ error: 'one_action_at_a_time' });
    expect(parsed(sent[1]!.content).message).toContain('Only one action at a time');
    if (flavour === 'anthropic') expect(sent.map((r) => r.isError)).toEqual([false, true]);
    expect(result.draft?.proposal?.tool).toBe('cancel_pending_order');
    expect(result.draft?.toolCalls.map((c) => [c.name, c.status])).toEqual([
      ['cancel_pending_order', 'proposed'],
      ['modify_pending_order_address', 'error'],
    ]);
    expect(result.call?.rounds?.[0]?.tools).toEqual([
      { tool: 'cancel_pending_order', status: 'proposed' },
      { tool: 'modify_pending_order_address', status: 'error', rule: 'one_action_at_a_time' },
    ]);
  });

  it('answers unknown tools, bad input, policy refusals and other customers with errors, and carries on', async () => {
    const before = await demo.digest();
    const { result, requests } = await run(flavour, turn(`Cancel ${demo.delivered.id}`), [
      calledTools(flavour, [
        call('drop_all_orders', {}),
        call('get_order_details', { order: 1 }),
        call('cancel_pending_order', { order_id: demo.pending.id, reason: 'changed my mind' }),
      ]),
      calledTools(flavour, [
        call('get_order_details', { order_id: demo.stranger.id }),
        call('get_user_details', { user_id: demo.stranger.customerId }),
        call('cancel_pending_order', { order_id: demo.delivered.id, reason: 'no longer needed' }),
      ]),
      said(flavour, answer('Only orders with the status pending can be cancelled.', [1])),
    ]);
    const results = toolResultsOf(requests[2]!).map((r) => parsed(r.content));
    expect(results.map((r) => r.error)).toEqual([
      'unknown_tool',
      'invalid_input',
      'invalid_input',
      'other_customer',
      'other_customer',
      'order_not_pending',
    ]);
    expect(results[1]!.message).toContain('order_id');
    expect(results[2]!.message).toContain('reason');
    expect(result.call?.outcome).toBe('ok');
    expect(result.draft?.proposal).toBeUndefined();
    expect(result.draft?.action).toBeUndefined();
    expect(result.call?.rounds?.[0]?.tools).toEqual([
      { tool: 'unknown', status: 'error', rule: 'unknown_tool' },
      { tool: 'get_order_details', status: 'error', rule: 'invalid_input' },
      { tool: 'cancel_pending_order', status: 'error', rule: 'invalid_input' },
    ]);
    expect(result.call?.rounds?.[1]?.tools?.map((t) => t.rule)).toEqual([
      'other_customer',
      'other_customer',
      'order_not_pending',
    ]);
    expect(await demo.digest()).toBe(before);
  });

  it('never proposes a write with values redaction hid from the model, and knows no one for an unknown sender', async () => {
    const order = demo.pending;
    const hidden = turn(`Send ${order.id} to 12 Oak Street instead`, { allowedTools: ['update_address'] });
    const address = {
      address1: '[address]',
      address2: '',
      city: 'Austin',
      state: 'TX',
      country: 'USA',
      zip: '73301',
    };
    const one = await run(flavour, hidden, [
      calledTools(flavour, [call('modify_pending_order_address', { order_id: order.id, ...address })]),
      said(flavour, answer('Thanks for getting in touch.')),
    ]);
    expect(parsed(toolResultsOf(one.requests[1]!)[0]!.content)).toMatchObject({ error: 'hidden_values' });
    expect(one.result.draft?.proposal).toBeUndefined();

    // A read-back longer than a proposal may hold goes to a person rather than out cut short.
    const long = { ...address, user_id: 'CUSTOMER_1', address1: `${'Long Lane '.repeat(210)}1` };
    const three = await run(flavour, hidden, [
      calledTools(flavour, [call('get_user_details', { user_id: demo.customer.id })]),
      calledTools(flavour, [call('modify_user_address', long)]),
      said(flavour, answer('Thanks for getting in touch.')),
    ]);
    expect(parsed(toolResultsOf(three.requests[2]!)[1]!.content)).toMatchObject({
      error: 'too_long_to_read_back',
    });
    expect(three.result.draft?.proposal).toBeUndefined();

    const anonymous = turn(`Please cancel ${order.id}`);
    anonymous.ticket = { ...anonymous.ticket, customer: { crmId: null } };
    const two = await run(flavour, anonymous, [
      calledTools(flavour, [
        call('get_order_details', { order_id: order.id }),
        call('find_user_id_by_name_zip', {
          first_name: demo.customer.firstName,
          last_name: demo.customer.lastName,
          zip: demo.customer.address.zip,
        }),
        call('cancel_pending_order', { order_id: order.id, reason: 'no longer needed' }),
      ]),
      said(flavour, answer('Thanks for getting in touch.')),
    ]);
    const results = toolResultsOf(two.requests[1]!).map((r) => parsed(r.content));
    expect(results.map((r) => r.error)).toEqual(['not_authenticated', 'other_customer', 'not_authenticated']);
    expect(JSON.stringify(results)).not.toContain(order.items[0]!.name);
    expect(two.result.draft?.proposal).toBeUndefined();
  });

  it('searches the passages the turn already has and accepts a citation to one numbered by the search', async () => {
    const { result, requests } = await run(
      flavour,
      turn('How long does a refund to PayPal take?', {
        intent: 'refund_status',
        passages: [...FILLER, REFUNDS],
      }),
      [
        calledTools(flavour, [call('search_help_centre', { query: 'refund PayPal how long' })]),
        said(flavour, answer('Refunds go back to the original payment method.', [9])),
      ],
    );
    const [sent] = toolResultsOf(requests[1]!);
    expect(sent!.content).toContain('<passage number="9" article="refund-timing"');
    expect(sent!.content).not.toContain('tomatoes');
    expect(result.call?.outcome).toBe('ok');
    expect(result.draft?.citations.map((c) => c.chunkId)).toEqual(['refund-timing#paypal']);
    expect(result.draft?.groundedness).toBe(1);
  });

  it('leaves no draft when the model hands the conversation to a person', async () => {
    const { result, requests } = await run(flavour, turn('I want to talk to a human'), [
      calledTools(flavour, [call('transfer_to_human_agents', { summary: 'asks for a person' })]),
    ]);
    expect(requests).toHaveLength(1);
    expect(result).toMatchObject({
      draft: null,
      noDraftReason: 'the model handed the conversation to a person',
      call: { outcome: 'handoff', attempts: 1 },
    });
  });
});

describe('the tool loop over openai with arguments that are not JSON', () => {
  it('answers the call with an error for the model to correct', async () => {
    const broken = chatCompletion({
      content: null,
      toolCalls: [{ id: 'call_x', name: 'get_order_details', arguments: '{"order_id": ' }],
    });
    const { result, requests } = await run('openai', turn('Where is my order?'), [
      broken,
      said('openai', answer('Thanks for getting in touch.')),
    ]);
    const [sent] = toolResultsOf(requests[1]!);
    expect(parsed(sent!.content)).toMatchObject({ error: 'invalid_input' });
    expect(result.call?.outcome).toBe('ok');
    expect(result.call?.rounds?.[0]?.tools).toEqual([
      { tool: 'get_order_details', status: 'error', rule: 'invalid_input' },
    ]);
  });
});
