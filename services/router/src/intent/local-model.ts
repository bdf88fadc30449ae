import type { Example, IntentModel } from '@parley/intent-model';
import { OUT_OF_SCOPE, readJsonl, trainIntentModel } from '@parley/intent-model';
import { loadWordVectors } from '@parley/word-vectors';
import type { IntentClassifier, IntentResult } from './classifier.js';

/** The trained local intent model behind the classifier interface. */
export class LocalModelClassifier implements IntentClassifier {
  readonly kind = 'local-model' as const;
  readonly local = true;

  constructor(private readonly model: IntentModel) {}

  async classify(text: string): Promise<IntentResult> {
    const p = this.model.predict(text, { topK: 1 });
    return p.outOfScope
      ? { intent: OUT_OF_SCOPE, confidence: p.confidence, outOfScope: true }
      : { intent: p.intent, confidence: p.confidence, outOfScope: false };
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
  const seen = new Map<string, number>();
  const train: Example[] = [];
  const val: Example[] = [];
  for (const e of examples) {
    const n = seen.get(e.intent) ?? 0;
    seen.set(e.intent, n + 1);
    (n % every === every - 1 ? val : train).push(e);
  }
  return { train, val };
}

export interface TrainedClassifier {
  classifier: LocalModelClassifier;
  examples: number;
  /** Wall time of loading the word vectors and training, for the start-up log. */
  trainMs: number;
}

/** Trains the local model from a labelled JSONL file (about two seconds for the demo set, so no cache). */
export async function trainLocalClassifier(
  trainFile: string,
  opts: { wordVectors: boolean },
): Promise<TrainedClassifier> {
  const started = performance.now();
  const examples = await readJsonl(trainFile);
  const { train, val } = splitForValidation(examples);
  const vectors = opts.wordVectors ? await loadWordVectors() : undefined;
  const model = trainIntentModel(train, val, vectors, opts.wordVectors ? {} : { sifScale: 0 });
  return {
    classifier: new LocalModelClassifier(model),
    examples: examples.length,
    trainMs: Math.round(performance.now() - started),
  };
}
