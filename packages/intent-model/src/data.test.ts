import { describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { holdOutEvery, parseJsonl, readJsonl, stratifiedSplit } from './data.js';

describe('JSONL reading', () => {
  it('parses examples and skips blank lines', () => {
    expect(
      parseJsonl('{"text":"hi","intent":"greet"}\n\n{"text":"bye","intent":"leave"}\n', 'a.jsonl'),
    ).toEqual([
      { text: 'hi', intent: 'greet' },
      { text: 'bye', intent: 'leave' },
    ]);
  });

  it('names the file and line of a malformed line or a missing field', () => {
    expect(() => parseJsonl('{"text":"hi","intent":"greet"}\n{"text": oops}\n', 'a.jsonl')).toThrow(
      'a.jsonl:2: not valid JSON',
    );
    expect(() => parseJsonl('{"text":"hi"}', 'b.jsonl')).toThrow(
      'b.jsonl:1: missing or empty string field "intent"',
    );
    expect(() => parseJsonl('\n["hi"]', 'c.jsonl')).toThrow('c.jsonl:2: expected a JSON object');
    expect(() => parseJsonl('{"text":"","intent":"x"}', 'd.jsonl')).toThrow(
      'd.jsonl:1: missing or empty string field "text"',
    );
  });

  it('rejects an empty or missing file by name', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'jsonl-'));
    const empty = path.join(dir, 'empty.jsonl');
    await writeFile(empty, '\n');
    await expect(readJsonl(empty)).rejects.toThrow(`${empty}: no examples (empty file)`);
    await expect(readJsonl(path.join(dir, 'nope.jsonl'))).rejects.toThrow('nope.jsonl: cannot read (ENOENT)');
  });
});

describe('stratifiedSplit', () => {
  const examples = ['a', 'b', 'c'].flatMap((intent, k) =>
    Array.from({ length: 10 * (k + 1) }, (_, i) => ({ text: `${intent} ${i}`, intent })),
  );

  it('holds out about the fraction of every intent, disjointly and reproducibly', () => {
    const { rest, held } = stratifiedSplit(examples, 0.2, 7);
    const count = (xs: typeof examples, intent: string) => xs.filter((e) => e.intent === intent).length;
    expect([count(held, 'a'), count(held, 'b'), count(held, 'c')]).toEqual([2, 4, 6]);
    expect(rest.length + held.length).toBe(examples.length);
    const heldTexts = new Set(held.map((e) => e.text));
    expect(rest.some((e) => heldTexts.has(e.text))).toBe(false);
    expect(stratifiedSplit(examples, 0.2, 7)).toEqual({ rest, held });
    expect(stratifiedSplit(examples, 0.2, 8).held).not.toEqual(held);
  });

  it('refuses a fraction outside (0, 1)', () => {
    expect(() => stratifiedSplit(examples, 1)).toThrow('split fraction must be in (0, 1), got 1');
  });
});

describe('holdOutEvery', () => {
  it('holds out every n-th example of each intent, in file order', () => {
    const examples = Array.from({ length: 10 }, (_, i) => ({ text: `t${i}`, intent: i % 2 ? 'a' : 'b' }));
    const { rest, held } = holdOutEvery(examples, 5);
    expect(held.map((e) => e.text)).toEqual(['t8', 't9']);
    expect(rest).toHaveLength(8);
    expect(() => holdOutEvery(examples, 1)).toThrow('hold-out step must be an integer >= 2, got 1');
  });
});
