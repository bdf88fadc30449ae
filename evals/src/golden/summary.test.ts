import { describe, expect, it } from '@jest/globals';
import type { TicketOutcome } from '../tickets.js';
import type { GoldenCase } from './cases.js';
import type { ReplyGrade } from './grade.js';
import type { GoldenOutcome } from './summary.js';
import { figures, figuresBy, isGoodAuto, sweepCurve } from './summary.js';
import { goldenCase, ticketOutcome } from './testing.js';

const OK: ReplyGrade = { ok: true, problems: [], leaks: [] };
const WRONG: ReplyGrade = { ok: false, problems: ['contains none of the expected facts'], leaks: [] };
const LEAK: ReplyGrade = {
  ok: false,
  problems: ["shows another customer's order #W2000001"],
  leaks: ['order #W2000001'],
};

const outcome = (
  ticket: Partial<TicketOutcome>,
  grade: ReplyGrade | null,
  c: Partial<GoldenCase> = {},
): GoldenOutcome => ({ case: goldenCase(c), ticket: ticketOutcome(ticket), grade });

describe('figures', () => {
  const run = [
    outcome({ ms: 100, costUsd: 0.002 }, OK),
    outcome({ ms: 200, costUsd: 0.002 }, OK, { intent: 'payment' }),
    outcome({ ms: 300, costUsd: 0.002 }, WRONG),
    outcome({ ms: 400, costUsd: 0.002 }, LEAK),
    // Good text, but the case does not accept an automatic answer.
    outcome({ ms: 500 }, OK, { accept: ['suggested'], mustContain: [] }),
    outcome({ decision: 'suggested', reasons: ['low_retrieval'], ms: 600 }, LEAK),
    outcome({ decision: 'escalated', reasons: ['hard_rule'], body: undefined, ms: 700 }, null),
  ];

  it('counts decisions, good and bad automatic answers, cost per resolution and leaks', () => {
    const f = figures(run);
    expect(f).toEqual({
      n: 7,
      deflection: 0.286,
      autoSent: 5,
      goodAuto: 2,
      badAuto: 3,
      badAnswerRate: 0.6,
      actionSteps: 0,
      suggested: 1,
      escalated: 1,
      p50Ms: 400,
      p95Ms: 700,
      costPerResolutionUsd: 0.004,
      privacyLeaks: 1,
      costUsd: 0.008,
      draftPrivacyLeaks: 1,
    });
    expect(f.autoSent).toBe(f.goodAuto + f.badAuto);
    expect(f.n).toBe(f.autoSent + f.actionSteps + f.suggested + f.escalated);
    expect(isGoodAuto(run[0]!)).toBe(true);
    expect(isGoodAuto(run[4]!)).toBe(false);
  });

  it('counts the expected write read back, or a question for its details, as a step, not an answer', () => {
    const cancel: Partial<GoldenCase> = {
      category: 'action',
      intent: 'cancel_order',
      accept: ['suggested'],
      mustContain: [],
      orderId: '#W2417020',
      action: { tool: 'cancel_order', args: { order_id: '#W2417020' } },
    };
    const readBack = (tool: string, orderId: string) =>
      outcome(
        { reasons: ['checks_passed', 'reads_back'], proposal: { tool, input: { order_id: orderId } } },
        OK,
        cancel,
      );
    const right = readBack('cancel_pending_order', '#W2417020');
    const asks = outcome({ reasons: ['checks_passed', 'asks_details'] }, OK, cancel);
    const otherOrder = readBack('cancel_pending_order', '#W9999999');
    const otherWrite = readBack('modify_pending_order_address', '#W2417020');
    // A question for details on a case that asks how things work is an answer, and a wrong one.
    const notAsked = outcome({ reasons: ['checks_passed', 'asks_details'] }, WRONG);
    const f = figures([right, asks, otherOrder, otherWrite, notAsked]);
    expect(f).toMatchObject({ n: 5, actionSteps: 2, autoSent: 3, goodAuto: 0, badAuto: 3, deflection: 0 });
    expect(isGoodAuto(right)).toBe(false);
  });

  it('has no bad-answer rate without auto-sent answers and no cost per resolution without one', () => {
    const none = figures([outcome({ decision: 'suggested', costUsd: 0.01 }, OK)]);
    expect(none.badAnswerRate).toBe(0);
    expect(none.deflection).toBe(0);
    expect(none.costPerResolutionUsd).toBeNull();
    expect(figures([outcome({ decision: 'suggested' }, OK)]).costPerResolutionUsd).toBe(0);
    expect(figures([]).n).toBe(0);
  });

  it('groups by the case intent and category', () => {
    const by = figuresBy(run, 'intent');
    expect(Object.keys(by)).toEqual(['payment', 'returns_policy']);
    expect(by.payment).toMatchObject({ n: 1, goodAuto: 1, deflection: 1 });
    expect(by.returns_policy).toMatchObject({ n: 6, goodAuto: 1, badAuto: 3 });
    expect(Object.keys(figuresBy(run, 'category'))).toEqual(['help_centre']);
  });
});

describe('sweepCurve', () => {
  it('replays every answer threshold the drafts give, strictest first, and grades what would go out', () => {
    const held = (probability: number, grade: ReplyGrade) =>
      outcome({ decision: 'suggested', probability, reasons: ['low_answer_probability'] }, grade);
    const points = sweepCurve([
      outcome({ probability: 0.97 }, OK),
      held(0.8, WRONG),
      held(0.8, OK),
      held(0.5, WRONG),
      // Held back by a policy check, or not in the auto band: no threshold lets these out.
      outcome({ decision: 'suggested', probability: 0.99, reasons: ['orders_unused'] }, OK),
      outcome({ decision: 'suggested', band: 'suggest', reasons: ['band_suggest'] }, OK),
      outcome({ decision: 'escalated', reasons: ['no_draft'], body: undefined }, null),
    ]);
    const point = (threshold: number, autoSent: number, goodAuto: number) => ({
      threshold,
      coverage: Math.round((autoSent / 7) * 1000) / 1000,
      badAnswerRate: Math.round(((autoSent - goodAuto) / autoSent) * 1000) / 1000,
      autoSent,
      goodAuto,
      badAuto: autoSent - goodAuto,
      deflection: Math.round((goodAuto / 7) * 1000) / 1000,
      privacyLeaks: 0,
    });
    expect(points).toEqual([point(0.97, 1, 1), point(0.8, 3, 2), point(0.5, 4, 2)]);
  });
});
