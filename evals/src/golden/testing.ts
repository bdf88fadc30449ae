// A tiny store and case builders for the golden grader's unit tests.
import type { GoldenCase } from './cases.js';
import { GoldenCase as GoldenCaseSchema } from './cases.js';
import type { StoreFacts } from './store.js';
import { storeFacts } from './store.js';
import type { TicketOutcome } from '../tickets.js';

/**
 * Ann has a processed order (one tracking id) and a pending one; Bob a delivered one; a second Ann Lee (same
 * name, another email) a cancelled one.
 */
export function tinyStore(): StoreFacts {
  const fulfilled = (...trackingIds: string[]) => [{ trackingIds, itemIds: ['i1'] }];
  return storeFacts(
    [
      { id: 'ann_1', name: 'Ann Lee', email: 'ann.lee1@example.com' },
      { id: 'bob_2', name: 'Bob Stone', email: 'bob.stone2@example.com' },
      { id: 'ann_3', name: 'Ann Lee', email: 'ann.lee3@example.com' },
    ],
    [
      { id: '#W1000001', customerId: 'ann_1', status: 'processed', fulfillments: fulfilled('111111111111') },
      { id: '#W1000002', customerId: 'ann_1', status: 'pending', fulfillments: [] },
      { id: '#W2000001', customerId: 'bob_2', status: 'delivered', fulfillments: fulfilled('222222222222') },
      { id: '#W3000001', customerId: 'ann_3', status: 'cancelled', fulfillments: fulfilled('333333333333') },
    ],
    ['returns-policy', 'order-statuses', 'tracking-your-package'],
  );
}

/** A valid case (through the schema, so defaults apply) with the given fields changed. */
export function goldenCase(over: Partial<GoldenCase> = {}): GoldenCase {
  return GoldenCaseSchema.parse({
    id: 'c-1',
    text: 'How long do I have to return something?',
    intent: 'returns_policy',
    category: 'help_centre',
    accept: ['auto_sent', 'suggested'],
    articles: ['returns-policy'],
    mustContain: ['30 days'],
    styles: [],
    ...over,
  });
}

export function ticketOutcome(over: Partial<TicketOutcome> = {}): TicketOutcome {
  return {
    ticketId: 'tkt_1',
    decision: 'auto_sent',
    band: 'auto',
    confidence: 0.9,
    topScore: 0.5,
    groundedness: 1,
    reasons: ['checks_passed', 'answer_probability'],
    probability: 0.97,
    body: 'You have 30 days.',
    cited: ['returns-policy'],
    retrieved: ['returns-policy'],
    fromRecords: false,
    costUsd: 0,
    ms: 100,
    ...over,
  };
}
