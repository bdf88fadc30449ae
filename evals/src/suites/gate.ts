// `pnpm --silent evals gate [--update-baseline] [--baseline <file>] [--only golden,router,retrieval,actions]
//   [--trials 4] [--json]`
// The release gate: the golden set's dev half (also written another way, `--perturb all`) and fresh split, the
// router on Banking77 and CLINC150, retrieval on every shipped set and the actions tasks (when the suite
// exists), each figure compared with the committed baseline (evals/gate/baseline.json) within a bootstrap noise
// band. Exit 1 when a figure regressed beyond its band, went over a hard floor or disappeared.
// `--update-baseline` writes the baseline from this run instead.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { INTENT_SETS } from '@parley/intent-model';
import type { SuiteArgs } from '../dispatch.js';
import { UsageError, positiveIntOption } from '../dispatch.js';
import type { Baseline } from '../gate/baseline.js';
import { BASELINE_FILE, gitState, makeBaseline, readBaseline, writeBaseline } from '../gate/baseline.js';
import type { GateRow } from '../gate/compare.js';
import { compareRuns, failed } from '../gate/compare.js';
import type { PartRun } from '../gate/figures.js';
import { ACTIONS_SUITE, actionsSuiteExists, measureActions } from '../gate/parts/actions.js';
import { measureGolden } from '../gate/parts/golden.js';
import { measureRetrieval, retrievalSets } from '../gate/parts/retrieval.js';
import { measureRouter } from '../gate/parts/router.js';
import { formatTable } from '../gate/table.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PARTS = ['golden', 'router', 'retrieval', 'actions'] as const;
type PartName = (typeof PARTS)[number];

export interface GateResult {
  passed: boolean;
  baseline: { file: string; commit: string; takenAt: string } | null;
  /** Set when this run wrote the baseline. */
  updated?: { file: string; commit: string; dirty: boolean };
  parts: Array<{ part: string; source: string; n: number; seconds: number }>;
  skipped: Array<{ part: string; reason: string }>;
  rows: GateRow[];
  failures: string[];
}

function options(args: SuiteArgs) {
  const only = (args.options.only ?? PARTS.join(',')).split(',').map((s) => s.trim());
  for (const p of only)
    if (!(PARTS as readonly string[]).includes(p))
      throw new UsageError(`--only takes a comma-separated list of ${PARTS.join(', ')}; got ${p}`);
  if (args.options.baseline === 'true') throw new UsageError('--baseline needs a path');
  return {
    only: new Set(only as PartName[]),
    update: args.options['update-baseline'] === 'true',
    baselineFile: args.options.baseline ?? BASELINE_FILE,
    trials: positiveIntOption(args, 'trials', 4),
  };
}

const rel = (file: string) => path.relative(ROOT, file) || file;

/** Measures the selected parts in turn, logging each to stderr as it finishes (the run takes minutes). */
async function measure(
  only: Set<PartName>,
  trials: number,
): Promise<{ runs: PartRun[]; timings: GateResult['parts']; skipped: GateResult['skipped'] }> {
  const runs: PartRun[] = [];
  const timings: GateResult['parts'] = [];
  const skipped: GateResult['skipped'] = [];
  const timed = async (make: () => Promise<PartRun>) => {
    const started = performance.now();
    const run = await make();
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    runs.push(run);
    timings.push({ part: run.part, source: run.source, n: run.n, seconds });
    process.stderr.write(`gate: ${run.part}: ${run.n} cases in ${seconds} s\n`);
  };
  // Dev is tuned on; the fresh split, in customers' own words and never tuned on, shows whether a change
  // that helps dev carries to wording it has not seen.
  if (only.has('golden')) {
    await timed(() => measureGolden('dev'));
    await timed(() => measureGolden('fresh'));
    // Dev again with typos, casing, a greeting, thanks and a sign-off: everyday wording must not cost answers.
    await timed(() => measureGolden('dev', undefined, 'all'));
  }
  if (only.has('router')) for (const set of INTENT_SETS) await timed(() => measureRouter(set));
  if (only.has('retrieval'))
    for (const file of await retrievalSets()) await timed(() => measureRetrieval(file));
  if (only.has('actions')) {
    if (await actionsSuiteExists()) await timed(() => measureActions(trials));
    else {
      const reason = `skipped: no actions suite in this tree (${rel(ACTIONS_SUITE)})`;
      skipped.push({ part: 'actions', reason });
      process.stderr.write(`gate: actions: ${reason}\n`);
    }
  }
  return { runs, timings, skipped };
}

/** The baseline's parts that this run was asked to measure (`--only` leaves the others out of the verdict). */
function inScope(baseline: Baseline, only: Set<PartName>): PartRun[] {
  return baseline.parts.filter((p) => only.has(p.kind));
}

export async function run(args: SuiteArgs): Promise<GateResult> {
  const opt = options(args);
  const baseline = await readBaseline(opt.baselineFile);
  if (!baseline && !opt.update)
    throw new Error(
      `no baseline at ${rel(opt.baselineFile)}: take one with \`pnpm --silent evals gate --update-baseline\` and commit it`,
    );
  const { runs, timings, skipped } = await measure(opt.only, opt.trials);
  const rows = compareRuns(baseline ? inScope(baseline, opt.only) : [], runs);
  const failures = failed(rows).map((r) => r.figure);
  const result: GateResult = {
    passed: opt.update || failures.length === 0,
    baseline: baseline
      ? { file: rel(opt.baselineFile), commit: baseline.commit, takenAt: baseline.takenAt }
      : null,
    parts: timings,
    skipped,
    rows,
    failures,
  };
  if (opt.update) {
    const state = gitState();
    await writeBaseline(makeBaseline(runs, baseline, state), opt.baselineFile);
    result.updated = { file: rel(opt.baselineFile), ...state };
  }
  return result;
}

export function format(result: Record<string, unknown>): string {
  const r = result as unknown as GateResult;
  const lines: string[] = [];
  lines.push(
    r.baseline
      ? `release gate against ${r.baseline.file} (commit ${r.baseline.commit.slice(0, 12)}, taken ${r.baseline.takenAt})`
      : 'release gate: no baseline yet',
  );
  const width = Math.max(0, ...r.parts.map((p) => p.part.length));
  for (const p of r.parts)
    lines.push(`  ${p.part.padEnd(width)}  ${p.n} cases, ${p.seconds} s  (${p.source})`);
  for (const s of r.skipped) lines.push(`  ${s.part.padEnd(width)}  ${s.reason}`);
  lines.push('', formatTable(r.rows), '');
  const regressed = r.rows.filter((x) => x.verdict === 'regressed').length;
  if (r.updated) {
    lines.push(
      `baseline written to ${r.updated.file} from commit ${r.updated.commit.slice(0, 12)}${r.updated.dirty ? ' (with uncommitted changes)' : ''}: review the figures above and commit it`,
    );
  } else if (r.passed) {
    lines.push(`gate: passed (${r.rows.filter((x) => x.verdict !== 'info').length} figures checked)`);
  } else {
    lines.push(
      `gate: FAILED (${regressed} regressed beyond the noise band; ${r.failures.length} failing): ${r.failures.join('; ')}`,
    );
    lines.push(
      'If the change is intended, rewrite the baseline with `pnpm --silent evals gate --update-baseline` and commit it for review.',
    );
  }
  return lines.join('\n');
}

export function exitCode(result: Record<string, unknown>): number {
  return (result as unknown as GateResult).passed ? 0 : 1;
}
