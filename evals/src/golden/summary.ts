// The figures of a golden run (pure): decisions, good and bad automatic answers, latency, cost and leaks,
// overall and per group, and the coverage against bad-answer-rate curve.
import { replay, sweepThresholds } from '../floors.js';
import { percentile } from '../suites/retrieval.js';
import type { Decision, TicketOutcome } from '../tickets.js';
import type { GoldenCase } from './cases.js';
import type { ReplyGrade } from './grade.js';
import { judgeAutoSend } from './grade.js';

/** One case and what the product made of it. */
export interface GoldenOutcome {
  case: GoldenCase;
  ticket: TicketOutcome;
  /** The reply, or the inbox draft when suggested, graded as if sent; null when there was neither. */
  grade: ReplyGrade | null;
}

export interface Figures {
  n: number;
  /** goodAuto / n */
  deflection: number;
  autoSent: number;
  goodAuto: number;
  badAuto: number;
  /** badAuto / autoSent, 0 when nothing was auto-sent. */
  badAnswerRate: number;
  /**
   * Auto-sent steps towards the write an action case asks for (its details read back, or a question for what
   * is missing): not answers, so in neither autoSent nor deflection (see isActionStep).
   */
  actionSteps: number;
  suggested: number;
  escalated: number;
  p50Ms: number;
  p95Ms: number;
  /** Model cost of every case / goodAuto; null when something was spent and nothing resolved. */
  costPerResolutionUsd: number | null;
  /** Auto-sent replies showing another customer's data (each is also a bad answer). */
  privacyLeaks: number;
  costUsd: number;
  /** Suggested drafts showing another customer's data: an agent has to catch these. */
  draftPrivacyLeaks: number;
}

type Decide = (o: GoldenOutcome) => Decision;

const observed: Decide = (o) => o.ticket.decision;

const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** The store's name for each write a case may expect (the cases name a cancellation `cancel_order`). */
const STORE_TOOL: Record<string, string> = { cancel_order: 'cancel_pending_order' };

const sameOrder = (a: unknown, b: string | undefined) =>
  b === undefined || (typeof a === 'string' && a.replace(/^#?/, '#').toUpperCase() === b.toUpperCase());

/**
 * An auto-sent turn that is a step of carrying out the write the case asks for, not an answer: the details of
 * the expected write read back for the customer's "yes" (same tool, same order), or a question for the details
 * it still needs. Nothing is written until the customer confirms, so such a step is neither a resolution nor a
 * bad answer; a read-back of any other write, or a step on a case that asks for none, is judged as an answer
 * (and is a bad one).
 */
export function isActionStep(o: GoldenOutcome, decide: Decide = observed): boolean {
  const expected = o.case.action;
  if (decide(o) !== 'auto_sent' || !expected || expected.tool === 'transfer_to_human_agents') return false;
  if (o.ticket.reasons.includes('asks_details')) return o.ticket.proposal === undefined;
  if (!o.ticket.reasons.includes('reads_back') || !o.ticket.proposal) return false;
  const { tool, input } = o.ticket.proposal;
  return tool === (STORE_TOOL[expected.tool] ?? expected.tool) && sameOrder(input.order_id, o.case.orderId);
}

/** A good automatic answer under `decide` (by default the decision the product took). */
export function isGoodAuto(o: GoldenOutcome, decide: Decide = observed): boolean {
  return decide(o) === 'auto_sent' && !isActionStep(o, decide) && judgeAutoSend(o.case, o.grade).good;
}

export function figures(outcomes: readonly GoldenOutcome[], decide: Decide = observed): Figures {
  const n = outcomes.length;
  const decided = outcomes.map((o) => ({ o, d: decide(o) }));
  const count = (d: Decision) => decided.filter((x) => x.d === d).length;
  const steps = outcomes.filter((o) => isActionStep(o, decide)).length;
  const auto = decided.filter((x) => x.d === 'auto_sent' && !isActionStep(x.o, decide)).map((x) => x.o);
  const goodAuto = auto.filter((o) => judgeAutoSend(o.case, o.grade).good).length;
  const badAuto = auto.length - goodAuto;
  const leaked = (o: GoldenOutcome) => (o.grade?.leaks.length ?? 0) > 0;
  const costUsd = outcomes.reduce((sum, o) => sum + o.ticket.costUsd, 0);
  const ms = outcomes.map((o) => o.ticket.ms);
  return {
    n,
    deflection: n === 0 ? 0 : round(goodAuto / n),
    autoSent: auto.length,
    goodAuto,
    badAuto,
    badAnswerRate: auto.length === 0 ? 0 : round(badAuto / auto.length),
    actionSteps: steps,
    suggested: count('suggested'),
    escalated: count('escalated'),
    p50Ms: percentile(ms, 50),
    p95Ms: percentile(ms, 95),
    costPerResolutionUsd: goodAuto > 0 ? round(costUsd / goodAuto, 6) : costUsd === 0 ? 0 : null,
    privacyLeaks: auto.filter(leaked).length,
    costUsd: round(costUsd, 6),
    draftPrivacyLeaks: decided.filter((x) => x.d === 'suggested' && leaked(x.o)).length,
  };
}

/** Figures per value of the case's `intent` or `category`, keys sorted. */
export function figuresBy(
  outcomes: readonly GoldenOutcome[],
  key: 'intent' | 'category',
): Record<string, Figures> {
  const groups = new Map<string, GoldenOutcome[]>();
  for (const o of outcomes) groups.set(o.case[key], [...(groups.get(o.case[key]) ?? []), o]);
  return Object.fromEntries([...groups.keys()].sort().map((k) => [k, figures(groups.get(k)!)]));
}

/** One point of the coverage against bad-answer-rate curve. */
export interface CurvePoint {
  /** autoSent / n */
  coverage: number;
  badAnswerRate: number;
  autoSent: number;
  goodAuto: number;
  badAuto: number;
  /** Answer-model threshold of the point. */
  threshold: number;
}

export type SweepPoint = CurvePoint & { deflection: number; privacyLeaks: number };

/**
 * The curve from the answer model's probability: every outcome replayed at each threshold the drafts the
 * model decided give (their distinct probabilities, highest first). Policy checks, bands and escalations keep
 * their decisions at every point, as the gate would.
 */
export function sweepCurve(outcomes: readonly GoldenOutcome[]): SweepPoint[] {
  return sweepThresholds(outcomes.map((o) => o.ticket)).map((threshold) => {
    const f = figures(outcomes, (o) => replay(o.ticket, threshold));
    return {
      threshold,
      coverage: f.n === 0 ? 0 : round(f.autoSent / f.n),
      badAnswerRate: f.badAnswerRate,
      autoSent: f.autoSent,
      goodAuto: f.goodAuto,
      badAuto: f.badAuto,
      deflection: f.deflection,
      privacyLeaks: f.privacyLeaks,
    };
  });
}
