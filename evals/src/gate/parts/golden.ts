// A golden split through the whole product (`evals golden --split dev`, `--split fresh`, dev written another way
// with `--perturb all`), as per-case columns.
import { parseSuiteArgs } from '../../dispatch.js';
import type { GoldenOutcome } from '../../golden/summary.js';
import { isActionStep, isGoodAuto } from '../../golden/summary.js';
import type { GoldenResult } from '../../suites/golden.js';
import { run as runGolden } from '../../suites/golden.js';
import type { Perturbation } from '../../robustness/perturb.js';
import type { PartRun } from '../figures.js';
import { caseDigest } from '../figures.js';

/** Columns and category groups of a golden run (pure); the figures they give match `evals golden`'s. */
export function goldenPart(part: string, source: string, outcomes: readonly GoldenOutcome[]): PartRun {
  const leaked = (o: GoldenOutcome) => (o.grade?.leaks.length ?? 0) > 0;
  const groups: Record<string, number[]> = {};
  outcomes.forEach((o, i) => (groups[`category=${o.case.category}`] ??= []).push(i));
  const column = (f: (o: GoldenOutcome) => number) => outcomes.map(f);
  return {
    part,
    kind: 'golden',
    source,
    digest: caseDigest(outcomes.map((o) => `${o.case.id}|${o.case.category}`)),
    n: outcomes.length,
    columns: {
      // Steps towards an expected write are not answers (as in `evals golden`).
      auto: column((o) => (o.ticket.decision === 'auto_sent' && !isActionStep(o) ? 1 : 0)),
      escalated: column((o) => (o.ticket.decision === 'escalated' ? 1 : 0)),
      good: column((o) => (isGoodAuto(o) ? 1 : 0)),
      leak: column((o) => (o.ticket.decision === 'auto_sent' && leaked(o) ? 1 : 0)),
      draftLeak: column((o) => (o.ticket.decision === 'suggested' && leaked(o) ? 1 : 0)),
      cost: column((o) => o.ticket.costUsd),
      ms: column((o) => o.ticket.ms),
    },
    groups,
  };
}

/**
 * Runs `evals golden --split <split>` (starts the six services), its texts written another way with
 * `perturb` (`--perturb`, seed 1), and returns its part (`golden-<split>`, `golden-<split>-<perturb>`).
 */
export async function measureGolden(
  split: 'dev' | 'test' | 'fresh' = 'dev',
  dir?: string,
  perturb?: Perturbation,
): Promise<PartRun> {
  const args = [
    '--split',
    split,
    '--details',
    ...(dir ? ['--dir', dir] : []),
    ...(perturb ? ['--perturb', perturb] : []),
  ];
  const result = (await runGolden(parseSuiteArgs(args))) as GoldenResult;
  const source = result.file.replace(/^.*?(evals\/)/, '$1') + (perturb ? ` (--perturb ${perturb})` : '');
  return goldenPart(`golden-${split}${perturb ? `-${perturb}` : ''}`, source, result.outcomes ?? []);
}
