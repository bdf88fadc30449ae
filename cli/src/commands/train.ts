import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { labelledIntentsFile } from '@parley/demo-store';
import { writeModelFile } from '@parley/router-service/intent/local-model';
import { strictArgs } from '../args.js';
import type { Io } from '../io.js';
import { withProgress } from '@parley/runtime/progress';

export const USAGE =
  'usage: parley train [--train <labelled.jsonl>] [--out <model file>] [--no-vectors] [--if-stale]';

export interface TrainArgs {
  train: string;
  out: string;
  wordVectors: boolean;
  ifStale: boolean;
}

/** Where `pnpm start` and the router look for the model when ROUTER_MODEL_FILE does not say. */
export const DEFAULT_MODEL_FILE = resolve(import.meta.dirname, '../../../.data/router-model.pimf');

export function parse(argv: readonly string[]): TrainArgs {
  const { values } = strictArgs(
    argv,
    {
      train: { type: 'string' },
      out: { type: 'string' },
      'no-vectors': { type: 'boolean' },
      'if-stale': { type: 'boolean' },
    },
    USAGE,
    { min: 0, max: 0 },
  );
  return {
    train: values.train ?? labelledIntentsFile('train'),
    out: resolve(values.out ?? DEFAULT_MODEL_FILE),
    wordVectors: !values['no-vectors'],
    ifStale: values['if-stale'] ?? false,
  };
}

export async function run(args: TrainArgs, io: Io): Promise<number> {
  await mkdir(dirname(args.out), { recursive: true });
  const result = await withProgress(
    `training the router model from ${args.train}`,
    () => writeModelFile(args.train, args.out, { wordVectors: args.wordVectors, ifStale: args.ifStale }),
    io.err,
  );
  io.out(`${JSON.stringify({ out: args.out, train: args.train, ...result })}\n`);
  return 0;
}
