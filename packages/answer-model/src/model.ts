import type { ModelFile } from './format.js';
import { DEFAULT_MODEL_FILE, readModelFile } from './format.js';
import { logit } from './logistic.js';
import { calibrated } from './platt.js';
import type { AnswerSignals } from './signals.js';
import { SIGNALS, signalVector } from './signals.js';

/** No answer is certain: probabilities stay inside this margin, so a threshold of 1 sends nothing. */
const MARGIN = 1e-3;

export interface Contribution {
  signal: string;
  label: string;
  value: number;
  /** How far this signal moves the calibrated log-odds from an average answer's (negative: lowers p). */
  effect: number;
}

export interface Prediction {
  /** Calibrated probability that the answer, sent as it is, is right. */
  probability: number;
  /** Every signal's effect, most negative first. */
  contributions: Contribution[];
}

/** P(an auto-sent answer is right) from the turn's signals: a calibrated logistic regression. */
export class AnswerModel {
  constructor(readonly file: ModelFile) {}

  /** An id for the timeline: format, signals version and a short digest of the weights. */
  get id(): string {
    return `answer-v${this.file.formatVersion}.s${this.file.signalsVersion}.${digest(this.file)}`;
  }

  get threshold(): number {
    return this.file.threshold;
  }

  predict(signals: AnswerSignals): Prediction {
    const x = signalVector(signals);
    const m = this.file;
    const z = logit(m, x);
    const p = calibrated(m.platt, z);
    const contributions = SIGNALS.map((s, j) => ({
      signal: s.name,
      label: s.label,
      value: x[j]!,
      effect: (m.platt.a * m.weights[j]! * (x[j]! - m.mean[j]!)) / m.scale[j]!,
    })).sort((a, b) => a.effect - b.effect);
    return { probability: Math.min(Math.max(p, MARGIN), 1 - MARGIN), contributions };
  }
}

/** Loads and checks a model file; the committed one by default. */
export function loadAnswerModel(file: string = DEFAULT_MODEL_FILE): AnswerModel {
  return new AnswerModel(readModelFile(file));
}

/** FNV-1a of the numbers that decide predictions: two files predicting alike share it. */
function digest(m: ModelFile): string {
  const text = JSON.stringify([m.mean, m.scale, m.weights, m.bias, m.platt, m.threshold]);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
