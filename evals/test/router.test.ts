import { describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NORMALISER_VERSION } from '@parley/wording';
import { parseSuiteArgs, UsageError } from '../src/dispatch.js';
import { run } from '../src/suites/router.js';
import { PERTURBATIONS } from '../src/robustness/perturb.js';

const PHRASES: Record<string, string[]> = {
  card_arrival: [
    'where is my new card',
    'my card has not arrived',
    'when will the card come',
    'card delivery is late',
  ],
  exchange_rate: [
    'what is the exchange rate',
    'rate for euros to dollars',
    'how much is the pound in euros',
    'currency conversion rate',
  ],
  top_up: [
    'how do i top up my account',
    'add money to my balance',
    'top up with a bank transfer',
    'load funds onto my account',
  ],
};

/** Small labelled files: every phrase with a varying prefix, so train, val and test differ but share words. */
async function files(): Promise<Record<'train' | 'val' | 'test', string>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'router-suite-'));
  const prefixes = {
    train: ['', 'hi ', 'please ', 'hello, '],
    val: ['hey ', 'so '],
    test: ['quick question: ', 'ok '],
  };
  const out = {} as Record<'train' | 'val' | 'test', string>;
  for (const [split, pre] of Object.entries(prefixes) as Array<['train' | 'val' | 'test', string[]]>) {
    const lines = Object.entries(PHRASES).flatMap(([intent, texts]) =>
      pre.flatMap((p) => texts.map((t) => JSON.stringify({ text: p + t, intent }))),
    );
    if (split !== 'train')
      lines.push(JSON.stringify({ text: `${pre[0]}tell me a joke about cats`, intent: 'out_of_scope' }));
    out[split] = path.join(dir, `${split}.jsonl`);
    await writeFile(out[split], `${lines.join('\n')}\n`);
  }
  return out;
}

describe('evals router suite', () => {
  it('trains on train, tunes on val and reports the metrics on test', async () => {
    const f = await files();
    const result = await run(
      parseSuiteArgs(['--train', f.train, '--val', f.val, '--test', f.test, '--no-vectors', '--json']),
    );
    expect(result.n).toBe(25);
    expect(result.accuracy as number).toBeGreaterThan(0.8);
    for (const key of [
      'macroF1',
      'ece',
      'auroc',
      'inScopeAccuracy',
      'oosRecall',
      'coverageAt95',
      'trainMs',
      'p50Ms',
      'p99Ms',
    ]) {
      expect(typeof result[key]).toBe('number');
    }
    expect(result.normaliser).toBe(NORMALISER_VERSION);
    const robustness = result.robustness as { clean: number; perturbed: Record<string, { drop: number }> };
    expect(robustness.clean).toBe(result.accuracy);
    // One entry per perturbation kind, in the order they are defined.
    expect(Object.keys(robustness.perturbed)).toEqual([...PERTURBATIONS]);
  });

  it('trains on raw text with --raw-text and perturbs with the --seed given', async () => {
    const f = await files();
    const args = ['--train', f.train, '--val', f.val, '--test', f.test, '--no-vectors', '--json'];
    const raw = await run(parseSuiteArgs([...args, '--raw-text', '--seed', '3']));
    expect(raw.normaliser).toBeNull();
    expect(raw.mendSpelling).toBe(false);
    expect((raw.robustness as { seed: number }).seed).toBe(3);
    await expect(run(parseSuiteArgs([...args, '--seed', '0']))).rejects.toThrow(UsageError);
  });

  it('holds out every n-th example of --train as validation with --holdout', async () => {
    const f = await files();
    const result = await run(
      parseSuiteArgs(['--train', f.train, '--holdout', '4', '--test', f.test, '--no-vectors', '--json']),
    );
    expect(result.n).toBe(25);
    expect(result.accuracy as number).toBeGreaterThan(0.8);
    await expect(
      run(parseSuiteArgs(['--train', f.train, '--holdout', '1', '--test', f.test, '--no-vectors'])),
    ).rejects.toThrow('--holdout must be at least 2');
  });

  it('refuses missing options and names the file of a bad line', async () => {
    const f = await files();
    await expect(run(parseSuiteArgs(['--train', f.train, '--val', f.val]))).rejects.toThrow(UsageError);
    const bad = path.join(path.dirname(f.test), 'bad.jsonl');
    await writeFile(bad, '{"text":"hi","intent":"top_up"}\n{"text":"no intent"}\n');
    await expect(
      run(parseSuiteArgs(['--train', f.train, '--val', f.val, '--test', bad, '--no-vectors'])),
    ).rejects.toThrow(`${bad}:2: missing or empty string field "intent"`);
  });
});
