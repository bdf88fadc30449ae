// The noise band of a figure: how far it moves when the cases it is measured on are resampled. A figure is a
// statistic over per-case outcomes; the band is the seeded percentile bootstrap interval of the difference
// (now − baseline). With the same cases on both sides they are resampled together (paired), so a change that
// moves a few cases one way stands out from the cases' spread; with different cases each side is resampled
// on its own.
import { mulberry32 } from '@parley/intent-model/rng';

/** Per-case outcomes, one array per column, every array as long as the case list. */
export type Columns = Record<string, number[]>;

/** A figure's value over the cases at `idx` (indices into the columns; repeats allowed). */
export type Statistic = (cols: Columns, idx: readonly number[]) => number;

export interface BootstrapOptions {
  resamples: number;
  seed: number;
  /** Two-sided coverage of the interval, e.g. 0.95. */
  level: number;
}

export const DEFAULT_BOOTSTRAP: BootstrapOptions = { resamples: 2000, seed: 1, level: 0.95 };

export interface Interval {
  lo: number;
  hi: number;
}

function draw(cases: readonly number[], random: () => number): number[] {
  const out = new Array<number>(cases.length);
  for (let i = 0; i < cases.length; i++) out[i] = cases[(random() * cases.length) | 0]!;
  return out;
}

/** The value at quantile q of sorted values, interpolating between neighbours. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

function interval(diffs: number[], level: number): Interval {
  diffs.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return { lo: quantile(diffs, tail), hi: quantile(diffs, 1 - tail) };
}

/**
 * Interval of stat(now) − stat(base) over resamples of the same cases: `cases` indexes both sides' columns
 * (case i of one side is case i of the other).
 */
export function pairedInterval(
  stat: Statistic,
  base: Columns,
  now: Columns,
  cases: readonly number[],
  opts: BootstrapOptions = DEFAULT_BOOTSTRAP,
): Interval {
  const random = mulberry32(opts.seed);
  const diffs: number[] = [];
  for (let b = 0; b < opts.resamples; b++) {
    const idx = draw(cases, random);
    diffs.push(stat(now, idx) - stat(base, idx));
  }
  return interval(diffs, opts.level);
}

/** Interval of stat(now) − stat(base) when the two sides were measured on different cases. */
export function unpairedInterval(
  stat: Statistic,
  base: Columns,
  baseCases: readonly number[],
  now: Columns,
  nowCases: readonly number[],
  opts: BootstrapOptions = DEFAULT_BOOTSTRAP,
): Interval {
  const random = mulberry32(opts.seed);
  const diffs: number[] = [];
  for (let b = 0; b < opts.resamples; b++) {
    const nowIdx = draw(nowCases, random);
    const baseIdx = draw(baseCases, random);
    diffs.push(stat(now, nowIdx) - stat(base, baseIdx));
  }
  return interval(diffs, opts.level);
}

/** 0..n-1 */
export const allCases = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
