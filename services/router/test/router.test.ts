import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { anonymousTurn, pendingCancel } from '@parley/contracts/testing';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readTimeline } from '@parley/audit';
import type { BusHarness } from '@parley/bus/testing';
import { createBusHarness, waitFor } from '@parley/bus/testing';
import type { EnvelopeBase, EventOf, TicketTurn } from '@parley/contracts';
import { makeEvent, TicketReceived } from '@parley/contracts';
import { labelledIntentsFile } from '@parley/demo-store';
import type { RunningService } from '@parley/runtime';
import { startService } from '@parley/runtime';
import { readServiceConfig } from '../src/config.js';
import { loadLocalClassifier, writeModelFile } from '../src/intent/local-model.js';
import { buildService } from '../src/service.js';

let h: BusHarness;
let service: RunningService;
let modelDir: string;
let modelFile: string;
const seen: EnvelopeBase[] = [];

beforeAll(async () => {
  h = await createBusHarness('router');
  // Everything the router emits, as a core subscription: JetStream publishes reach it too.
  h.record('ticket.*.v1', seen);
  // The service loads the saved model file, as it does under `pnpm start`.
  modelDir = await mkdtemp(join(tmpdir(), 'router-model-'));
  modelFile = join(modelDir, 'router.pimf');
  await writeModelFile(labelledIntentsFile('train'), modelFile, { wordVectors: true });
  service = await startService(buildService(readServiceConfig(env({ ROUTER_MODEL_FILE: modelFile }))));
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...h.env(),
    ROUTER_PORT: '0',
    ...extra,
  };
}

afterAll(async () => {
  await service.stop();
  await h.close();
  await rm(modelDir, { recursive: true, force: true });
});

function received(
  ticketId: string,
  body: string,
  history: TicketTurn['history'] = [],
  turn = 1,
  customer: TicketTurn['customer'] = { crmId: null },
): EventOf<typeof TicketReceived> {
  return makeEvent(TicketReceived, {
    ticketId,
    payload: {
      turn,
      ticket: anonymousTurn(body, { history, customer }),
    },
  });
}

async function outcome(
  ticketId: string,
): Promise<EnvelopeBase & { payload: { routing: Record<string, unknown> } }> {
  const found = await waitFor(`the router's event for ${ticketId}`, () =>
    seen.find((e) => e.ticketId === ticketId && e.type !== 'ticket.received'),
  );
  return found as EnvelopeBase & { payload: { routing: Record<string, unknown> } };
}

describe('router service', () => {
  it('is ready once the classifier is in place', async () => {
    const res = await fetch(`${service.url}/readyz`);
    expect(res.status).toBe(200);
  });

  it('refuses to start on a missing or damaged model file, naming ROUTER_MODEL_FILE and the file', async () => {
    const missing = join(modelDir, 'missing.pimf');
    await expect(
      startService(buildService(readServiceConfig(env({ ROUTER_MODEL_FILE: missing })))),
    ).rejects.toThrow(/ROUTER_MODEL_FILE: .*missing\.pimf: cannot read intent model/);
    const damaged = join(modelDir, 'damaged.pimf');
    await writeFile(damaged, 'not a model');
    await expect(
      startService(buildService(readServiceConfig(env({ ROUTER_MODEL_FILE: damaged })))),
    ).rejects.toThrow(/ROUTER_MODEL_FILE: .*damaged\.pimf/);
  });

  it('routes an order-status question with intent, band, tier, tools and a timeline entry', async () => {
    const bus = await h.bus();
    await bus.publish(received('rt-1', 'Hi, where is my order? It still has not arrived.'));
    const event = await outcome('rt-1');
    expect(event.type).toBe('ticket.routed');
    expect(event.payload.routing).toMatchObject({
      intent: 'order_status',
      band: 'auto',
      tier: 'local',
      outOfScope: false,
      allowedTools: ['lookup_order', 'track_shipment'],
      rules: [],
      router: 'local-model',
    });
    const timeline = await waitFor('the timeline entry', async () => {
      const rows = await readTimeline(h.db.db, 'rt-1');
      return rows.length > 0 ? rows : undefined;
    });
    expect(timeline).toEqual([
      expect.objectContaining({
        type: 'ticket.routed',
        service: 'router',
        turn: 1,
        detail: expect.objectContaining({
          intent: 'order_status',
          band: 'auto',
          rules: [],
          router: 'local-model',
        }),
      }),
    ]);
  });

  it('escalates a legal threat by rule, with a best-guess intent and no tools', async () => {
    const bus = await h.bus();
    await bus.publish(
      received('rt-2', 'My refund never came. If this is not fixed by Friday my lawyer will call you.'),
    );
    const event = await outcome('rt-2');
    expect(event.type).toBe('ticket.escalated');
    expect(event.payload.routing).toMatchObject({ band: 'escalate', router: 'rules', allowedTools: [] });
    expect((event.payload.routing.rules as Array<{ id: string }>).map((r) => r.id)).toEqual(['legal_threat']);
    expect(typeof event.payload.routing.intent).toBe('string');
    const rows = await waitFor('the timeline entry', async () => (await readTimeline(h.db.db, 'rt-2'))[0]);
    expect(rows).toMatchObject({
      type: 'ticket.escalated',
      detail: { band: 'escalate', rules: ['legal_threat'] },
    });
  });

  it('escalates a second turn whose sentiment fell sharply', async () => {
    const bus = await h.bus();
    const at = new Date().toISOString();
    const history = [
      { turn: 1, role: 'customer' as const, body: 'Hi! Love the store, thanks. Where is my parcel?', at },
      { turn: 1, role: 'bot' as const, body: 'It is on its way.', at },
    ];
    await bus.publish(
      received('rt-3', 'Still nothing. This is ridiculous, worst store ever, awful.', history, 2),
    );
    const event = await outcome('rt-3');
    expect(event.type).toBe('ticket.escalated');
    expect((event.payload.routing.rules as Array<{ id: string }>).map((r) => r.id)).toEqual([
      'negative_trend',
    ]);
    expect(event.payload.routing.sentiment).toMatchObject({ label: 'negative' });
  });

  it('routes a question after a sentence about the writer as surely as the question alone when both agree', async () => {
    const question = 'How do I reset my password?';
    const text = `My sister is visiting this weekend so I am a bit busy. ${question}`;
    // The model read directly: the sentence about the writer leaves it less sure of the same intent.
    const { classifier } = await loadLocalClassifier(modelFile);
    const [whole, alone] = [await classifier.classify(text), await classifier.classify(question)];
    expect(alone.intent).toBe(whole.intent);
    expect(alone.confidence).toBeGreaterThan(whole.confidence);
    const bus = await h.bus();
    await bus.publish(received('rt-focus', text));
    const event = await outcome('rt-focus');
    expect(event.payload.routing).toMatchObject({ intent: alone.intent });
    expect(event.payload.routing.confidence).toBeCloseTo(alone.confidence, 6);
  });

  it('reads chat shorthand and a name signed alone as a reader would', async () => {
    const { classifier } = await loadLocalClassifier(modelFile);
    // The model read directly: "pls" and a trailing "- Sam" take it out of the store's intents.
    expect((await classifier.classify('cancel #W2417020 pls')).outOfScope).toBe(true);
    expect((await classifier.classify('how much is the black mountain bike - Sam')).outOfScope).toBe(true);
    const bus = await h.bus();
    await bus.publish(received('rt-pls', 'cancel #W2417020 pls'));
    await bus.publish(received('rt-sam', 'how much is the black mountain bike - Sam'));
    expect((await outcome('rt-pls')).payload.routing).toMatchObject({
      intent: 'cancel_order',
      outOfScope: false,
    });
    expect((await outcome('rt-sam')).payload.routing).toMatchObject({
      intent: 'product_question',
      outOfScope: false,
    });
  });

  it('suggests rather than auto-answers text outside the store', async () => {
    const bus = await h.bus();
    await bus.publish(received('rt-4', 'Can you recommend a good lasagne recipe?'));
    const event = await outcome('rt-4');
    expect(event.type).toBe('ticket.routed');
    expect(event.payload.routing).toMatchObject({
      intent: 'out_of_scope',
      outOfScope: true,
      band: 'suggest',
    });
  });

  describe('answers to a proposal read back', () => {
    const pendingAction = pendingCancel('#W3400144');
    const replying = (ticketId: string, body: string, confirmBy: 'customer' | 'agent' = 'customer') =>
      makeEvent(TicketReceived, {
        ticketId,
        payload: {
          turn: 2,
          ticket: { ...anonymousTurn(body), pendingAction: { ...pendingAction, confirmBy } },
        },
      });

    it('sends a plain yes or no straight to the gate as ticket.confirmation', async () => {
      const bus = await h.bus();
      await bus.publish(replying('tk_conf_yes', 'Yes please, go ahead.'));
      await bus.publish(replying('tk_conf_no', 'No thanks'));
      const yes = await outcome('tk_conf_yes');
      const no = await outcome('tk_conf_no');
      expect(yes.type).toBe('ticket.confirmation');
      expect(yes.payload).toMatchObject({ answer: 'yes', proposal: { actionId: 'act_tk_x_1' } });
      expect(no.payload).toMatchObject({ answer: 'no' });
    });

    it('routes anything else, or a proposal only an agent may approve, as an ordinary turn', async () => {
      const bus = await h.bus();
      await bus.publish(replying('tk_conf_more', 'Yes but send it to my office address instead'));
      await bus.publish(replying('tk_conf_agent', 'yes', 'agent'));
      expect((await outcome('tk_conf_more')).type).toBe('ticket.routed');
      expect((await outcome('tk_conf_agent')).type).toBe('ticket.routed');
    });
  });

  it("routes a known customer's status question in everyday words to order_status, and says why", async () => {
    const bus = await h.bus();
    const customer = { crmId: 'emma_kovacs_2974', name: 'Emma Kovacs' };
    const body = "Hi, can you tell me what's happening with my order #W3113816? Thanks, Emma";
    await bus.publish(received('rt-5', body, [], 1, customer));
    const event = await outcome('rt-5');
    expect(event.type).toBe('ticket.routed');
    expect(event.payload.routing).toMatchObject({ intent: 'order_status', band: 'auto', outOfScope: false });
    const rows = await waitFor('the timeline entry', async () => (await readTimeline(h.db.db, 'rt-5'))[0]);
    expect(rows).toMatchObject({ detail: { intent: 'order_status', statusQuestion: true } });
  });
});
