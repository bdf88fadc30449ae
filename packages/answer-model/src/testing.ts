// A model with weights written by hand, for tests whose expectations must not move when the committed model
// is retrained.
import type { ModelFile } from './format.js';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION } from './format.js';
import { AnswerModel } from './model.js';
import { SIGNAL_NAMES, SIGNALS_VERSION } from './signals.js';

/**
 * Log-odds weights on the raw signals (scale 1), bias and threshold; unnamed signals weigh 0. `mean` is an
 * average answer's signals (0 when not given): effects are measured from it, and the bias applies there.
 */
export function handModel(
  weights: Record<string, number>,
  bias: number,
  threshold: number,
  mean: Record<string, number> = {},
): AnswerModel {
  return new AnswerModel(handModelFile(weights, bias, threshold, mean));
}

export function handModelFile(
  weights: Record<string, number>,
  bias: number,
  threshold: number,
  mean: Record<string, number> = {},
): ModelFile {
  for (const name of [...Object.keys(weights), ...Object.keys(mean)])
    if (!SIGNAL_NAMES.includes(name)) throw new Error(`no answer signal named ${name}`);
  return {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    signalsVersion: SIGNALS_VERSION,
    signals: [...SIGNAL_NAMES],
    mean: SIGNAL_NAMES.map((n) => mean[n] ?? 0),
    scale: SIGNAL_NAMES.map(() => 1),
    weights: SIGNAL_NAMES.map((n) => weights[n] ?? 0),
    bias,
    platt: { a: 1, b: 0 },
    threshold,
    info: { note: 'written by hand for tests' },
  };
}
