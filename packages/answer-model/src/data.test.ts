import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readExampleFiles } from './data.js';

const row = (id: string, good: boolean) => JSON.stringify({ id, signals: { confidence: 0.9 }, good });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'answer-model-data-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readExampleFiles', () => {
  it('concatenates the files in the order given and records each file with its digest', async () => {
    const a = join(dir, 'dev.jsonl');
    const b = join(dir, 'train.jsonl');
    const textA = `${row('g-0001', true)}\n${row('g-0002', false)}\n`;
    const textB = `${row('t-0001', true)}\n`;
    await writeFile(a, textA);
    await writeFile(b, textB);
    const { examples, sources } = await readExampleFiles([a, b]);
    expect(examples.map((e) => e.id)).toEqual(['g-0001', 'g-0002', 't-0001']);
    expect(sources).toEqual([
      { file: a, sha256: createHash('sha256').update(textA).digest('hex'), examples: 2 },
      { file: b, sha256: createHash('sha256').update(textB).digest('hex'), examples: 1 },
    ]);
  });

  it('refuses an id that two files share, naming both', async () => {
    const a = join(dir, 'one.jsonl');
    const b = join(dir, 'two.jsonl');
    await writeFile(a, `${row('g-0001', true)}\n`);
    await writeFile(b, `${row('g-0001', false)}\n`);
    await expect(readExampleFiles([a, b])).rejects.toThrow(`${b}: example g-0001 is also in ${a}`);
  });

  it('refuses an empty list of files', async () => {
    await expect(readExampleFiles([])).rejects.toThrow('no example files given');
  });
});
