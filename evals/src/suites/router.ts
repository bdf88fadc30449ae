// `pnpm --silent evals router --train <jsonl> --val <jsonl> --test <jsonl> [--no-vectors] --json`
// Trains on --train, fits calibration and every threshold on --val, and scores --test. Reads only those files.
import { evaluateRouter, readJsonl, trainIntentModel } from '@parley/intent-model';
import { loadWordVectors } from '@parley/word-vectors';
import { requireOption, type SuiteArgs } from '../dispatch.js';

export async function run(args: SuiteArgs): Promise<Record<string, unknown>> {
  const trainFile = requireOption(args, 'train');
  const valFile = requireOption(args, 'val');
  const testFile = requireOption(args, 'test');
  const useVectors = args.options['no-vectors'] !== 'true';
  const [train, val, test] = await Promise.all([
    readJsonl(trainFile),
    readJsonl(valFile),
    readJsonl(testFile),
  ]);
  const vectors = useVectors ? await loadWordVectors() : undefined;
  const started = performance.now();
  const model = trainIntentModel(train, val, vectors, useVectors ? {} : { sifScale: 0 });
  const trainMs = Math.round(performance.now() - started);
  const metrics = evaluateRouter(model, val, test);
  return {
    ...metrics,
    trainMs,
    temperature: model.parts.temperature,
    centroidWeight: model.parts.centroidWeight,
  };
}
