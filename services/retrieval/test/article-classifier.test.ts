import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readTimeline } from '@parley/audit';
import type { BusHarness } from '@parley/bus/testing';
import { createBusHarness, waitFor } from '@parley/bus/testing';
import type { EnvelopeBase, PayloadOf } from '@parley/contracts';
import { anonymousTurn, localRouting } from '@parley/contracts/testing';
import { makeEvent, TicketRetrieved, TicketRouted } from '@parley/contracts';
import { loadDefaultEmbedder } from '@parley/knowledge';
import type { RunningService } from '@parley/runtime';
import { startService } from '@parley/runtime';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readServiceConfig } from '../src/config.js';
import { buildService } from '../src/service.js';

// The article classifier on its own (no intent prior, no neighbours' vote), trained on answered questions of
// this suite's own: a made-up word only the gift-card questions use, so what it lifts is known.
let h: BusHarness;
let service: RunningService;
const seen: EnvelopeBase[] = [];

const FRAMES = [
  'how does {} work',
  'question about {}',
  'can you explain {}',
  'help with {} please',
  'what are the rules on {}',
  'i am confused about {}',
];
const TOPICS: Record<string, string[]> = {
  'gift-cards': ['the zibbet balance', 'zibbet top ups', 'a zibbet that expired', 'my lost zibbet'],
  'shipping-methods': ['delivery cost', 'next day delivery', 'standard shipping time', 'expedited shipping'],
};

function answeredJsonl(): string {
  let n = 0;
  const lines: string[] = [];
  for (const [article, topics] of Object.entries(TOPICS))
    for (const topic of topics)
      for (const frame of FRAMES)
        lines.push(
          JSON.stringify({
            id: `q${n++}`,
            text: frame.replace('{}', topic),
            articles: [article],
            // Each article's questions name the section of their answer.
            sections: [
              {
                articleId: article,
                section: article === 'gift-cards' ? 'Checking the balance' : 'Shipping options',
              },
            ],
          }),
        );
  return lines.join('\n') + '\n';
}

beforeAll(async () => {
  h = await createBusHarness('retrieval-classifier');
  h.record('ticket.retrieved.v1', seen);
  const dir = await mkdtemp(join(tmpdir(), 'parley-classifier-'));
  const answered = join(dir, 'answered.jsonl');
  await writeFile(answered, answeredJsonl());
  const config = readServiceConfig({
    ...h.env(),
    RETRIEVAL_PORT: '0',
    RETRIEVAL_ANSWERED_QUESTIONS_FILE: answered,
    RETRIEVAL_ANSWERED_QUESTIONS_WEIGHT: '0',
    RETRIEVAL_INTENT_PRIOR_WEIGHT: '0',
  });
  service = await startService(buildService(config, { embedder: await loadDefaultEmbedder() }));
});

afterAll(async () => {
  await service.stop();
  await h.close();
});

async function retrievedFor(ticketId: string, body: string): Promise<PayloadOf<typeof TicketRetrieved>> {
  const bus = await h.bus();
  await bus.publish(
    makeEvent(TicketRouted, {
      ticketId,
      payload: { turn: 1, ticket: anonymousTurn(body), routing: localRouting({ intent: 'shipping_info' }) },
    }),
  );
  const event = await waitFor(`ticket.retrieved for ${ticketId}`, () =>
    seen.find((e) => e.ticketId === ticketId),
  );
  return TicketRetrieved.envelope.parse(event).payload;
}

describe('retrieval with the article classifier', () => {
  it('lifts the article the answered questions teach it, and records that it did', async () => {
    // The help centre's words lead to shipping ("delivery", "cost"); the classifier knows "zibbet" is a gift card.
    const p = await retrievedFor('rv-classifier-1', 'what does my zibbet balance delivery cost?');
    const articles = p.retrieval.passages.map((x) => x.articleId);
    expect(articles[0]).toBe('gift-cards');
    expect(articles).toContain('shipping-methods');
    const [entry] = await readTimeline(h.db.db, 'rv-classifier-1');
    expect(entry!.detail).toMatchObject({ articleClassifier: true, leadMargin: p.retrieval.leadMargin });
    expect(entry!.detail).not.toHaveProperty('answeredQuestions');
    // The section the gift-card questions name carries the classifier's strongest vote, for the composer; a
    // section no question names carries none.
    const votes = p.retrieval.passages.map((x) => [x.section, x.scores.answered ?? 0] as const);
    const [best] = [...votes].sort((a, b) => b[1] - a[1]);
    expect(best).toEqual(['Checking the balance', expect.any(Number)]);
    expect(best![1]).toBeGreaterThan(0.5);
    const unnamed = votes.filter(
      ([section]) => !['Checking the balance', 'Shipping options'].includes(section),
    );
    expect(unnamed.length).toBeGreaterThan(0);
    expect(unnamed.every(([, vote]) => vote === 0)).toBe(true);
  });

  it('leaves a question it knows nothing of to the words', async () => {
    const p = await retrievedFor('rv-classifier-2', 'how much is next day delivery?');
    expect(p.retrieval.passages[0]!.articleId).toBe('shipping-methods');
  });
});
