// The gate's floors as the black-box suites set and sweep them: `--<name>-floor` options become the
// services' environment, and a run with every gate floor at 1 (nothing auto-sends, every auto-band draft
// reaches the inbox with its reasons) is replayed over a grid of floors.
import type { SuiteArgs } from './dispatch.js';
import { UsageError } from './dispatch.js';
import type { Decision, TicketOutcome } from './tickets.js';

export interface Floors {
  retrieval: number;
  groundedness: number;
  confidence: number;
  /** The least share of the question a help-centre answer must cover (answers from records carry no measure). */
  answerCoverage: number;
  /** The least lead of retrieval's leading article over the next one (answers from records are exempt). */
  leadMargin: number;
}

/** What the replay needs to know of an outcome. */
export type FloorSignals = Pick<
  TicketOutcome,
  | 'decision'
  | 'band'
  | 'reasons'
  | 'groundedness'
  | 'topScore'
  | 'confidence'
  | 'fromRecords'
  | 'answerCoverage'
  | 'leadMargin'
>;

const FLOOR_CODES = new Set([
  'low_retrieval',
  'low_groundedness',
  'low_confidence',
  'low_coverage',
  'narrow_lead',
  'checks_passed',
]);

/**
 * The gate's decision for one outcome at other floors, replayed from a run where every floor was 1: an
 * auto-band draft blocked only by floors goes out when it clears the given ones. Anything else keeps its
 * decision. Mirrors the floor checks of the gate (`services/gate/src/decision/decide.ts`).
 */
export function replay(o: FloorSignals, floors: Floors): Decision {
  const floorOnly = o.band === 'auto' && o.reasons.length > 0 && o.reasons.every((r) => FLOOR_CODES.has(r));
  if (!floorOnly || o.groundedness === undefined) return o.decision;
  const passes =
    o.groundedness >= floors.groundedness &&
    (o.fromRecords || (o.topScore ?? 0) >= floors.retrieval) &&
    (o.confidence ?? 0) >= floors.confidence &&
    (o.answerCoverage === undefined || o.answerCoverage >= floors.answerCoverage) &&
    (o.fromRecords || o.leadMargin === undefined || o.leadMargin >= floors.leadMargin);
  return passes ? 'auto_sent' : 'suggested';
}

export interface FloorGrid {
  retrieval: number[];
  groundedness: number[];
  confidence: number[];
  answerCoverage: number[];
  leadMargin: number[];
}

/** The grid the gate's defaults were chosen from (services/gate/README.md). */
export const FLOOR_GRID: FloorGrid = {
  retrieval: [0, 0.2, 0.25, 0.3, 0.32, 0.35, 0.4, 0.5],
  groundedness: [0.8, 1],
  confidence: [0, 0.6, 0.7, 0.8, 0.85, 0.9],
  answerCoverage: [0, 0.4, 0.5, 0.6, 0.7, 0.8],
  leadMargin: [0, 0.05, 0.1, 0.15, 0.2, 0.3],
};

/** Every combination of the grid's floors. */
export function gridPoints(grid: FloorGrid): Floors[] {
  const points: Floors[] = [];
  for (const retrieval of grid.retrieval)
    for (const groundedness of grid.groundedness)
      for (const confidence of grid.confidence)
        for (const answerCoverage of grid.answerCoverage)
          for (const leadMargin of grid.leadMargin)
            points.push({ retrieval, groundedness, confidence, answerCoverage, leadMargin });
  return points;
}

const FLOOR_OPTIONS: Array<[option: string, variable: string]> = [
  ['retrieval-floor', 'GATE_RETRIEVAL_FLOOR'],
  ['groundedness-floor', 'GATE_GROUNDEDNESS_FLOOR'],
  ['confidence-floor', 'GATE_CONFIDENCE_FLOOR'],
  ['coverage-floor', 'GATE_COVERAGE_FLOOR'],
  ['lead-margin-floor', 'GATE_LEAD_MARGIN_FLOOR'],
  ['resolver-floor', 'RESOLVER_RETRIEVAL_FLOOR'],
];

/**
 * The services' environment for `--retrieval-floor`, `--groundedness-floor`, `--confidence-floor`,
 * `--coverage-floor`, `--lead-margin-floor` and `--resolver-floor` (each in [0, 1]); with `sweep` every
 * gate floor is at its strictest (1; the lead margin 5).
 */
export function floorEnv(args: SuiteArgs, sweep: boolean): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [option, variable] of FLOOR_OPTIONS) {
    const raw = args.options[option];
    if (raw === undefined) continue;
    const x = Number(raw);
    if (raw === 'true' || !Number.isFinite(x) || x < 0 || x > 1)
      throw new UsageError(`--${option} must be a number in [0, 1], got ${raw}`);
    env[variable] = String(x);
  }
  if (sweep)
    Object.assign(env, {
      GATE_RETRIEVAL_FLOOR: '1',
      GATE_GROUNDEDNESS_FLOOR: '1',
      GATE_CONFIDENCE_FLOOR: '1',
      GATE_COVERAGE_FLOOR: '1',
      GATE_LEAD_MARGIN_FLOOR: '5',
    });
  return env;
}
