// The gate's settings as the black-box suites set and sweep them: `--answer-threshold`, `--answer-model`,
// `--groundedness-floor` and `--resolver-floor` become the services' environment, and a run with the answer
// threshold at 1 (nothing auto-sends on the model's word, every draft the policy checks let through reaches
// the inbox with its probability) is replayed at every threshold.
import type { SuiteArgs } from './dispatch.js';
import { UsageError } from './dispatch.js';
import type { Decision, TicketOutcome } from './tickets.js';

/** What the replay needs to know of an outcome. */
export type ThresholdSignals = Pick<TicketOutcome, 'decision' | 'band' | 'reasons' | 'probability'>;

/** Reason codes of a decision the answer model made (as opposed to a policy check or the band). */
const MODEL_CODES = new Set([
  'low_answer_probability',
  'answer_probability',
  'checks_passed',
  'own_order_status',
]);

/**
 * The answer model decided this outcome: a draft no policy check held back. Mostly an auto-band draft; in the
 * suggest band, a help-centre answer to a question about a write's rules, which the gate judges like any other
 * (the band holds every other suggest-band draft with `band_suggest`).
 */
export function modelDecided(o: ThresholdSignals): boolean {
  return o.probability !== undefined && o.reasons.length > 0 && o.reasons.every((r) => MODEL_CODES.has(r));
}

/**
 * The gate's decision for one outcome at another answer threshold: a draft the model decided goes out when
 * its probability clears the threshold. Anything else keeps its decision. Mirrors the gate
 * (`services/gate/src/decision/decide.ts`).
 */
export function replay(o: ThresholdSignals, threshold: number): Decision {
  if (!modelDecided(o)) return o.decision;
  return o.probability! >= threshold ? 'auto_sent' : 'suggested';
}

/** The thresholds a sweep reports: every distinct probability of the drafts the model decided, highest first. */
export function sweepThresholds(outcomes: readonly ThresholdSignals[]): number[] {
  const ps = outcomes.filter(modelDecided).map((o) => o.probability!);
  return [...new Set(ps)].sort((a, b) => b - a);
}

const OPTIONS: Array<[option: string, variable: string]> = [
  ['answer-threshold', 'GATE_ANSWER_THRESHOLD'],
  ['groundedness-floor', 'GATE_GROUNDEDNESS_FLOOR'],
  ['resolver-floor', 'RESOLVER_RETRIEVAL_FLOOR'],
];

/**
 * The services' environment for `--answer-threshold`, `--groundedness-floor` and `--resolver-floor` (each in
 * [0, 1]) and `--answer-model <file>`; with `sweep` the answer threshold is 1, so the model sends nothing.
 */
export function floorEnv(args: SuiteArgs, sweep: boolean): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [option, variable] of OPTIONS) {
    const raw = args.options[option];
    if (raw === undefined) continue;
    const x = Number(raw);
    if (raw === 'true' || !Number.isFinite(x) || x < 0 || x > 1)
      throw new UsageError(`--${option} must be a number in [0, 1], got ${raw}`);
    env[variable] = String(x);
  }
  const model = args.options['answer-model'];
  if (model !== undefined) {
    if (model === 'true') throw new UsageError('--answer-model needs a path');
    env.GATE_ANSWER_MODEL = model;
  }
  if (sweep) env.GATE_ANSWER_THRESHOLD = '1';
  return env;
}
