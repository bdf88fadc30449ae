// `pnpm train:router [--train <jsonl>] [--out <file>] [--no-vectors] [--if-stale]`: retrains the router's local
// intent model into a versioned model file that the router loads at start (ROUTER_MODEL_FILE). Every fifth
// example of each intent is held out for calibration and the out-of-scope threshold.
import { parseArgs } from 'node:util';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { labelledIntentsFile } from '@parley/demo-store';
import { writeModelFile } from './intent/local-model.js';

const DEFAULT_MODEL_FILE = resolve(import.meta.dirname, '../../../.data/router-model.pimf');

const USAGE = 'usage: train:router [--train <jsonl>] [--out <model file>] [--no-vectors] [--if-stale]';

try {
  const { values } = parseArgs({
    options: {
      train: { type: 'string', default: labelledIntentsFile('train') },
      out: { type: 'string', default: DEFAULT_MODEL_FILE },
      'no-vectors': { type: 'boolean', default: false },
      'if-stale': { type: 'boolean', default: false },
    },
  });
  await mkdir(dirname(values.out), { recursive: true });
  const result = await writeModelFile(values.train, values.out, {
    wordVectors: !values['no-vectors'],
    ifStale: values['if-stale'],
  });
  process.stdout.write(`${JSON.stringify({ out: values.out, train: values.train, ...result })}\n`);
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(
    `train:router: ${message}\n${message.startsWith('Unknown option') ? `${USAGE}\n` : ''}`,
  );
  process.exitCode = err instanceof TypeError ? 2 : 1;
}
