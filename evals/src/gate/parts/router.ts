// The router on the public intent sets, as per-query columns. The shipped files are carved the same way on
// every run: the model trains on the whole of `train.jsonl`; `val.jsonl` is halved within each label by file
// order, the 1st, 3rd, 5th... example of a label going to validation (calibration and every threshold) and the
// 2nd, 4th, 6th... to test (scored only). No seed is involved, so the carving never changes.
import type { Example, IntentModel, IntentSet } from '@parley/intent-model';
import { OUT_OF_SCOPE, intentSetFile, readJsonl, trainIntentModel } from '@parley/intent-model';
import { coverageThreshold } from '@parley/intent-model/evaluate';
import { loadWordVectors } from '@parley/word-vectors';
import type { PartRun } from '../figures.js';
import { caseDigest } from '../figures.js';

/** Halves `val` within each label by file order: odd positions (1st, 3rd...) validate, even ones test. */
export function carveValidation(val: readonly Example[]): { val: Example[]; test: Example[] } {
  const seen = new Map<string, number>();
  const out = { val: [] as Example[], test: [] as Example[] };
  for (const e of val) {
    const k = seen.get(e.intent) ?? 0;
    seen.set(e.intent, k + 1);
    (k % 2 === 0 ? out.val : out.test).push(e);
  }
  return out;
}

/** Per-query columns of a trained model on `test`, thresholds from the model and `val` only. */
export function routerColumns(
  model: IntentModel,
  val: Example[],
  test: readonly Example[],
): PartRun['columns'] {
  const threshold95 = coverageThreshold(model, val, 0.95);
  const cols = {
    inScope: [] as number[],
    right: [] as number[],
    acceptedRight: [] as number[],
    rejected: [] as number[],
    accepted95: [] as number[],
    right95: [] as number[],
  };
  for (const e of test) {
    const a = model.analyse(e.text);
    const inScope = e.intent !== OUT_OF_SCOPE;
    const rejected = a.score < model.parts.rejectThreshold;
    const topRight = model.intents[a.top] === e.intent;
    const accepted95 = a.score >= threshold95;
    cols.inScope.push(inScope ? 1 : 0);
    cols.right.push(model.intents[a.argmax] === e.intent ? 1 : 0);
    cols.acceptedRight.push(inScope && !rejected && topRight ? 1 : 0);
    cols.rejected.push(rejected ? 1 : 0);
    cols.accepted95.push(accepted95 ? 1 : 0);
    cols.right95.push(accepted95 && topRight ? 1 : 0);
  }
  return cols;
}

export interface RouterPartOptions {
  /** What the model trains on, given the shipped train file (the default keeps all of it). */
  trainOn?: (train: Example[]) => Example[];
  /** Part name; `router-<set>` by default. */
  part?: string;
  /** Sees the trained model and the carving (tests check the columns against `evaluateRouter`). */
  onModel?: (model: IntentModel, val: Example[], test: Example[]) => void;
}

/** Trains on a shipped set's carving and scores its test half (with word vectors, as the router runs). */
export async function measureRouter(set: IntentSet, opts: RouterPartOptions = {}): Promise<PartRun> {
  const [train, shippedVal, vectors] = await Promise.all([
    readJsonl(intentSetFile(set, 'train')),
    readJsonl(intentSetFile(set, 'val')),
    loadWordVectors(),
  ]);
  const { val, test } = carveValidation(shippedVal);
  const started = performance.now();
  const model = trainIntentModel(opts.trainOn ? opts.trainOn(train) : train, val, vectors);
  const trainMs = Math.round(performance.now() - started);
  opts.onModel?.(model, val, test);
  return {
    part: opts.part ?? `router-${set}`,
    kind: 'router',
    source: `packages/intent-model/data/${set} (train; val halved by label: odd positions validate, even test)`,
    digest: caseDigest(test.map((e) => `${e.intent}\t${e.text}`)),
    n: test.length,
    columns: routerColumns(model, val, test),
    info: { trainMs },
  };
}
