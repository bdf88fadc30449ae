import { stat } from 'node:fs/promises';
import type { Example, IntentModel } from '@parley/intent-model';
import {
  holdOutEvery,
  loadModel,
  OUT_OF_SCOPE,
  readJsonl,
  saveModel,
  trainIntentModel,
} from '@parley/intent-model';
import { NORMALISER_VERSION } from '@parley/wording';
import { loadWordVectors } from '@parley/word-vectors';
import type { ClassifyContext, IntentClassifier, IntentResult } from './classifier.js';

/** The trained local intent model behind the classifier interface. */
export class LocalModelClassifier implements IntentClassifier {
  readonly kind = 'local-model' as const;
  readonly local = true;

  constructor(private readonly model: IntentModel) {}

  async classify(text: string, context: ClassifyContext = {}): Promise<IntentResult> {
    const p = this.model.predict(text, { topK: this.model.intents.length, names: context.names ?? [] });
    return p.outOfScope
      ? { intent: OUT_OF_SCOPE, confidence: p.confidence, outOfScope: true }
      : { intent: p.intent, confidence: p.confidence, outOfScope: false, distribution: p.ranked };
  }
}

/**
 * Holds out every `every`-th example of each intent for calibration and the out-of-scope threshold, so
 * the split is the same on every machine and every intent is represented on both sides.
 */
export function splitForValidation(
  examples: readonly Example[],
  every = 5,
): { train: Example[]; val: Example[] } {
  const { rest, held } = holdOutEvery(examples, every);
  return { train: rest, val: held };
}

export interface TrainedClassifier {
  classifier: LocalModelClassifier;
  examples: number;
  /** Wall time of loading the word vectors and training, for the start-up log. */
  trainMs: number;
}

/** Trains the local model from one labelled JSONL file, holding out its own validation split. */
export async function trainLocalModel(
  trainFile: string,
  opts: { wordVectors: boolean },
): Promise<{ model: IntentModel; examples: number; trainMs: number }> {
  const started = performance.now();
  const examples = await readJsonl(trainFile);
  const { train, val } = splitForValidation(examples);
  const vectors = opts.wordVectors ? await loadWordVectors() : undefined;
  const model = trainIntentModel(train, val, vectors, opts.wordVectors ? {} : { sifScale: 0 });
  return { model, examples: examples.length, trainMs: Math.round(performance.now() - started) };
}

/** Trains the local model from a labelled JSONL file (about two seconds for the demo set). */
export async function trainLocalClassifier(
  trainFile: string,
  opts: { wordVectors: boolean },
): Promise<TrainedClassifier> {
  const { model, examples, trainMs } = await trainLocalModel(trainFile, opts);
  return { classifier: new LocalModelClassifier(model), examples, trainMs };
}

/** Loads a saved model file; the error names the file and what is wrong with it. */
export async function loadLocalClassifier(
  file: string,
): Promise<{ classifier: LocalModelClassifier; loadMs: number }> {
  const started = performance.now();
  const model = await loadModel(file);
  return { classifier: new LocalModelClassifier(model), loadMs: Math.round(performance.now() - started) };
}

export type ModelFileOutcome = 'trained' | 'current';

/**
 * Trains `trainFile` into the model file `out`. With `ifStale`, a file that loads and is newer than the
 * training data is kept, so `pnpm start` only pays for training when the data or the model format changed.
 */
export async function writeModelFile(
  trainFile: string,
  out: string,
  opts: { wordVectors: boolean; ifStale?: boolean },
): Promise<{ outcome: ModelFileOutcome; examples?: number; trainMs?: number }> {
  if (opts.ifStale && (await isCurrent(trainFile, out))) return { outcome: 'current' };
  const { model, examples, trainMs } = await trainLocalModel(trainFile, opts);
  await saveModel(model, out);
  return { outcome: 'trained', examples, trainMs };
}

async function isCurrent(trainFile: string, out: string): Promise<boolean> {
  const [data, model] = await Promise.all([stat(trainFile), stat(out).catch(() => null)]);
  if (!model || model.mtimeMs < data.mtimeMs) return false;
  // A damaged file, or one that reads text through another normaliser (or none, from before format version
  // 3), is retrained rather than trusted.
  return loadModel(out).then(
    (model) => model.parts.normaliser === NORMALISER_VERSION,
    () => false,
  );
}
