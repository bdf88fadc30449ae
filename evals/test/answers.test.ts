// The answers suite on a slice of the demo set, through the whole product (six processes, real NATS and
// Postgres): the fields it reports and how they hang together, not quality targets.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadRetrievalSet } from '@parley/demo-store';
import type { Outcome } from '../src/suites/answers.js';
import { askAll, isGood, replay, report, summarise, sweep } from '../src/suites/answers.js';
import { splitQueries } from '../src/suites/retrieval.js';
import type { Stack } from '../src/stack.js';
import { startStack } from '../src/stack.js';

const outcome = (over: Partial<Outcome>): Outcome => ({
  text: 'q',
  relevant: ['a'],
  decision: 'suggested',
  band: 'auto',
  confidence: 0.9,
  topScore: 0.4,
  groundedness: 1,
  reasons: ['low_answer_probability'],
  probability: 0.8,
  cited: ['a'],
  retrieved: ['a'],
  fromRecords: false,
  ms: 10,
  ...over,
});

describe('answer metrics', () => {
  it('counts an auto-sent answer as good only when every citation is relevant', () => {
    expect(isGood({ cited: ['a'], relevant: ['a', 'b'] })).toBe(true);
    expect(isGood({ cited: ['a', 'c'], relevant: ['a'] })).toBe(false);
    expect(isGood({ cited: [], relevant: ['a'] })).toBe(false);
    const m = summarise([
      outcome({ decision: 'auto_sent', cited: ['a'] }),
      outcome({ decision: 'auto_sent', cited: ['x'] }),
      outcome({ decision: 'suggested' }),
      outcome({ decision: 'escalated', cited: [] }),
      // "Which order?" to an anonymous "stop my order": neither a good nor a bad answer.
      outcome({ decision: 'auto_sent', cited: [], reasons: ['checks_passed', 'asks_details'] }),
    ]);
    expect(m).toEqual({
      n: 5,
      autoSent: 0.6,
      suggested: 0.2,
      escalated: 0.2,
      goodAuto: 1,
      badAuto: 1,
      badAnswerRate: 0.5,
      deflection: 0.2,
      askedDetails: 1,
    });
    expect(summarise([outcome({})]).badAnswerRate).toBe(0);
  });

  it('replays the answer threshold only for drafts the answer model decided', () => {
    expect(replay(outcome({}), 0.7)).toBe('auto_sent');
    expect(replay(outcome({}), 0.9)).toBe('suggested');
    expect(
      replay(
        outcome({
          decision: 'auto_sent',
          probability: 0.95,
          reasons: ['checks_passed', 'answer_probability'],
        }),
        0.99,
      ),
    ).toBe('suggested');
    // A policy check, the band or an escalation: no threshold changes the decision.
    expect(replay(outcome({ reasons: ['orders_unused'] }), 0)).toBe('suggested');
    expect(replay(outcome({ reasons: ['low_answer_probability', 'out_of_scope'] }), 0)).toBe('suggested');
    expect(replay(outcome({ band: 'suggest', reasons: ['band_suggest'] }), 0)).toBe('suggested');
    // An answer about a write's rules, judged by the model in the suggest band, replays like any other.
    expect(replay(outcome({ band: 'suggest' }), 0.7)).toBe('auto_sent');
    expect(replay(outcome({ band: 'suggest' }), 0.9)).toBe('suggested');
    expect(replay(outcome({ decision: 'escalated', reasons: ['no_draft'], probability: undefined }), 0)).toBe(
      'escalated',
    );
    const points = sweep([outcome({ probability: 0.9 }), outcome({ probability: 0.6, cited: ['x'] })]);
    expect(points.map((p) => [p.threshold, p.goodAuto, p.badAuto])).toEqual([
      [0.9, 1, 0],
      [0.6, 1, 1],
    ]);
  });
});

describe('answers suite through the whole product', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ label: 'answers' });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('posts a slice of the dev queries and reports consistent shares', async () => {
    const queries = splitQueries((await loadRetrievalSet()).queries, 'dev', 1).slice(0, 12);
    const outcomes = await askAll(stack, queries, { concurrency: 4 });
    expect(outcomes.map((o) => o.text)).toEqual(queries.map((q) => q.text));
    const r = report(outcomes);
    expect(r.n).toBe(12);
    expect(r.autoSent + r.suggested + r.escalated).toBeCloseTo(1, 2);
    expect(r.goodAuto + r.badAuto + r.askedDetails).toBe(Math.round(r.autoSent * r.n));
    expect(r.deflection).toBeCloseTo(r.goodAuto / r.n, 3);
    expect(r.deflection).toBeLessThanOrEqual(r.autoSent);
    expect(r.p99Ms).toBeGreaterThanOrEqual(r.p50Ms);
    for (const o of outcomes) {
      expect(['auto_sent', 'suggested', 'escalated']).toContain(o.decision);
      expect(o.reasons.length).toBeGreaterThan(0);
      // Every auto-sent answer came back with its reply; a reply or draft cites only what retrieval found
      // (a draft asking for an order number quotes nothing and cites nothing).
      if (o.decision === 'auto_sent') expect(o.body).toEqual(expect.any(String));
      for (const id of o.cited) expect(o.retrieved).toContain(id);
    }
  }, 180_000);
});
