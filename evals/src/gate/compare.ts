// The gate's verdict on each figure (pure): the baseline's value, today's, the bootstrap band of the
// difference, and whether today's is worse beyond that band, over a hard floor, or gone.
import type { BootstrapOptions, Interval } from './bootstrap.js';
import { DEFAULT_BOOTSTRAP, pairedInterval, unpairedInterval } from './bootstrap.js';
import type { FigureDef, PartRun, Unit } from './figures.js';
import { casesOf, figureId, figuresOf } from './figures.js';

/**
 * - `regressed`: worse, and the whole band of the difference lies on the worse side of zero;
 * - `over floor`: above a hard floor (privacy leaks, wrong writes), whatever the baseline;
 * - `missing`: in the baseline, not measured now (a part or set disappeared);
 * - `improved`: better beyond the band (update the baseline to hold the gain);
 * - `new`: not in the baseline yet; `info`: never gated.
 */
export type Verdict = 'pass' | 'regressed' | 'over floor' | 'missing' | 'improved' | 'new' | 'info';

export const FAILING: ReadonlySet<Verdict> = new Set(['regressed', 'over floor', 'missing']);

export interface GateRow {
  figure: string;
  part: string;
  name: string;
  group?: string;
  unit: Unit;
  better: FigureDef['better'];
  atMost?: number;
  baseline: number | null;
  now: number | null;
  /** Interval of now − baseline; null when there is nothing to compare (or the figure is not gated). */
  band: Interval | null;
  /** Whether the band came from the same cases resampled together. */
  paired: boolean | null;
  verdict: Verdict;
}

function valueOf(run: PartRun | undefined, def: FigureDef): number | null {
  if (!run) return null;
  if (def.name in (run.info ?? {}) && def.group === undefined) return run.info![def.name]!;
  const cases = casesOf(run, def);
  return cases === undefined ? null : def.stat(run.columns, cases);
}

function verdictOf(def: FigureDef, diff: number, band: Interval): Verdict {
  if (def.better === 'info') return 'info';
  const worse = def.better === 'higher' ? diff < 0 && band.hi < 0 : diff > 0 && band.lo > 0;
  if (worse) return 'regressed';
  const better = def.better === 'higher' ? diff > 0 && band.lo > 0 : diff < 0 && band.hi < 0;
  return better ? 'improved' : 'pass';
}

function infoDefs(run: PartRun | undefined): FigureDef[] {
  return Object.keys(run?.info ?? {}).map((name) => ({
    name,
    better: 'info',
    unit: name.endsWith('Ms') ? 'ms' : 'count',
    stat: () => Number.NaN,
  }));
}

/** One row per figure of every part measured now or in the baseline, in the order the parts ran. */
export function compareRuns(
  baseline: readonly PartRun[],
  now: readonly PartRun[],
  opts: BootstrapOptions = DEFAULT_BOOTSTRAP,
): GateRow[] {
  const parts = [...new Set([...now.map((r) => r.part), ...baseline.map((r) => r.part)])];
  const rows: GateRow[] = [];
  for (const part of parts) {
    const b = baseline.find((r) => r.part === part);
    const n = now.find((r) => r.part === part);
    const defs = new Map<string, FigureDef>();
    for (const run of [n, b])
      if (run) for (const def of [...figuresOf(run), ...infoDefs(run)]) defs.set(figureId(part, def), def);
    for (const [figure, def] of defs) {
      const baseValue = valueOf(b, def);
      const nowValue = valueOf(n, def);
      const row: GateRow = {
        figure,
        part,
        name: def.name,
        ...(def.group ? { group: def.group } : {}),
        unit: def.unit,
        better: def.better,
        ...(def.atMost !== undefined ? { atMost: def.atMost } : {}),
        baseline: baseValue,
        now: nowValue,
        band: null,
        paired: null,
        verdict: 'pass',
      };
      rows.push(row);
      if (def.better === 'info') {
        row.verdict = 'info';
        continue;
      }
      if (nowValue === null) {
        row.verdict = 'missing';
        continue;
      }
      if (def.atMost !== undefined && nowValue > def.atMost) {
        row.verdict = 'over floor';
        continue;
      }
      if (baseValue === null || !b || !n) {
        row.verdict = 'new';
        continue;
      }
      const baseCases = casesOf(b, def)!;
      const nowCases = casesOf(n, def)!;
      row.paired = b.digest !== '' && b.digest === n.digest;
      row.band = row.paired
        ? pairedInterval(def.stat, b.columns, n.columns, nowCases, opts)
        : unpairedInterval(def.stat, b.columns, baseCases, n.columns, nowCases, opts);
      row.verdict = verdictOf(def, nowValue - baseValue, row.band);
    }
  }
  return rows;
}

export const failed = (rows: readonly GateRow[]): GateRow[] => rows.filter((r) => FAILING.has(r.verdict));
