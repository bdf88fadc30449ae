// The golden result as text for a terminal: headline figures, then one table per intent and per category,
// and the best sweep points when there are any.
import type { Figures, SweepPoint } from './summary.js';

export interface TextReportInput {
  title: string;
  figures: Figures;
  perIntent: Record<string, Figures>;
  perCategory: Record<string, Figures>;
  sweep?: SweepPoint[];
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Left-aligned first column, right-aligned numbers, two spaces between columns. */
export function table(
  headers: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
): string {
  const cells = [headers, ...rows].map((r) => r.map(String));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return cells
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '))
    .join('\n');
}

function groupTable(name: string, groups: Record<string, Figures>): string {
  const headers = [
    name,
    'n',
    'auto',
    'good',
    'bad',
    'bad%',
    'defl%',
    'sugg',
    'esc',
    'p50ms',
    'p95ms',
    'leaks',
  ];
  const rows = Object.entries(groups).map(([k, f]) => [
    k,
    f.n,
    f.autoSent,
    f.goodAuto,
    f.badAuto,
    pct(f.badAnswerRate),
    pct(f.deflection),
    f.suggested,
    f.escalated,
    f.p50Ms,
    f.p95Ms,
    f.privacyLeaks,
  ]);
  return table(headers, rows);
}

export function formatText(r: TextReportInput, sweepRows = 10): string {
  const f = r.figures;
  const cost = f.costPerResolutionUsd === null ? 'n/a' : `$${f.costPerResolutionUsd.toFixed(4)}`;
  const lines = [
    r.title,
    '',
    table(
      ['figure', 'value'],
      [
        ['n', f.n],
        ['deflection', pct(f.deflection)],
        ['autoSent', f.autoSent],
        ['goodAuto', f.goodAuto],
        ['badAuto', f.badAuto],
        ['badAnswerRate', pct(f.badAnswerRate)],
        ['suggested', f.suggested],
        ['escalated', f.escalated],
        ['p50Ms', f.p50Ms],
        ['p95Ms', f.p95Ms],
        ['costPerResolutionUsd', cost],
        ['privacyLeaks', f.privacyLeaks],
        ['draftPrivacyLeaks', f.draftPrivacyLeaks],
      ],
    ),
    '',
    groupTable('intent', r.perIntent),
    '',
    groupTable('category', r.perCategory),
  ];
  if (r.sweep && r.sweep.length > 0) {
    // The thresholds whose bad-answer rate is at most 2%, loosest first, then the strictest ones.
    const shown = r.sweep
      .filter((p) => p.badAnswerRate <= 0.02)
      .reverse()
      .slice(0, sweepRows);
    lines.push(
      '',
      `answer thresholds replayed (${shown.length} of ${r.sweep.length}: bad-answer rate at most 2%, most deflection first)`,
      table(
        ['threshold', 'coverage', 'defl%', 'bad%', 'good', 'bad', 'leaks'],
        shown.map((p) => [
          String(p.threshold),
          pct(p.coverage),
          pct(p.deflection),
          pct(p.badAnswerRate),
          p.goodAuto,
          p.badAuto,
          p.privacyLeaks,
        ]),
      ),
    );
  }
  return lines.join('\n');
}
