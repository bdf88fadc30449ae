// One-command retrain:
//   tsx packages/intent-model/src/cli.ts train --train a.jsonl --val b.jsonl --out model.bin [--no-vectors]
// Trains on --train, calibrates and picks the rejection threshold on --val, writes the model file atomically.
import { parseArgs } from 'node:util';
import { loadWordVectors } from '@parley/word-vectors';
import { readJsonl } from './data.js';
import { saveModel } from './format.js';
import { trainIntentModel } from './model.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    train: { type: 'string' },
    val: { type: 'string' },
    out: { type: 'string' },
    'no-vectors': { type: 'boolean', default: false },
  },
});

if (positionals[0] !== 'train' || !values.train || !values.val || !values.out) {
  process.stderr.write(
    'usage: intent-model train --train <jsonl> --val <jsonl> --out <model file> [--no-vectors]\n',
  );
  process.exitCode = 2;
} else {
  try {
    const [train, val] = await Promise.all([readJsonl(values.train), readJsonl(values.val)]);
    const vectors = values['no-vectors'] ? undefined : await loadWordVectors();
    const model = trainIntentModel(train, val, vectors, values['no-vectors'] ? { sifScale: 0 } : {});
    await saveModel(model, values.out);
    const { trainMs, features, valAuroc } = model.parts.info;
    process.stdout.write(
      `${JSON.stringify({ out: values.out, intents: model.intents.length, features, trainMs, valAuroc })}\n`,
    );
  } catch (err) {
    process.stderr.write(`intent-model: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
