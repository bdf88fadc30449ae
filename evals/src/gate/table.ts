// The gate's table for people: figure, baseline, now, noise band, verdict; failing rows marked.
import type { GateRow } from './compare.js';
import { FAILING } from './compare.js';
import type { Unit } from './figures.js';

export function formatValue(x: number | null, unit: Unit): string {
  if (x === null) return '-';
  if (!Number.isFinite(x)) return String(x);
  switch (unit) {
    case 'share':
      return `${(100 * x).toFixed(1)}%`;
    case 'usd':
      return `$${x.toFixed(4)}`;
    case 'ms':
      return `${Math.round(x)} ms`;
    case 'count':
      return Number.isInteger(x) ? String(x) : x.toFixed(2);
  }
}

const signed = (x: number, digits: number) => `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;

/** The band of now − baseline in the figure's terms: percentage points for shares. */
export function formatBand(row: GateRow): string {
  if (row.band === null) return row.atMost !== undefined ? `must be <= ${row.atMost}` : '';
  const { lo, hi } = row.band;
  const [scale, digits, suffix] =
    row.unit === 'share'
      ? [100, 1, ' pp']
      : row.unit === 'usd'
        ? [1, 4, ' $']
        : row.unit === 'ms'
          ? [1, 0, ' ms']
          : [1, Number.isInteger(lo) && Number.isInteger(hi) ? 0 : 1, ''];
  const paired = row.paired ? '' : ' (unpaired)';
  return `[${signed(lo * scale, digits)}, ${signed(hi * scale, digits)}]${suffix}${paired}`;
}

function verdictText(row: GateRow): string {
  if (row.verdict === 'regressed') return `REGRESSED (${row.better} is better)`;
  if (row.verdict === 'over floor') return `OVER FLOOR (must be <= ${row.atMost})`;
  if (row.verdict === 'missing') return 'MISSING (in the baseline, not measured now)';
  return row.verdict;
}

/** A plain-text table, one row per figure; a failing row starts with `!`. */
export function formatTable(rows: readonly GateRow[]): string {
  const header = ['figure', 'baseline', 'now', 'noise band (now - baseline, 95%)', 'verdict'];
  const body = rows.map((r) => [
    r.figure,
    formatValue(r.baseline, r.unit),
    formatValue(r.now, r.unit),
    formatBand(r),
    verdictText(r),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[], mark: string) =>
    `${mark} ${cells.map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')}`.trimEnd();
  return [
    line(header, ' '),
    line(
      widths.map((w) => '-'.repeat(w)),
      ' ',
    ),
    ...body.map((b, i) => line(b, FAILING.has(rows[i]!.verdict) ? '!' : ' ')),
  ].join('\n');
}
