// What the gate measures: each part of the gate (the golden set, a router set, a retrieval set, the actions
// tasks) leaves per-case outcomes as columns, and every figure is a statistic over them, so the same
// definition gives the figure, its baseline value and its bootstrap band. Which way is worse is decided here,
// per figure, once.
import { createHash } from 'node:crypto';
import type { Columns, Statistic } from './bootstrap.js';

export type PartKind = 'golden' | 'router' | 'retrieval' | 'actions';

/** One part of a gate run: its cases' outcomes. */
export interface PartRun {
  /** Unique within a run: `golden-dev`, `router-clinc150`, `retrieval-faq-set`, `actions-dev`. */
  part: string;
  kind: PartKind;
  /** What it was measured on, for people. */
  source: string;
  /**
   * Digest of the cases (keys in order, with their groups): the same digest means the same cases, compared
   * paired. Empty when the cases have no identity (outcomes rebuilt from aggregates): never paired.
   */
  digest: string;
  n: number;
  columns: Columns;
  /** Named subsets of the cases (e.g. `category=help_centre`); a group's figures are measured on its cases. */
  groups?: Record<string, number[]>;
  /** Figures with no per-case outcomes behind them (training time): shown, never gated. */
  info?: Record<string, number>;
}

export type Unit = 'share' | 'count' | 'usd' | 'ms';

export interface FigureDef {
  name: string;
  /** Which way is better; `info` figures are shown and never gated (latency depends on the machine's load). */
  better: 'higher' | 'lower' | 'info';
  /** A hard floor: the figure must never exceed this, whatever the baseline (privacy leaks, wrong writes). */
  atMost?: number;
  unit: Unit;
  stat: Statistic;
  /** Measured on the cases of this group of the run. */
  group?: string;
}

/** The digest of a part's case keys, in order. */
export function caseDigest(keys: readonly string[]): string {
  const h = createHash('sha256');
  for (const k of keys) h.update(k).update('\n');
  return h.digest('hex').slice(0, 16);
}

const sum = (col: readonly number[], idx: readonly number[]): number => {
  let s = 0;
  for (const i of idx) s += col[i]!;
  return s;
};

/** Mean of a column. */
export const mean =
  (name: string): Statistic =>
  (cols, idx) =>
    idx.length === 0 ? 0 : sum(cols[name]!, idx) / idx.length;

/** Total of a column. */
export const total =
  (name: string): Statistic =>
  (cols, idx) =>
    sum(cols[name]!, idx);

/** sum(num) / sum(den), 0 when den sums to 0. */
export const ratio =
  (num: string, den: string): Statistic =>
  (cols, idx) => {
    const d = sum(cols[den]!, idx);
    return d === 0 ? 0 : sum(cols[num]!, idx) / d;
  };

/** Share of cases whose column `name` satisfies `test`. */
export const shareWhere =
  (name: string, test: (x: number) => boolean): Statistic =>
  (cols, idx) => {
    if (idx.length === 0) return 0;
    const col = cols[name]!;
    let k = 0;
    for (const i of idx) if (test(col[i]!)) k++;
    return k / idx.length;
  };

/** The p-th percentile of a column (nearest rank, as the suites report latency). */
export const percentileOf =
  (name: string, p: number): Statistic =>
  (cols, idx) => {
    if (idx.length === 0) return 0;
    const sorted = idx.map((i) => cols[name]![i]!).sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  };

/**
 * Golden set, columns per case: `auto` (1 when auto-sent), `escalated`, `good` (a good automatic answer),
 * `leak` (an auto-sent reply showing another customer's data), `draftLeak` (a suggested draft doing so),
 * `cost` (USD), `ms`. Groups `category=<category>`.
 */
function goldenFigures(run: PartRun): FigureDef[] {
  const overall: FigureDef[] = [
    { name: 'deflection', better: 'higher', unit: 'share', stat: mean('good') },
    {
      name: 'badAnswerRate',
      better: 'lower',
      unit: 'share',
      stat: (cols, idx) => {
        const auto = sum(cols.auto!, idx);
        return auto === 0 ? 0 : (auto - sum(cols.good!, idx)) / auto;
      },
    },
    // No resolution at all counts as one, so a run that spends and resolves nothing still has a finite figure.
    {
      name: 'costPerResolutionUsd',
      better: 'lower',
      unit: 'usd',
      stat: (cols, idx) => sum(cols.cost!, idx) / Math.max(1, sum(cols.good!, idx)),
    },
    { name: 'privacyLeaks', better: 'lower', atMost: 0, unit: 'count', stat: total('leak') },
    { name: 'draftPrivacyLeaks', better: 'lower', atMost: 0, unit: 'count', stat: total('draftLeak') },
    { name: 'autoSent', better: 'info', unit: 'share', stat: mean('auto') },
    { name: 'escalated', better: 'info', unit: 'share', stat: mean('escalated') },
    { name: 'p95Ms', better: 'info', unit: 'ms', stat: percentileOf('ms', 95) },
  ];
  const perGroup = Object.keys(run.groups ?? {})
    .sort()
    .flatMap((group): FigureDef[] => [
      { ...overall[0]!, group },
      { ...overall[1]!, group },
    ]);
  return [...overall, ...perGroup];
}

/**
 * Router, columns per test query: `inScope` (its gold label is an intent, not out_of_scope), `right`
 * (argmax = gold), `acceptedRight` (accepted at the model's operating point with the right intent),
 * `rejected` (below the rejection threshold), `accepted95` (at or above the threshold that gave 95% accepted
 * accuracy on validation), `right95` (accepted there with the right intent).
 */
function routerFigures(run: PartRun): FigureDef[] {
  const figures: FigureDef[] = [
    { name: 'accuracy', better: 'higher', unit: 'share', stat: mean('right') },
    { name: 'inScopeAccuracy', better: 'higher', unit: 'share', stat: ratio('acceptedRight', 'inScope') },
    { name: 'coverageAt95', better: 'higher', unit: 'share', stat: mean('accepted95') },
    { name: 'acceptedAccuracyAt95', better: 'higher', unit: 'share', stat: ratio('right95', 'accepted95') },
  ];
  if (run.columns.inScope!.some((x) => x === 0))
    figures.push({
      name: 'oosRecall',
      better: 'higher',
      unit: 'share',
      stat: (cols, idx) => {
        let oos = 0;
        let caught = 0;
        for (const i of idx)
          if (cols.inScope![i] === 0) {
            oos++;
            caught += cols.rejected![i]!;
          }
        return oos === 0 ? 0 : caught / oos;
      },
    });
  return figures;
}

/** Retrieval, columns per query: `rank` of the first relevant article (0-based, -1 when not in the top 10), `ndcg`. */
function retrievalFigures(): FigureDef[] {
  return [
    { name: 'recallAt1', better: 'higher', unit: 'share', stat: shareWhere('rank', (r) => r === 0) },
    { name: 'recallAt5', better: 'higher', unit: 'share', stat: shareWhere('rank', (r) => r >= 0 && r < 5) },
    {
      name: 'mrrAt10',
      better: 'higher',
      unit: 'share',
      stat: (cols, idx) => {
        if (idx.length === 0) return 0;
        let s = 0;
        for (const i of idx) {
          const r = cols.rank![i]!;
          if (r >= 0 && r < 10) s += 1 / (r + 1);
        }
        return s / idx.length;
      },
    },
    { name: 'ndcgAt10', better: 'higher', unit: 'share', stat: mean('ndcg') },
  ];
}

/**
 * Actions, columns per task: `pass1` (share of its trials that passed), `passK` (1 when every trial passed),
 * `wrongWrites` (writes that should not have happened, over its trials).
 */
function actionsFigures(): FigureDef[] {
  return [
    { name: 'passAt1', better: 'higher', unit: 'share', stat: mean('pass1') },
    { name: 'passHatK', better: 'higher', unit: 'share', stat: mean('passK') },
    { name: 'wrongWrites', better: 'lower', atMost: 0, unit: 'count', stat: total('wrongWrites') },
  ];
}

/** Every figure of a part, overall first, then per group. */
export function figuresOf(run: PartRun): FigureDef[] {
  switch (run.kind) {
    case 'golden':
      return goldenFigures(run);
    case 'router':
      return routerFigures(run);
    case 'retrieval':
      return retrievalFigures();
    case 'actions':
      return actionsFigures();
  }
}

/** The figure's name in tables and JSON: `<part> [<group>] <name>`. */
export function figureId(part: string, def: Pick<FigureDef, 'name' | 'group'>): string {
  return def.group ? `${part} ${def.group} ${def.name}` : `${part} ${def.name}`;
}

/** The cases a figure is measured on (all of them, or its group's). */
export function casesOf(run: PartRun, def: Pick<FigureDef, 'group'>): number[] | undefined {
  if (def.group === undefined) return Array.from({ length: run.n }, (_, i) => i);
  return run.groups?.[def.group];
}
