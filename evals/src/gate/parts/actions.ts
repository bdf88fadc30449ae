// The actions evaluation (`evals actions --tasks <jsonl> --trials k`), when the tree has that suite, as
// per-task columns. Its result gives `n, passAt1, passHatK, wrongWrites`; when it also lists per-task outcomes
// (`tasks` or `outcomes`: `{ id, trials: [boolean | { pass }], wrongWrites? }`) those are the columns and the
// band is paired. With aggregates only, each task is taken as all-or-nothing with the same means (the most
// spread-out outcomes those means allow, so the band is, if anything, too wide) and compared unpaired.
import { access } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseSuiteArgs } from '../../dispatch.js';
import type { SuiteModule } from '../../dispatch.js';
import type { PartRun } from '../figures.js';
import { caseDigest } from '../figures.js';

export const ACTIONS_SUITE = fileURLToPath(new URL('../../suites/actions.ts', import.meta.url));
export const ACTIONS_TASKS = 'packages/demo-store/data/tasks_dev.jsonl';
/** The gate measures the first tasks of the dev file only, so it stays fast (each trial is a conversation). */
export const ACTIONS_GATE_TASKS = 8;
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export async function actionsSuiteExists(file = ACTIONS_SUITE): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function trialPassed(t: unknown): boolean | undefined {
  if (typeof t === 'boolean') return t;
  if (typeof t === 'object' && t !== null) {
    const r = t as Record<string, unknown>;
    for (const key of ['pass', 'passed', 'ok', 'success'])
      if (typeof r[key] === 'boolean') return r[key] as boolean;
  }
  return undefined;
}

interface TaskOutcome {
  id: string;
  trials: boolean[];
  wrongWrites: number;
}

function perTask(result: Record<string, unknown>): TaskOutcome[] | undefined {
  const list = Array.isArray(result.tasks)
    ? result.tasks
    : Array.isArray(result.outcomes)
      ? result.outcomes
      : undefined;
  if (!list || list.length === 0) return undefined;
  const out: TaskOutcome[] = [];
  for (const [i, item] of list.entries()) {
    if (typeof item !== 'object' || item === null) return undefined;
    const r = item as Record<string, unknown>;
    const trials = Array.isArray(r.trials) ? r.trials.map(trialPassed) : undefined;
    if (!trials || trials.length === 0 || trials.some((t) => t === undefined)) return undefined;
    const wrong = num(r.wrongWrites) ?? 0;
    out.push({ id: String(r.id ?? r.taskId ?? i), trials: trials as boolean[], wrongWrites: wrong });
  }
  return out;
}

/** Columns of an actions result (pure); throws naming what is missing when the result has no usable figures. */
export function actionsPart(result: Record<string, unknown>, source: string): PartRun {
  const tasks = perTask(result);
  if (tasks) {
    return {
      part: 'actions-dev',
      kind: 'actions',
      source,
      digest: caseDigest(tasks.map((t) => `${t.id}\t${t.trials.length}`)),
      n: tasks.length,
      columns: {
        pass1: tasks.map((t) => t.trials.filter(Boolean).length / t.trials.length),
        passK: tasks.map((t) => (t.trials.every(Boolean) ? 1 : 0)),
        wrongWrites: tasks.map((t) => t.wrongWrites),
      },
    };
  }
  const n = num(result.n);
  const passAt1 = num(result.passAt1);
  const passHatK = num(result.passHatK);
  const wrongWrites = num(result.wrongWrites);
  if (n === undefined || passAt1 === undefined || passHatK === undefined || wrongWrites === undefined)
    throw new Error('evals actions printed no n, passAt1, passHatK and wrongWrites: the gate cannot read it');
  const ones = (share: number) => {
    const k = Math.round(share * n);
    return Array.from({ length: n }, (_, i) => (i < k ? 1 : 0));
  };
  return {
    part: 'actions-dev',
    kind: 'actions',
    source,
    // Aggregates carry no task identities: never paired.
    digest: '',
    n,
    columns: {
      pass1: ones(passAt1),
      passK: ones(passHatK),
      wrongWrites: Array.from({ length: n }, (_, i) => (i === 0 ? wrongWrites : 0)),
    },
  };
}

/** Runs the actions suite on the first `ACTIONS_GATE_TASKS` dev tasks with `trials` trials each. */
export async function measureActions(trials: number, suiteFile = ACTIONS_SUITE): Promise<PartRun> {
  const mod = (await import(pathToFileURL(suiteFile).href)) as SuiteModule;
  const tasks = `${ROOT}${ACTIONS_TASKS}`;
  const result = await mod.run(
    parseSuiteArgs([
      '--tasks',
      tasks,
      '--trials',
      String(trials),
      '--limit',
      String(ACTIONS_GATE_TASKS),
      '--details',
      '--json',
    ]),
  );
  return actionsPart(result, `${ACTIONS_TASKS} (first ${ACTIONS_GATE_TASKS}) x${trials} trials`);
}
