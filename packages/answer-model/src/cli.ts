// One-command retrain:
//   tsx packages/answer-model/src/cli.ts train --data <examples.jsonl> [--data <more.jsonl> ...] --out <model.json>
//     [--folds 5] [--target-bad-rate 0.01] [--l2 0.05]
// The examples come from `pnpm --silent evals golden --split dev --sweep --signals-out <file>`; several
// `--data` files are concatenated (ids unique across them) and each is recorded with its SHA-256. Prints the
// cross-validated calibration and operating point as one JSON line.
import { parseArgs } from 'node:util';
import { readExampleFiles } from './data.js';
import { writeModelFile } from './format.js';
import { DEFAULT_TRAIN, trainAnswerModel } from './train.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    data: { type: 'string', multiple: true },
    out: { type: 'string' },
    folds: { type: 'string' },
    'target-bad-rate': { type: 'string' },
    l2: { type: 'string' },
  },
});

function number(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const x = Number(raw);
  if (!Number.isFinite(x) || x < min || x > max)
    throw new Error(`--${name} must be a number in [${min}, ${max}]`);
  return x;
}

if (positionals[0] !== 'train' || !values.data?.length || !values.out) {
  process.stderr.write(
    'usage: answer-model train --data <examples.jsonl> [--data <more.jsonl> ...] --out <model.json> [--folds 5] [--target-bad-rate 0.01] [--l2 0.05]\n',
  );
  process.exitCode = 2;
} else {
  try {
    const opts = {
      ...DEFAULT_TRAIN,
      folds: Math.round(number('folds', values.folds, DEFAULT_TRAIN.folds, 2, 20)),
      targetBadRate: number('target-bad-rate', values['target-bad-rate'], DEFAULT_TRAIN.targetBadRate, 0, 1),
      l2: number('l2', values.l2, DEFAULT_TRAIN.l2, 0, 100),
    };
    const { examples, sources } = await readExampleFiles(values.data);
    const { model, report } = trainAnswerModel(examples, opts, { data: sources });
    await writeModelFile(model, values.out);
    const cv = report.crossValidated;
    process.stdout.write(
      `${JSON.stringify({
        out: values.out,
        data: sources,
        examples: report.examples,
        good: report.good,
        threshold: model.threshold,
        cv: { ece: cv.ece, brier: cv.brier, auroc: cv.auroc, atThreshold: cv.atThreshold },
        weights: Object.fromEntries(model.signals.map((s, j) => [s, model.weights[j]])),
      })}\n`,
    );
  } catch (err) {
    process.stderr.write(`answer-model: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
