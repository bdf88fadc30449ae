// The model file: JSON, small enough to read in a diff. `format` and `formatVersion` name the layout,
// `signalsVersion` and `signals` the inputs it was trained on; a file of another layout, another signal
// list or another version of the signals is refused with an error naming the file, never read as if it fit.
import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SIGNAL_NAMES, SIGNALS_VERSION } from './signals.js';

export const MODEL_FORMAT = 'parley-answer-model';
export const MODEL_FORMAT_VERSION = 1;

/** The committed model the gate loads unless told otherwise (trained on the golden set's dev half). */
export const DEFAULT_MODEL_FILE = fileURLToPath(new URL('../models/answer-gate.json', import.meta.url));

const finite = z.number().finite();

export const ModelFile = z.object({
  format: z.literal(MODEL_FORMAT),
  formatVersion: z.number().int(),
  signalsVersion: z.number().int(),
  signals: z.array(z.string()),
  mean: z.array(finite),
  scale: z.array(finite.positive()),
  weights: z.array(finite),
  bias: finite,
  platt: z.object({ a: finite.positive(), b: finite }),
  /** Auto-send at or above this calibrated probability (chosen by cross-validation, see `info.threshold`). */
  threshold: z.number().min(0).max(1),
  /** How it was trained and how well it did under cross-validation; read by people, not by the gate. */
  info: z.record(z.string(), z.unknown()),
});
export type ModelFile = z.infer<typeof ModelFile>;

/** Checks a parsed file against this code: layout, signal list and sizes. */
export function checkModelFile(raw: unknown, file: string): ModelFile {
  const head = raw as { format?: unknown; formatVersion?: unknown; signalsVersion?: unknown } | null;
  if (head?.format !== MODEL_FORMAT) throw new Error(`${file}: not an answer model file`);
  if (head.formatVersion !== MODEL_FORMAT_VERSION)
    throw new Error(
      `${file}: answer model format version ${String(head.formatVersion)} is not supported by this code (expected ${MODEL_FORMAT_VERSION}); retrain the model`,
    );
  if (head.signalsVersion !== SIGNALS_VERSION)
    throw new Error(
      `${file}: answer model reads signals version ${String(head.signalsVersion)}, this code computes version ${SIGNALS_VERSION}; retrain the model`,
    );
  const parsed = ModelFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: answer model ${issue.path.join('.') || 'file'}: ${issue.message}`);
  }
  const m = parsed.data;
  if (m.signals.join(',') !== SIGNAL_NAMES.join(','))
    throw new Error(
      `${file}: answer model signals (${m.signals.join(', ')}) are not this code's (${SIGNAL_NAMES.join(', ')}); retrain the model`,
    );
  const dims = SIGNAL_NAMES.length;
  if (m.mean.length !== dims || m.scale.length !== dims || m.weights.length !== dims)
    throw new Error(`${file}: answer model arrays do not match its ${dims} signals`);
  return m;
}

/** Reads and checks a model file (synchronously: the gate loads it once, while reading its config). */
export function readModelFile(file: string): ModelFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(
      `${file}: cannot read answer model (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`${file}: answer model is not valid JSON`);
  }
  return checkModelFile(raw, file);
}

/** Writes atomically, so a gate starting mid-retrain never reads half a file. */
export async function writeModelFile(model: ModelFile, file: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(model, null, 2)}\n`, 'utf8');
  await rename(tmp, file);
}
