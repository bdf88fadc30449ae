import { OUT_OF_SCOPE, type Example } from './data.js';
import { accuracy, auroc, expectedCalibrationError, macroF1, percentile } from './metrics.js';
import type { IntentModel } from './model.js';
import { thresholdForAccuracy } from './novelty.js';

export interface RouterMetrics {
  n: number;
  /** Argmax over the trained classes (out_of_scope included when trained) against the gold label. */
  accuracy: number;
  macroF1: number;
  /** Of the calibrated argmax probability, 15 equal-width bins. */
  ece: number;
  /** The same with temperature 1, to show what calibration buys. */
  eceUncalibrated: number;
  /** In-scope against out-of-scope by the acceptance score; null when the test set has no out-of-scope query. */
  auroc: number | null;
  /** At the model's operating point: in-scope queries accepted with the right intent. */
  inScopeAccuracy: number;
  oosRecall: number | null;
  oosPrecision: number | null;
  /** Share of test accepted at the threshold that gave 95% accepted accuracy on validation. */
  coverageAt95: number;
  /** Accuracy of the test queries accepted at that threshold. */
  acceptedAccuracyAt95: number | null;
  p50Ms: number;
  p99Ms: number;
}

/** Scores `test`; every threshold comes from the model (fitted on validation) or from `val` here, never from test. */
export function evaluateRouter(model: IntentModel, val: Example[], test: Example[]): RouterMetrics {
  const threshold95 = coverageThreshold(model, val, 0.95);
  const raw = test.map((e) => model.logits(e.text));
  const analyses = raw.map((r) =>
    model.analyseLogits(r.logits, r.sentence, model.parts.temperature, model.parts.centroidWeight),
  );
  const uncalibrated = raw.map((r) =>
    model.analyseLogits(r.logits, r.sentence, 1, model.parts.centroidWeight),
  );
  // Timed after the scoring pass above, which warms the code paths and lets training garbage be collected.
  const latencies: number[] = [];
  for (const e of test) {
    const t = performance.now();
    model.predict(e.text);
    latencies.push(performance.now() - t);
  }
  const gold = test.map((e) => e.intent);
  const isOos = gold.map((g) => g === OUT_OF_SCOPE);
  const argmaxLabels = analyses.map((a) => model.intents[a.argmax]!);
  const rejected = analyses.map((a) => a.score < model.parts.rejectThreshold);
  const acceptedRight = analyses.map((a, i) => !rejected[i] && model.intents[a.top] === gold[i]);
  const nOos = isOos.filter(Boolean).length;
  const nIn = test.length - nOos;
  const nRejected = rejected.filter(Boolean).length;
  const accepted95 = analyses.map((a) => a.score >= threshold95);
  const nAccepted95 = accepted95.filter(Boolean).length;
  return {
    n: test.length,
    accuracy: accuracy(argmaxLabels, gold),
    macroF1: macroF1(argmaxLabels, gold),
    ece: expectedCalibrationError(
      analyses.map((a) => a.probs[a.argmax]!),
      argmaxLabels.map((l, i) => l === gold[i]),
    ),
    eceUncalibrated: expectedCalibrationError(
      uncalibrated.map((a) => a.probs[a.argmax]!),
      argmaxLabels.map((l, i) => l === gold[i]),
    ),
    auroc:
      nOos > 0 && nIn > 0
        ? auroc(
            analyses.map((a) => a.score),
            isOos.map((o) => !o),
          )
        : null,
    inScopeAccuracy: nIn === 0 ? 0 : acceptedRight.filter((r, i) => r && !isOos[i]).length / nIn,
    oosRecall: nOos === 0 ? null : rejected.filter((r, i) => r && isOos[i]).length / nOos,
    oosPrecision:
      nOos === 0 || nRejected === 0 ? null : rejected.filter((r, i) => r && isOos[i]).length / nRejected,
    coverageAt95: nAccepted95 / test.length,
    acceptedAccuracyAt95:
      nAccepted95 === 0
        ? null
        : analyses.filter((a, i) => accepted95[i] && model.intents[a.top] === gold[i]).length / nAccepted95,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
  };
}

/** Lowest acceptance score at which validation queries accepted are right at least `target` of the time. */
export function coverageThreshold(model: IntentModel, val: Example[], target: number): number {
  const analyses = val.map((e) => model.analyse(e.text));
  return thresholdForAccuracy(
    analyses.map((a) => a.score),
    analyses.map((a, i) => model.intents[a.top] === val[i]!.intent),
    target,
  );
}
