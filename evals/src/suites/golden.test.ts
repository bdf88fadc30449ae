// The golden suite's options, checked before any service starts: which splits it runs and which may write
// training examples.
import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { UsageError, parseSuiteArgs } from '../dispatch.js';
import { run } from './golden.js';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/golden/', import.meta.url));

const golden = (...argv: string[]) => run(parseSuiteArgs(['--dir', FIXTURES, ...argv]));

describe('evals golden options', () => {
  it('runs the dev, test, train, calibration and fresh splits and nothing else', async () => {
    await expect(golden('--split', 'holdout')).rejects.toThrow(
      new UsageError('--split must be dev, test, train, calibration, fresh, got holdout'),
    );
    await expect(golden('--split', 'fresh')).rejects.toThrow(`${FIXTURES}fresh.jsonl: no such file`);
    // The fixture directory has only dev.jsonl: a train split is looked for in its own file.
    await expect(golden('--split', 'train')).rejects.toThrow(`${FIXTURES}train.jsonl: no such file`);
    await expect(golden('--split', 'calibration')).rejects.toThrow(
      `${FIXTURES}calibration.jsonl: no such file`,
    );
  });

  it('writes training examples from dev or train, never from the test half, calibration or fresh', async () => {
    await expect(golden('--split', 'test', '--sweep', '--signals-out', '/tmp/x.jsonl')).rejects.toThrow(
      '--signals-out is for the dev and train splits only',
    );
    await expect(
      golden('--split', 'calibration', '--sweep', '--signals-out', '/tmp/x.jsonl'),
    ).rejects.toThrow('--signals-out is for the dev and train splits only');
    await expect(golden('--split', 'fresh', '--sweep', '--signals-out', '/tmp/x.jsonl')).rejects.toThrow(
      '--signals-out is for the dev and train splits only',
    );
    await expect(golden('--split', 'train', '--sweep', '--signals-out', '/tmp/x.jsonl')).rejects.toThrow(
      `${FIXTURES}train.jsonl: no such file`,
    );
  });

  it('runs only the train split half by half: no other split is among the answered questions', async () => {
    for (const split of ['dev', 'test', 'calibration', 'fresh'])
      await expect(golden('--split', split, '--halves')).rejects.toThrow(
        new UsageError('--halves is for the train split only'),
      );
    await expect(golden('--split', 'train', '--halves')).rejects.toThrow(
      `${FIXTURES}train.jsonl: no such file`,
    );
  });
});
