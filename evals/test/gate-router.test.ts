// The release gate's router part for real: a router trained on a tenth of Banking77 fails against the
// committed baseline, and the same run repeated passes against a baseline taken from the first.
import { describe, expect, it } from '@jest/globals';
import type { Example, IntentModel } from '@parley/intent-model';
import { evaluateRouter } from '@parley/intent-model';
import { makeBaseline, readBaseline, serialise } from '../src/gate/baseline.js';
import type { GateRow } from '../src/gate/compare.js';
import { compareRuns, failed } from '../src/gate/compare.js';
import { casesOf, figuresOf } from '../src/gate/figures.js';
import type { PartRun } from '../src/gate/figures.js';
import { measureRouter } from '../src/gate/parts/router.js';
import { formatTable } from '../src/gate/table.js';

const tenth = (train: Example[]) => train.filter((_, i) => i % 10 === 0);
const verdicts = (rows: GateRow[]) => Object.fromEntries(rows.map((r) => [r.name, r.verdict]));
const value = (run: PartRun, name: string) => {
  const def = figuresOf(run).find((d) => d.name === name)!;
  return def.stat(run.columns, casesOf(run, def)!);
};

describe('gate: router part', () => {
  // Two trainings and their scoring: minutes on a loaded 2-core machine.
  it('fails a router trained on a tenth of the data and passes the same run repeated', async () => {
    const baseline = await readBaseline();
    const committed = baseline?.parts.find((p) => p.part === 'router-banking77');
    expect(committed).toBeDefined();

    let seen: { model: IntentModel; val: Example[]; test: Example[] } | undefined;
    const weak = await measureRouter('banking77', {
      trainOn: tenth,
      onModel: (model, val, test) => (seen = { model, val, test }),
    });
    expect(weak.digest).toBe(committed!.digest);
    // The columns give the figures `evals router` reports for the same model and carving.
    const metrics = evaluateRouter(seen!.model, seen!.val, seen!.test);
    expect(value(weak, 'accuracy')).toBeCloseTo(metrics.accuracy, 10);
    expect(value(weak, 'inScopeAccuracy')).toBeCloseTo(metrics.inScopeAccuracy, 10);
    expect(value(weak, 'coverageAt95')).toBeCloseTo(metrics.coverageAt95, 10);
    expect(value(weak, 'acceptedAccuracyAt95')).toBeCloseTo(metrics.acceptedAccuracyAt95!, 10);

    const against = compareRuns([committed!], [weak]);
    expect(verdicts(against)).toMatchObject({ accuracy: 'regressed', inScopeAccuracy: 'regressed' });
    expect(formatTable(against)).toMatch(/^! router-banking77 accuracy .* REGRESSED \(higher is better\)$/m);

    // The weak model's own baseline, through the file format, and the same training again: nothing moves.
    const own = JSON.parse(serialise(makeBaseline([weak], null, { commit: 'test', dirty: false })));
    const again = await measureRouter('banking77', { trainOn: tenth });
    const rows = compareRuns(own.parts, [again]);
    expect(failed(rows)).toEqual([]);
    for (const r of rows.filter((x) => x.verdict !== 'info')) {
      expect(r.now).toBe(r.baseline);
      expect(r.band).toEqual({ lo: 0, hi: 0 });
    }
  }, 600_000);
});
