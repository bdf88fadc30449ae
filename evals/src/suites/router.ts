// `pnpm --silent evals router --train <jsonl> (--val <jsonl> | --holdout <n>) --test <jsonl> [--no-vectors] [--raw-text]
//   [--seed 1] --json`
// Trains on --train, fits calibration and every threshold on --val, and scores --test. Reads only those files.
// `robustness` scores the test texts again with seeded typos, casing, politeness wrappers and sign-offs.
import { evaluateRouter, holdOutEvery, readJsonl, trainIntentModel } from '@parley/intent-model';
import { loadWordVectors } from '@parley/word-vectors';
import { positiveIntOption, requireOption, UsageError, type SuiteArgs } from '../dispatch.js';
import { robustness } from '../robustness/robustness.js';

export async function run(args: SuiteArgs): Promise<Record<string, unknown>> {
  const trainFile = requireOption(args, 'train');
  const testFile = requireOption(args, 'test');
  // Without --val, --holdout n holds out every n-th example of each intent of --train, as the router does.
  const holdout = args.options.val === undefined ? positiveIntOption(args, 'holdout', 0) : 0;
  const valFile = holdout > 0 ? undefined : requireOption(args, 'val');
  if (holdout === 1) throw new UsageError('--holdout must be at least 2');
  const useVectors = args.options['no-vectors'] !== 'true';
  // The model reads text through @parley/wording's normaliser and mends misspellings, unless told to read the
  // text as written (for comparison).
  const normalise = args.options['raw-text'] !== 'true';
  const seed = positiveIntOption(args, 'seed', 1);
  const [labelled, given, test] = await Promise.all([
    readJsonl(trainFile),
    valFile === undefined ? undefined : readJsonl(valFile),
    readJsonl(testFile),
  ]);
  const { rest: train, held: val } =
    given === undefined ? holdOutEvery(labelled, holdout) : { rest: labelled, held: given };
  const vectors = useVectors ? await loadWordVectors() : undefined;
  const started = performance.now();
  const model = trainIntentModel(train, val, vectors, {
    normalise,
    mendSpelling: normalise,
    ...(useVectors ? {} : { sifScale: 0 }),
  });
  const trainMs = Math.round(performance.now() - started);
  const metrics = evaluateRouter(model, val, test);
  return {
    ...metrics,
    trainMs,
    temperature: model.parts.temperature,
    centroidWeight: model.parts.centroidWeight,
    normaliser: model.parts.normaliser,
    mendSpelling: model.parts.mendSpelling,
    robustness: robustness(model, test, seed),
  };
}
