// `evals gate` as the CLI runs it, on its quickest part (retrieval on the shipped sets): a baseline is written,
// an unchanged run passes against it, and a baseline that was better fails the run with exit code 1.
import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseSuiteArgs } from '../src/dispatch.js';
import { retrievalSets } from '../src/gate/parts/retrieval.js';
import type { GateResult } from '../src/suites/gate.js';
import { exitCode, format, run } from '../src/suites/gate.js';

const gate = async (...args: string[]) => (await run(parseSuiteArgs(args))) as GateResult;

describe('evals gate', () => {
  it('finds the retrieval sets the repository ships', async () => {
    const sets = await retrievalSets();
    expect(sets[0]).toBe('packages/demo-store/retrieval-set.json');
    expect(sets).toContain('packages/knowledge/test/fixtures/faq-set.json');
  });

  it('writes a baseline, passes an unchanged run and fails a regression with a table', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gate-'));
    const file = path.join(dir, 'baseline.json');
    await expect(gate('--only', 'retrieval', '--baseline', file)).rejects.toThrow(
      'take one with `pnpm --silent evals gate --update-baseline`',
    );

    const taken = await gate('--only', 'retrieval', '--baseline', file, '--update-baseline');
    expect(taken.updated).toBeDefined();
    expect(exitCode(taken as never)).toBe(0);

    const unchanged = await gate('--only', 'retrieval', '--baseline', file);
    expect(unchanged.passed).toBe(true);
    expect(unchanged.failures).toEqual([]);
    expect(exitCode(unchanged as never)).toBe(0);
    expect(unchanged.rows.filter((r) => r.verdict !== 'info').every((r) => r.verdict === 'pass')).toBe(true);
    expect(format(unchanged as never)).toMatch(/^gate: passed \(\d+ figures checked\)$/m);

    // A baseline in which every demo-store query found its article first: today's run is far worse.
    const baseline = JSON.parse(await readFile(file, 'utf8'));
    const demo = baseline.parts.find((p: { part: string }) => p.part === 'retrieval-demo-store');
    demo.columns.rank = demo.columns.rank.map(() => 0);
    await writeFile(file, JSON.stringify(baseline));
    const worse = await gate('--only', 'retrieval', '--baseline', file);
    expect(worse.passed).toBe(false);
    expect(exitCode(worse as never)).toBe(1);
    expect(worse.failures).toEqual(
      expect.arrayContaining(['retrieval-demo-store recallAt1', 'retrieval-demo-store mrrAt10']),
    );
    expect(worse.failures.some((f) => f.startsWith('retrieval-faq-set'))).toBe(false);
    const text = format(worse as never);
    expect(text).toMatch(
      /^! retrieval-demo-store recallAt1 +100\.0% +\d+\.\d% +\[-\d+\.\d, -\d+\.\d\] pp +REGRESSED/m,
    );
    expect(text).toContain('gate: FAILED');
    expect(text).toContain('--update-baseline');
  });

  it('refuses an unknown part', async () => {
    await expect(gate('--only', 'golden,speed')).rejects.toThrow('--only takes a comma-separated list');
  });
});
