import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BusHarness } from '@parley/bus/testing';
import { createBusHarness } from '@parley/bus/testing';
import type { DecidedAnswer } from '@parley/contracts';
import { AnthropicChatModel } from '@parley/providers';
import type { Reply } from '@parley/providers/testing';
import {
  ANTHROPIC_TEST_KEY,
  anthropicError,
  anthropicMessage,
  RecordingServer,
} from '@parley/providers/testing';
import { sql } from 'kysely';
import { runJudge } from '../src/quality/judge/run.js';
import { parseDayRange } from '../src/quality/range.js';
import { qualityReport } from '../src/quality/report.js';

// The daily judge on the real Postgres: the deterministic checks always, and a hosted model graded through the
// Anthropic adapter against a local server speaking the Messages API (no live call). Grades are stored once per
// reply and judge, and the report shows them.
let h: BusHarness;
let server: RecordingServer;
/** What the local Messages API answers, given the request's prompt. */
let script: (prompt: string) => Reply;
const DAY = '2026-12-01';
const NOW = new Date('2026-12-02T03:00:00Z');

const PASSAGE =
  'You have 30 days from delivery to return an item in its original condition. Refunds take 5 business days.';

function answer(ticketId: string, body: string): DecidedAnswer {
  return {
    replyId: `rpl_${ticketId}_1`,
    question: 'How long do I have to return something?',
    body,
    citations: [{ chunkId: 'returns#1', articleId: 'returns', section: 'Return window' }],
    facts: [],
    sources: [
      {
        chunkId: 'returns#1',
        articleId: 'returns',
        title: 'Returns',
        section: 'Return window',
        text: PASSAGE,
        score: 1,
        scores: {},
      },
    ],
    orders: [],
  };
}

const GOOD =
  'Hi,\n\nYou have 30 days from delivery to return an item in its original condition.\n\nBest regards';
// The same claims as GOOD; the scripted server fails on this one.
const FAILS =
  'Hello,\n\nYou have 30 days from delivery to return an item in its original condition.\n\nKind regards';
const BAD = 'Hi,\n\nYou can return anything at any time and we refund twice the price.\n\nBest regards';

async function seed(ticketId: string, body: string, day = DAY, decision = 'auto_sent') {
  await h.db.db
    .insertInto('quality_turns')
    .values({
      ticket_id: ticketId,
      turn: 1,
      workspace_id: 'default',
      intent: 'return_policy',
      decision,
      channel: 'email',
      received_at: new Date(`${day}T09:59:59Z`),
      decided_at: new Date(`${day}T10:00:00Z`),
      cost_usd: 0.001,
      answer: decision === 'auto_sent' ? JSON.stringify(answer(ticketId, body)) : null,
    })
    .execute();
}

const model = () =>
  new AnthropicChatModel({
    apiKey: ANTHROPIC_TEST_KEY,
    model: 'claude-haiku-4-5',
    baseUrl: server.url,
    timeoutMs: 5_000,
    maxRetries: 0,
  });

const verdicts = (grounded: boolean) =>
  anthropicMessage({
    content: [
      {
        type: 'text',
        text: JSON.stringify({
          verdicts: [
            { criterion: 'grounded', passed: grounded, note: grounded ? 'quoted' : 'invents a policy' },
            { criterion: 'answers_question', passed: true },
            { criterion: 'facts_correct', passed: true },
            { criterion: 'tone', passed: true },
          ],
        }),
      },
    ],
    usage: { input_tokens: 1000, output_tokens: 100 },
  });

const judgements = () =>
  h.db.db
    .selectFrom('quality_judgements')
    .select(['ticket_id', 'judge', 'passed', 'score', 'model'])
    .orderBy('ticket_id')
    .orderBy('judge')
    .execute();

beforeAll(async () => {
  h = await createBusHarness('handoff-judge');
  server = await new RecordingServer((req) =>
    script((req.body as { messages: Array<{ content: string }> }).messages[0]!.content),
  ).start();
  await seed('j_good', GOOD);
  await seed('j_bad', BAD);
  await seed('j_fails', FAILS);
  // Not judged: another day, and a turn that was not auto-sent.
  await seed('j_other_day', GOOD, '2026-11-30');
  await seed('j_suggested', GOOD, DAY, 'suggested');
});
afterAll(async () => {
  await server?.close();
  await h?.close();
});

describe('the daily judge', () => {
  it('grades the day with the checks and the model; a model failure keeps the checks’ grade', async () => {
    // The sample is taken in a fixed order; whatever it is, each reply gets the answer scripted for it.
    script = (prompt) => {
      if (prompt.includes('refund twice')) return verdicts(false);
      if (prompt.includes('Kind regards')) return anthropicError(529, 'overloaded_error', 'Overloaded');
      return verdicts(true);
    };
    const run = await runJudge(h.db.db, {
      model: { chat: model(), timeoutMs: 5_000 },
      sample: 10,
      now: NOW,
    });
    expect(run).toEqual({ day: DAY, sampled: 3, checked: 3, graded: 2, failed: { response: 1 }, ran: true });

    const sent = server.requests.map((r) => r.body as { system: string; model: string });
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(sent[0]!.model).toBe('claude-haiku-4-5');
    expect(sent[0]!.system).toContain('grounded: every claim is stated in the quoted help-centre passages');
    const stored = await judgements();
    // Every sampled reply has the checks' grade; the bad one fails them (its claim is in no cited passage).
    expect(stored.filter((j) => j.judge === 'checks').map((j) => [j.ticket_id, j.passed])).toEqual([
      ['j_bad', false],
      ['j_fails', true],
      ['j_good', true],
    ]);
    const byModel = stored.filter((j) => j.judge === 'model');
    expect(byModel).toHaveLength(2);
    expect(byModel.find((j) => j.ticket_id === 'j_bad')).toMatchObject({
      passed: false,
      score: 0.75,
      model: 'claude-haiku-4-5-20251001',
    });
  });

  it('picks only what the model has not graded on a rerun, and shows the grades in the report', async () => {
    script = () => verdicts(true);
    const before = server.requests.length;
    const rerun = await runJudge(h.db.db, {
      model: { chat: model(), timeoutMs: 5_000 },
      sample: 10,
      now: NOW,
    });
    expect(rerun).toMatchObject({ sampled: 1, checked: 1, graded: 1, failed: {} });
    expect(server.requests.length - before).toBe(1);
    expect(await judgements()).toHaveLength(6);

    const range = parseDayRange({ from: DAY, to: DAY }, NOW);
    if (!range.ok) throw new Error(range.problems.join('; '));
    const report = await qualityReport(h.db.db, 'default', range.range);
    // The model's grade counts where there is one: j_bad failed, j_good and j_fails passed.
    expect(report.totals).toEqual([
      expect.objectContaining({
        intent: 'return_policy',
        turns: 4,
        judge: { judged: 3, passed: 2, passRate: 0.6667, meanScore: 0.917 },
      }),
    ]);
  });

  it('grades with the checks alone offline, and one replica at a time', async () => {
    await seed('j_offline', GOOD, '2026-12-03');
    const offline = await runJudge(h.db.db, {
      model: null,
      sample: 10,
      now: new Date('2026-12-04T01:00:00Z'),
    });
    expect(offline).toEqual({ day: '2026-12-03', sampled: 1, checked: 1, graded: 0, failed: {}, ran: true });
    expect((await judgements()).filter((j) => j.ticket_id === 'j_offline')).toEqual([
      { ticket_id: 'j_offline', judge: 'checks', passed: true, score: 1, model: null },
    ]);
    // While another run holds the lock, a second one does nothing.
    await h.db.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext(current_schema() || ':parley-quality-judge'))`.execute(
        trx,
      );
      await seed('j_locked', GOOD, '2026-12-05');
      const blocked = await runJudge(h.db.db, {
        model: null,
        sample: 10,
        now: new Date('2026-12-06T01:00:00Z'),
      });
      expect(blocked).toMatchObject({ ran: false, sampled: 0 });
    });
  });
});
