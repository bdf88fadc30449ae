import { describe, expect, it } from '@jest/globals';
import { compareRuns, failed } from './compare.js';
import type { PartRun } from './figures.js';
import { formatTable } from './table.js';

const N = 200;
const flags = (ones: (i: number) => boolean) => Array.from({ length: N }, (_, i) => (ones(i) ? 1 : 0));

/** A golden run: the first `good` cases are good automatic answers, `bad` more are auto-sent and wrong. */
function golden(good: number, bad: number, over: Partial<PartRun['columns']> = {}, digest = 'd1'): PartRun {
  return {
    part: 'golden-dev',
    kind: 'golden',
    source: 'evals/golden/dev.jsonl',
    digest,
    n: N,
    columns: {
      auto: flags((i) => i < good + bad),
      escalated: flags((i) => i >= 180),
      good: flags((i) => i < good),
      leak: flags(() => false),
      draftLeak: flags(() => false),
      cost: flags(() => false),
      ms: Array.from({ length: N }, (_, i) => 100 + i),
      ...over,
    },
    groups: {
      'category=help_centre': Array.from({ length: 100 }, (_, i) => i),
      'category=order_status': Array.from({ length: 100 }, (_, i) => 100 + i),
    },
  };
}

const row = (rows: ReturnType<typeof compareRuns>, figure: string) => rows.find((r) => r.figure === figure)!;

describe('the gate comparison', () => {
  it('passes an unchanged run against its own baseline, every band exactly zero', () => {
    const rows = compareRuns([golden(60, 20)], [golden(60, 20)]);
    expect(failed(rows)).toEqual([]);
    const deflection = row(rows, 'golden-dev deflection');
    expect(deflection).toMatchObject({
      baseline: 0.3,
      now: 0.3,
      band: { lo: 0, hi: 0 },
      paired: true,
      verdict: 'pass',
    });
    expect(row(rows, 'golden-dev p95Ms').verdict).toBe('info');
  });

  it('fails a deflection drop beyond the band and says which way is worse', () => {
    // Twelve good answers become suggestions.
    const now = golden(48, 20);
    now.columns.auto = flags((i) => i >= 12 && i < 80);
    now.columns.good = flags((i) => i >= 12 && i < 60);
    const rows = compareRuns([golden(60, 20)], [now]);
    const deflection = row(rows, 'golden-dev deflection');
    expect(deflection.verdict).toBe('regressed');
    expect(deflection.band!.hi).toBeLessThan(0);
    expect(row(rows, 'golden-dev category=help_centre deflection').verdict).toBe('regressed');
    expect(row(rows, 'golden-dev category=order_status deflection').verdict).toBe('pass');
    const table = formatTable(rows);
    expect(table).toMatch(
      /^! golden-dev deflection +30\.0% +24\.0% +\[-\d+\.\d, -\d+\.\d\] pp +REGRESSED \(higher is better\)$/m,
    );
    expect(table).toMatch(/^ {2}golden-dev category=order_status deflection .* pass$/m);
  });

  it('lets a change of a case or two through as noise', () => {
    const now = golden(60, 20);
    now.columns.good = flags((i) => i >= 2 && i < 60);
    const rows = compareRuns([golden(60, 20)], [now]);
    expect(row(rows, 'golden-dev deflection')).toMatchObject({ now: 0.29, verdict: 'pass' });
    expect(failed(rows)).toEqual([]);
  });

  it('treats a rise of the bad-answer rate as the regression, and a fall as an improvement', () => {
    const worse = golden(60, 40);
    expect(row(compareRuns([golden(60, 20)], [worse]), 'golden-dev badAnswerRate').verdict).toBe('regressed');
    const better = golden(60, 2);
    const rows = compareRuns([golden(60, 20)], [better]);
    expect(row(rows, 'golden-dev badAnswerRate').verdict).toBe('improved');
    expect(failed(rows)).toEqual([]);
  });

  it('fails any privacy leak whatever the baseline said', () => {
    const leaking = golden(60, 20, { leak: flags((i) => i === 70) });
    const rows = compareRuns([leaking], [leaking]);
    expect(row(rows, 'golden-dev privacyLeaks')).toMatchObject({ now: 1, verdict: 'over floor' });
    expect(failed(rows).map((r) => r.figure)).toEqual(['golden-dev privacyLeaks']);
    expect(formatTable(rows)).toMatch(/^! golden-dev privacyLeaks .*OVER FLOOR \(must be <= 0\)$/m);
  });

  it('compares different cases unpaired, with a wider band', () => {
    const same = compareRuns([golden(60, 20)], [golden(58, 20)]);
    const other = compareRuns([golden(60, 20)], [golden(58, 20, {}, 'd2')]);
    const paired = row(same, 'golden-dev deflection').band!;
    const unpaired = row(other, 'golden-dev deflection');
    expect(unpaired.paired).toBe(false);
    expect(unpaired.band!.hi - unpaired.band!.lo).toBeGreaterThan(paired.hi - paired.lo);
    expect(formatTable(other)).toContain('(unpaired)');
  });

  it('fails a part the baseline has and this run lost, and shows a new part without failing', () => {
    const retrieval: PartRun = {
      part: 'retrieval-faq-set',
      kind: 'retrieval',
      source: 'faq-set.json',
      digest: 'r',
      n: 3,
      columns: { rank: [0, 1, -1], ndcg: [1, 0.63, 0] },
    };
    const lost = compareRuns([golden(60, 20), retrieval], [golden(60, 20)]);
    expect(row(lost, 'retrieval-faq-set recallAt1')).toMatchObject({
      baseline: 1 / 3,
      now: null,
      verdict: 'missing',
    });
    expect(failed(lost).length).toBe(4);
    const added = compareRuns([golden(60, 20)], [golden(60, 20), retrieval]);
    expect(row(added, 'retrieval-faq-set recallAt5')).toMatchObject({
      baseline: null,
      now: 2 / 3,
      verdict: 'new',
    });
    expect(failed(added)).toEqual([]);
  });

  it('gives the same rows for the same inputs', () => {
    const now = golden(50, 25, {}, 'd2');
    expect(compareRuns([golden(60, 20)], [now])).toEqual(compareRuns([golden(60, 20)], [now]));
  });
});
