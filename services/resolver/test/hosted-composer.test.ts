import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Routing, Tier } from '@parley/contracts';
import type { ComposeInput, ComposeResult, Composer } from '../src/compose/composer.js';
import { CONFIRM } from '../src/compose/local/boilerplate.js';
import {
  CANCEL,
  customer,
  pendingOrder,
  processedOrder,
  REFUNDS,
  retrieval,
  routing,
  STATUSES,
  ticket,
  TRACKING,
} from '../src/compose/local/testing.js';
import { readServiceConfig } from '../src/config.js';
import { composerFor } from '../src/context.js';
import type { DemoStore } from './demo-store.js';
import { demoStore } from './demo-store.js';
import type { Flavour, ModelServer } from './model-servers.js';
import { answer, failure, modelServer, offeredToolsOf, promptOf, said } from './model-servers.js';

const REFUND_ANSWER = answer(
  'Refunds go back to the original payment method. Credit card or PayPal: within 5-7 business days after we receive the returned items.',
  [1],
);
const MODELS: Record<Flavour, { commodity: string; frontier: string }> = {
  anthropic: { commodity: 'claude-haiku-4-5', frontier: 'claude-opus-4-5' },
  openai: { commodity: 'gpt-4o-mini', frontier: 'gpt-4o' },
  'openai-compatible': { commodity: 'llama3.1:8b', frontier: 'llama3.1:70b' },
};

const servers = {} as Record<Flavour, ModelServer>;
let demo: DemoStore;
beforeAll(async () => {
  for (const flavour of ['anthropic', 'openai', 'openai-compatible'] as const)
    servers[flavour] = await modelServer(flavour, REFUND_ANSWER);
  demo = await demoStore('hosted_composer');
});
afterAll(async () => {
  for (const s of Object.values(servers)) await s.close();
  await demo.db.drop();
});

/** The composer the service builds from this config, pointed at a loopback server. */
function composer(flavour: Flavour, opts: { timeoutMs?: number; apiKey?: string } = {}): Composer {
  const s = servers[flavour];
  const key = opts.apiKey ?? s.apiKey;
  return composerFor(
    readServiceConfig({
      RESOLVER_COMPOSER: flavour,
      RESOLVER_MODEL_COMMODITY: MODELS[flavour].commodity,
      RESOLVER_MODEL_FRONTIER: MODELS[flavour].frontier,
      RESOLVER_BASE_URL: s.baseUrl,
      RESOLVER_TIMEOUT_MS: String(opts.timeoutMs ?? 5_000),
      ...(key ? { RESOLVER_API_KEY: key } : {}),
    }),
    { store: demo.store },
  );
}

const tiered = (intent: string, tier: Tier = 'commodity', band: Routing['band'] = 'auto'): Routing => ({
  ...routing(intent, band),
  tier,
});
const refundQuestion = (tier: Tier = 'commodity'): ComposeInput => ({
  ticket: ticket('How long does a refund to my PayPal take?'),
  routing: tiered('refund_status', tier),
  retrieval: retrieval([REFUNDS, CANCEL], customer([processedOrder])),
});

/** Runs one compose against a server and returns the result with the requests it received. */
async function run(flavour: Flavour, input: ComposeInput, c = composer(flavour)) {
  const before = servers[flavour].server.requests.length;
  const result: ComposeResult = await c.compose(input);
  return { result, requests: servers[flavour].server.requests.slice(before) };
}

describe('hosted composer over the Anthropic Messages API', () => {
  it('turns a cited answer into a draft, measured by the grounding check, with usage and cost', async () => {
    servers.anthropic.enqueue(said('anthropic', REFUND_ANSWER, { input: 1000, output: 200 }));
    const { result, requests } = await run('anthropic', refundQuestion());
    expect(requests).toHaveLength(1);
    expect(requests[0]!.path).toBe('/v1/messages');
    expect((requests[0]!.body as { model: string }).model).toBe('claude-haiku-4-5');
    const { system, user } = promptOf(requests[0]!);
    expect(system).toContain('Every sentence must come from a source');
    expect(user[0]).toContain('<message>\nHow long does a refund to my PayPal take?\n</message>');
    expect(user[0]).toContain(
      '<passage number="1" article="refund-timing" section="How long refunds take">\nRefunds go back',
    );
    expect(user[0]).toContain('<passage number="2" article="cancel-an-order"');
    expect(user[0]).toContain('F2: order #W3400144 status: processed');

    const draft = result.draft!;
    expect(draft.body).toBe(
      [
        'Hi Yara,',
        'Refunds go back to the original payment method. Credit card or PayPal: within 5-7 business days after we receive the returned items.',
        'If anything is unclear, just reply to this message.',
        'Best regards,\nThe support team',
      ].join('\n\n'),
    );
    expect(draft.citations).toEqual([expect.objectContaining({ chunkId: 'refund-timing#paypal' })]);
    expect(draft.groundedness).toBe(1);
    expect(draft.model).toEqual({
      provider: 'anthropic',
      name: 'claude-haiku-4-5-20251001',
      tier: 'commodity',
    });
    // claude-haiku-4-5 lists at $1 / $5 per million input / output tokens.
    expect(draft.usage).toEqual({ inputTokens: 1000, outputTokens: 200, costUsd: 0.002 });
    expect(result.call).toMatchObject({
      provider: 'anthropic',
      tier: 'commodity',
      outcome: 'ok',
      attempts: 1,
    });
    expect(result.call?.usage).toEqual({
      inputTokens: 1000,
      outputTokens: 200,
      costUsd: 0.002,
      priced: true,
    });
  });

  it("states the customer's own order facts and lists them as the draft's facts", async () => {
    servers.anthropic.enqueue(
      said(
        'anthropic',
        answer(
          'Your order #W3400144 is currently processed. A tracking number is created when your order changes from pending to processed, which means it has been packed and handed to the carrier.',
          [2],
          ['F1', 'F2'],
        ),
      ),
    );
    const { result } = await run('anthropic', {
      ticket: ticket('Where is my order #W3400144?'),
      routing: tiered('order_status'),
      retrieval: retrieval([STATUSES, TRACKING], customer([processedOrder])),
    });
    expect(result.call?.outcome).toBe('ok');
    expect(result.draft?.facts.map((f) => `${f.ref} ${f.field}`)).toEqual([
      '#W3400144 orderId',
      '#W3400144 status',
    ]);
    expect(result.draft?.citations.map((c) => c.chunkId)).toEqual(['tracking#when']);
    expect(result.draft?.groundedness).toBe(1);
  });

  it('gives tracking numbers as stand-ins that redaction leaves alone, and puts the numbers back', async () => {
    servers.anthropic.enqueue(
      said('anthropic', answer('Your order #W3400144 has tracking number TRACKING_1.', [], ['F1', 'F4'])),
    );
    const { result, requests } = await run('anthropic', {
      ticket: ticket('What is the tracking number for #W3400144?'),
      routing: tiered('order_status'),
      retrieval: retrieval([STATUSES, TRACKING], customer([processedOrder])),
    });
    const sent = JSON.stringify(requests[0]!.body);
    expect(sent).toContain('trackingIds: TRACKING_1');
    expect(sent).not.toContain('308411122233');
    expect(result.call?.outcome).toBe('ok');
    expect(result.draft?.body).toContain('Your order #W3400144 has tracking number 308411122233.');
    expect(result.draft?.facts.map((f) => f.field)).toEqual(['orderId', 'trackingIds']);
    expect(result.draft?.groundedness).toBe(1);
  });

  it("never trusts the model's claim: a sentence no cited source backs lowers groundedness", async () => {
    servers.anthropic.enqueue(
      said(
        'anthropic',
        answer('Refunds go back to the original payment method. You will also receive a $20 voucher.', [1]),
      ),
    );
    const { result } = await run('anthropic', refundQuestion());
    expect(result.call?.outcome).toBe('ok');
    expect(result.draft?.groundedness).toBe(0.5);
  });

  it('frontier-tier intents use the frontier model', async () => {
    servers.anthropic.enqueue(said('anthropic', REFUND_ANSWER));
    const { result, requests } = await run('anthropic', refundQuestion('frontier'));
    expect((requests[0]!.body as { model: string }).model).toBe('claude-opus-4-5');
    expect(result.draft?.model.tier).toBe('frontier');
  });

  it('local-tier and escalated turns never call the server', async () => {
    const local = await run('anthropic', refundQuestion('local'));
    expect(local.requests).toHaveLength(0);
    expect(local.result.call).toBeUndefined();
    expect(local.result.draft?.model).toEqual({
      provider: 'local',
      name: 'grounded-composer-v1',
      tier: 'local',
    });

    const escalated = await run('anthropic', {
      ...refundQuestion(),
      routing: tiered('refund_status', 'frontier', 'escalate'),
    });
    expect(escalated.requests).toHaveLength(0);
    expect(escalated.result).toEqual({ draft: null, noDraftReason: 'escalate band' });
  });

  it('falls back to the local draft when the model cites a passage or fact it was not given', async () => {
    servers.anthropic.enqueue(
      said('anthropic', answer('Refunds go back to the original payment method.', [3])),
    );
    const passage = await run('anthropic', refundQuestion());
    expect(passage.result.draft?.model.provider).toBe('local');
    expect(passage.result.call).toMatchObject({ outcome: 'invalid_citation', attempts: 1 });
    expect(passage.result.call?.usage?.inputTokens).toBe(1000);

    servers.anthropic.enqueue(
      said('anthropic', answer('Refunds go back to the original payment method.', [1], ['F99'])),
    );
    const fact = await run('anthropic', refundQuestion());
    expect(fact.result.call?.outcome).toBe('invalid_citation');
    expect(fact.result.draft?.model.name).toBe('grounded-composer-v1');
  });

  it('falls back when the deadline passes', async () => {
    servers.anthropic.enqueue({ ...said('anthropic', REFUND_ANSWER), delayMs: 10_000 });
    const { result } = await run('anthropic', refundQuestion(), composer('anthropic', { timeoutMs: 300 }));
    expect(result.call).toMatchObject({
      outcome: 'timeout',
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
    });
    expect(result.call?.usage).toBeUndefined();
    expect(result.draft?.model.provider).toBe('local');
    expect(result.draft?.body).toContain('Refunds go back to the original payment method.');
  });

  it('retries once after invalid JSON, showing the model what was wrong, and sums the usage', async () => {
    servers.anthropic.enqueue(
      said('anthropic', 'Sure! Refunds take 5-7 days.', { input: 900, output: 10 }),
      said('anthropic', REFUND_ANSWER, { input: 1000, output: 200 }),
    );
    const { result, requests } = await run('anthropic', refundQuestion());
    expect(requests).toHaveLength(2);
    const retry = requests[1]!.body as { messages: Array<{ role: string; content: string }> };
    expect(retry.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(retry.messages[2]!.content).toContain('no JSON object or array found');
    expect(result.call).toMatchObject({ outcome: 'ok', attempts: 2 });
    expect(result.draft?.usage).toEqual({ inputTokens: 1900, outputTokens: 210, costUsd: 0.00295 });
  });

  it('falls back after two invalid replies, a rate limit or rejected credentials', async () => {
    servers.anthropic.enqueue(said('anthropic', '{"body": ""}'), said('anthropic', 'still not it'));
    const invalid = await run('anthropic', refundQuestion());
    expect(invalid.result.call).toMatchObject({ outcome: 'invalid_json', attempts: 2 });
    expect(invalid.result.call?.usage?.inputTokens).toBe(2000);

    servers.anthropic.enqueue(failure('anthropic', 429, 'rate_limit_error', { 'retry-after': '30' }));
    const limited = await run('anthropic', refundQuestion());
    expect(limited.result.call?.outcome).toBe('rate_limit');
    expect(limited.result.draft?.model.provider).toBe('local');

    const auth = await run('anthropic', refundQuestion(), composer('anthropic', { apiKey: 'sk-ant-wrong' }));
    expect(auth.requests).toHaveLength(1);
    expect(auth.result.call?.outcome).toBe('auth');
  });

  it('redacts PII in everything the server receives', async () => {
    servers.anthropic.enqueue(said('anthropic', REFUND_ANSWER));
    const turn = ticket(
      'How long does a refund to my PayPal take? Reach me at yara.li@example.com or +1 415 555 0199; I paid with 4111 1111 1111 1111.',
    );
    turn.history = [
      {
        turn: 1,
        role: 'customer',
        body: 'I live at 4100 Euclid Ave, Apt 12 if that matters.',
        at: new Date(0).toISOString(),
      },
    ];
    const { requests } = await run('anthropic', { ...refundQuestion(), ticket: turn });
    const sent = requests[0]!.rawBody;
    for (const pii of ['yara.li@example.com', '415 555 0199', '4111 1111 1111 1111', '4100 Euclid Ave']) {
      expect(sent).not.toContain(pii);
    }
    expect(sent).toContain('[email]');
    expect(sent).toContain('[address]');
    // The composer adds no customer name or contact details of its own.
    expect(sent).not.toContain('Yara');
    expect(sent).not.toContain('yara@example.com');
  });
});

describe('consequential intents', () => {
  const cancelInput: ComposeInput = {
    ticket: ticket('Please cancel #W8770097'),
    routing: {
      ...tiered('cancel_order', 'commodity', 'suggest'),
      allowedTools: ['lookup_order', 'cancel_order'],
    },
    retrieval: retrieval([CANCEL], customer([pendingOrder])),
  };

  it("offers the reads and only the routed intent's writes; no write call means no proposal", async () => {
    servers.anthropic.enqueue(
      said(
        'anthropic',
        answer(
          'Your order #W8770097 is currently pending. Only orders with the status pending can be cancelled.',
          [1],
          ['F1', 'F2'],
        ),
      ),
    );
    const { result, requests } = await run('anthropic', cancelInput);
    const offered = offeredToolsOf(requests[0]!);
    expect(offered).toEqual(
      expect.arrayContaining(['get_order_details', 'search_help_centre', 'cancel_pending_order']),
    );
    expect(offered).not.toContain('return_delivered_order_items');
    expect(offered).not.toContain('modify_pending_order_items');
    expect(promptOf(requests[0]!).user[0]).not.toContain('Proposed action');
    expect(result.call?.outcome).toBe('ok');
    // The local composer's guess is not carried over: only the model's own write call proposes.
    expect(result.draft?.action).toBeUndefined();
    expect(result.draft?.proposal).toBeUndefined();
    expect(result.draft?.toolCalls).toEqual([]);
    expect(result.draft?.body).not.toContain(CONFIRM);
    expect(result.draft?.groundedness).toBe(1);
  });

  it('falls back when the reply says the action was carried out', async () => {
    servers.anthropic.enqueue(
      said('anthropic', answer("I've cancelled order #W8770097 for you.", [1], ['F1'])),
    );
    const { result } = await run('anthropic', cancelInput);
    expect(result.call?.outcome).toBe('promised_action');
    expect(result.draft?.model.provider).toBe('local');
    // The local draft: the sender has no record in the store, so it asks for the account and proposes nothing.
    expect(result.draft?.clarifies).toEqual(['identity']);
    expect(result.draft?.proposal).toBeUndefined();
  });
});

describe('hosted composer over OpenAI chat completions', () => {
  it('sends the system prompt and passages with a bearer key and prices the usage', async () => {
    servers.openai.enqueue(said('openai', REFUND_ANSWER, { input: 2000, output: 300 }));
    const { result, requests } = await run('openai', refundQuestion());
    expect(requests[0]!.path).toBe('/v1/chat/completions');
    expect(requests[0]!.headers.authorization).toBe(`Bearer ${servers.openai.apiKey}`);
    const body = requests[0]!.body as { model: string; messages: Array<{ role: string }> };
    expect(body.model).toBe('gpt-4o-mini');
    expect(body.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(result.draft?.model).toEqual({
      provider: 'openai',
      name: 'gpt-4o-mini-2024-07-18',
      tier: 'commodity',
    });
    expect(result.draft?.groundedness).toBe(1);
    // gpt-4o-mini lists at $0.15 / $0.60 per million input / output tokens.
    expect(result.draft?.usage.costUsd).toBeCloseTo(0.00048, 10);
  });

  it('a self-hosted compatible server gets no key and its usage is recorded unpriced', async () => {
    servers['openai-compatible'].enqueue(
      said('openai-compatible', REFUND_ANSWER, { input: 800, output: 90 }),
    );
    const { result, requests } = await run('openai-compatible', refundQuestion());
    expect(requests[0]!.headers.authorization).toBeUndefined();
    expect(result.draft?.usage).toEqual({ inputTokens: 800, outputTokens: 90, costUsd: 0 });
    expect(result.call?.usage?.priced).toBe(false);
  });

  it('falls back on a citation to a passage not given', async () => {
    servers.openai.enqueue(said('openai', answer('Refunds go back to the original payment method.', [0])));
    const { result } = await run('openai', refundQuestion());
    expect(result.call?.outcome).toBe('invalid_citation');
    expect(result.draft?.model.provider).toBe('local');
  });
});
