import { describe, expect, it } from '@jest/globals';
import type { TicketOutcome } from '../tickets.js';
import type { GoldenCase } from './cases.js';
import type { ReplyGrade } from './grade.js';
import type { GoldenOutcome } from './summary.js';
import { confidenceCurve, figures, figuresBy, isGoodAuto, sweepCurve } from './summary.js';
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
    expect(f.n).toBe(f.autoSent + f.suggested + f.escalated);
    expect(isGoodAuto(run[0]!)).toBe(true);
    expect(isGoodAuto(run[4]!)).toBe(false);
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

describe('confidenceCurve', () => {
  it('orders what the confidence floor could let out by confidence and joins ties', () => {
    const points = confidenceCurve([
      outcome({ confidence: 0.95 }, OK),
      outcome({ confidence: 0.8 }, WRONG),
      outcome({ confidence: 0.8 }, OK),
      // Held back only by the confidence floor: would go out at a lower floor.
      outcome({ decision: 'suggested', confidence: 0.5, reasons: ['low_confidence'] }, WRONG),
      // Held back by retrieval too, or not in the auto band: no confidence floor lets these out.
      outcome({ decision: 'suggested', confidence: 0.4, reasons: ['low_confidence', 'low_retrieval'] }, OK),
      outcome({ decision: 'suggested', band: 'suggest', confidence: 0.99, reasons: ['band_suggest'] }, OK),
      outcome({ decision: 'escalated', reasons: ['no_draft'], body: undefined }, null),
    ]);
    expect(points).toEqual([
      { threshold: 0.95, coverage: 0.143, badAnswerRate: 0, autoSent: 1, goodAuto: 1, badAuto: 0 },
      { threshold: 0.8, coverage: 0.429, badAnswerRate: 0.333, autoSent: 3, goodAuto: 2, badAuto: 1 },
      { threshold: 0.5, coverage: 0.571, badAnswerRate: 0.5, autoSent: 4, goodAuto: 2, badAuto: 2 },
    ]);
  });
});

describe('sweepCurve', () => {
  it('replays the floors over a run with every floor at 1 and grades what would go out', () => {
    const held = (topScore: number, grade: ReplyGrade) =>
      outcome(
        { decision: 'suggested', topScore, reasons: ['low_retrieval', 'low_groundedness', 'low_confidence'] },
        grade,
      );
    const points = sweepCurve(
      [
        held(0.6, OK),
        held(0.3, WRONG),
        outcome({ decision: 'escalated', reasons: ['no_draft'], body: undefined }, null),
      ],
      { retrieval: [0.2, 0.5], groundedness: [0.8], confidence: [0.7], answerCoverage: [0], leadMargin: [0] },
    );
    expect(points).toEqual([
      {
        retrieval: 0.5,
        groundedness: 0.8,
        confidence: 0.7,
        answerCoverage: 0,
        leadMargin: 0,
        coverage: 0.333,
        badAnswerRate: 0,
        autoSent: 1,
        goodAuto: 1,
        badAuto: 0,
        deflection: 0.333,
        privacyLeaks: 0,
      },
      {
        retrieval: 0.2,
        groundedness: 0.8,
        confidence: 0.7,
        answerCoverage: 0,
        leadMargin: 0,
        coverage: 0.667,
        badAnswerRate: 0.5,
        autoSent: 2,
        goodAuto: 1,
        badAuto: 1,
        deflection: 0.333,
        privacyLeaks: 0,
      },
    ]);
  });
});
