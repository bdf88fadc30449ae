// Training: a logistic regression on the signals, calibrated by Platt scaling on scores it did not see
// (inner cross-validation), and the auto-send threshold chosen from scores of models that did not see the
// answers they score (outer cross-validation). The outer scores are also what the calibration is reported on:
// figures of the training fit itself would flatter the model.
import { createHash } from 'node:crypto';
import type { ModelFile } from './format.js';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION } from './format.js';
import type { FitOptions, LinearFit } from './logistic.js';
import { DEFAULT_FIT, fitLogistic, logit } from './logistic.js';
import type { Calibration, OperatingPoint, Scored } from './metrics.js';
import { calibration, chooseThreshold, operatingPoint } from './metrics.js';
import type { Platt } from './platt.js';
import { calibrated, fitPlatt } from './platt.js';
import type { AnswerSignals } from './signals.js';
import { SIGNAL_NAMES, SIGNALS, SIGNALS_VERSION, signalVector } from './signals.js';

/** One answer the product drafted and that was graded: its signals and whether it was right. */
export interface Example {
  /** Stable id (the golden case's): folds are assigned from it, so training is repeatable. */
  id: string;
  signals: AnswerSignals;
  good: boolean;
}

export interface TrainOptions extends FitOptions {
  folds: number;
  /** Most wrong answers per answer sent that the threshold may let through (on cross-validated scores). */
  targetBadRate: number;
}

export const DEFAULT_TRAIN: TrainOptions = { ...DEFAULT_FIT, folds: 5, targetBadRate: 0.01 };

interface Rows {
  x: number[][];
  y: number[];
}

const DIRECTIONS = SIGNALS.map((s) => s.direction);

/**
 * Stratified folds: the examples of each outcome, in id order, dealt round-robin. Deterministic, and every
 * fold holds right and wrong answers in the same proportion.
 */
export function foldsOf(ids: readonly string[], labels: readonly number[], k: number): number[] {
  const fold = new Array<number>(ids.length).fill(0);
  for (const label of [0, 1]) {
    const members = ids
      .map((id, i) => ({ id, i }))
      .filter((e) => labels[e.i] === label)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.i - b.i));
    members.forEach((e, r) => (fold[e.i] = r % k));
  }
  return fold;
}

function subset(rows: Rows, keep: (i: number) => boolean): Rows & { index: number[] } {
  const index = rows.y.map((_, i) => i).filter(keep);
  return { x: index.map((i) => rows.x[i]!), y: index.map((i) => rows.y[i]!), index };
}

/** A calibrated fit: the regression on all of `rows`, Platt scaling on its own out-of-fold scores. */
function fitCalibrated(
  rows: Rows,
  ids: readonly string[],
  opts: TrainOptions,
): { fit: LinearFit; platt: Platt } {
  const folds = foldsOf(ids, rows.y, opts.folds);
  const z = new Array<number>(rows.y.length);
  for (let f = 0; f < opts.folds; f++) {
    const train = subset(rows, (i) => folds[i] !== f);
    const held = subset(rows, (i) => folds[i] === f);
    if (held.index.length === 0) continue;
    const fit = fitLogistic(train.x, train.y, DIRECTIONS, opts);
    held.index.forEach((i) => (z[i] = logit(fit, rows.x[i]!)));
  }
  return { fit: fitLogistic(rows.x, rows.y, DIRECTIONS, opts), platt: fitPlatt(z, rows.y) };
}

/** Out-of-fold calibrated probabilities: each example scored by a model trained and calibrated without it. */
export function crossValidated(examples: readonly Example[], opts: TrainOptions = DEFAULT_TRAIN): Scored[] {
  const rows = toRows(examples);
  const ids = examples.map((e) => e.id);
  const folds = foldsOf(ids, rows.y, opts.folds);
  const scored = new Array<Scored>(examples.length);
  for (let f = 0; f < opts.folds; f++) {
    const train = subset(rows, (i) => folds[i] !== f);
    const { fit, platt } = fitCalibrated(
      train,
      train.index.map((i) => ids[i]!),
      opts,
    );
    for (let i = 0; i < examples.length; i++)
      if (folds[i] === f) scored[i] = { p: calibrated(platt, logit(fit, rows.x[i]!)), good: rows.y[i]! };
  }
  return scored;
}

function toRows(examples: readonly Example[]): Rows {
  return { x: examples.map((e) => signalVector(e.signals)), y: examples.map((e) => (e.good ? 1 : 0)) };
}

export interface TrainReport {
  examples: number;
  good: number;
  crossValidated: Calibration & { atThreshold: OperatingPoint };
  trainingFit: Calibration & { atThreshold: OperatingPoint };
}

/** Trains the model file from graded examples (at least one right and one wrong answer). */
export function trainAnswerModel(
  examples: readonly Example[],
  opts: TrainOptions = DEFAULT_TRAIN,
  source: Record<string, unknown> = {},
): { model: ModelFile; report: TrainReport } {
  const good = examples.filter((e) => e.good).length;
  if (good === 0 || good === examples.length)
    throw new Error(`need right and wrong answers to train on (got ${good} right of ${examples.length})`);
  const outer = crossValidated(examples, opts);
  const point = chooseThreshold(outer, opts.targetBadRate);
  const rows = toRows(examples);
  const { fit, platt } = fitCalibrated(
    rows,
    examples.map((e) => e.id),
    opts,
  );
  const fitted = rows.x.map((x, i) => ({ p: calibrated(platt, logit(fit, x)), good: rows.y[i]! }));
  const report: TrainReport = {
    examples: examples.length,
    good,
    crossValidated: { ...calibration(outer), atThreshold: point },
    trainingFit: { ...calibration(fitted), atThreshold: operatingPoint(fitted, point.threshold) },
  };
  const model: ModelFile = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    signalsVersion: SIGNALS_VERSION,
    signals: [...SIGNAL_NAMES],
    mean: fit.mean.map(r6),
    scale: fit.scale.map(r6),
    weights: fit.weights.map(r6),
    bias: r6(fit.bias),
    platt: { a: r6(platt.a), b: r6(platt.b) },
    // Rounded down, so the answer the threshold was drawn at still clears it.
    threshold: Math.floor(point.threshold * 1e6) / 1e6,
    info: {
      ...source,
      dataSha256: digestOf(examples),
      options: { ...opts },
      ...report,
    },
  };
  return { model, report };
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

function digestOf(examples: readonly Example[]): string {
  const h = createHash('sha256');
  for (const e of examples) h.update(`${JSON.stringify(e)}\n`);
  return h.digest('hex');
}
