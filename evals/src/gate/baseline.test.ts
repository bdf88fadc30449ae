import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BaselineError, makeBaseline, readBaseline, serialise, writeBaseline } from './baseline.js';
import type { PartRun } from './figures.js';

const retrieval = (part: string, rank: number[]): PartRun => ({
  part,
  kind: 'retrieval',
  source: `${part}.json`,
  digest: part,
  n: rank.length,
  columns: { rank, ndcg: rank.map((r) => (r === 0 ? 1 : 0)) },
  info: { p99Ms: 12.5 },
});

const STATE = { commit: 'abc123', dirty: false };
const AT = new Date('2026-12-03T10:00:00Z');

describe('the gate baseline file', () => {
  it('round-trips, with each column on one line and the figures summarised for review', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gate-baseline-'));
    const file = path.join(dir, 'baseline.json');
    const baseline = makeBaseline([retrieval('retrieval-a', [0, 2, -1, 0])], null, STATE, AT);
    await writeBaseline(baseline, file);
    const text = await readFile(file, 'utf8');
    expect(text).toContain('"rank": [0,2,-1,0]');
    expect(text).toContain('"retrieval-a recallAt1": 0.5');
    expect(text).toContain('"retrieval-a p99Ms": 12.5');
    expect(text).toContain('"takenAt": "2026-12-03T10:00:00.000Z"');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(baseline)));
    expect(await readBaseline(file)).toEqual(baseline);
  });

  it('keeps the parts a partial run did not measure and replaces the ones it did', () => {
    const first = makeBaseline(
      [retrieval('retrieval-a', [0, 0]), retrieval('retrieval-b', [1, 1])],
      null,
      STATE,
      AT,
    );
    const second = makeBaseline(
      [retrieval('retrieval-b', [0, 0])],
      first,
      { commit: 'def456', dirty: true },
      AT,
    );
    expect(second.parts.map((p) => [p.part, p.columns.rank])).toEqual([
      ['retrieval-a', [0, 0]],
      ['retrieval-b', [0, 0]],
    ]);
    expect(second).toMatchObject({ commit: 'def456', dirty: true });
    expect(second.figures['retrieval-b recallAt1']).toBe(1);
  });

  it('reads no baseline as null and names the file and field of a broken one', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gate-baseline-'));
    expect(await readBaseline(path.join(dir, 'absent.json'))).toBeNull();
    const file = path.join(dir, 'baseline.json');
    await writeFile(file, '{"commit": 1}');
    await expect(readBaseline(file)).rejects.toThrow(
      `${file}: field commit: Expected string, received number`,
    );
    const short = makeBaseline([retrieval('retrieval-a', [0, 1])], null, STATE, AT);
    short.parts[0]!.columns.ndcg = [1];
    await writeFile(file, serialise(short));
    await expect(readBaseline(file)).rejects.toThrow(BaselineError);
    await expect(readBaseline(file)).rejects.toThrow(
      'part retrieval-a: column ndcg has 1 values for 2 cases',
    );
  });
});
