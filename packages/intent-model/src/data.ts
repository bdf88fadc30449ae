import { readFile } from 'node:fs/promises';
import { mulberry32, shuffleInPlace } from './rng.js';

export interface Example {
  text: string;
  intent: string;
}

/** The label that marks a query outside every intent. */
export const OUT_OF_SCOPE = 'out_of_scope';

export class DataError extends Error {}

/** Parses `{"text","intent"}` JSONL; every problem names the file and the 1-based line. Blank lines are skipped. */
export function parseJsonl(content: string, file: string): Example[] {
  const examples: Example[] = [];
  const lines = content.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const where = `${file}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new DataError(`${where}: not valid JSON`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new DataError(`${where}: expected a JSON object`);
    const { text, intent } = value as Record<string, unknown>;
    if (typeof text !== 'string' || text.trim() === '')
      throw new DataError(`${where}: missing or empty string field "text"`);
    if (typeof intent !== 'string' || intent.trim() === '')
      throw new DataError(`${where}: missing or empty string field "intent"`);
    examples.push({ text, intent });
  });
  if (examples.length === 0) throw new DataError(`${file}: no examples (empty file)`);
  return examples;
}

export async function readJsonl(file: string): Promise<Example[]> {
  const content = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new DataError(`${file}: cannot read (${err.code ?? err.message})`);
  });
  return parseJsonl(content, file);
}

/**
 * Splits `examples` into (rest, held) with about `fraction` of each intent held out, by a seeded shuffle.
 * Used to choose hyper-parameters on a dev split of the training data so validation stays unseen.
 */
export function stratifiedSplit(
  examples: Example[],
  fraction: number,
  seed = 1,
): { rest: Example[]; held: Example[] } {
  if (!(fraction > 0 && fraction < 1)) throw new Error(`split fraction must be in (0, 1), got ${fraction}`);
  const byIntent = new Map<string, number[]>();
  examples.forEach((e, i) => {
    const list = byIntent.get(e.intent) ?? [];
    list.push(i);
    byIntent.set(e.intent, list);
  });
  const random = mulberry32(seed);
  const held = new Uint8Array(examples.length);
  for (const intent of [...byIntent.keys()].sort()) {
    const list = byIntent.get(intent)!;
    shuffleInPlace(list, random);
    const k = Math.round(fraction * list.length);
    for (let j = 0; j < k; j++) held[list[j]!] = 1;
  }
  return {
    rest: examples.filter((_, i) => !held[i]),
    held: examples.filter((_, i) => held[i]),
  };
}

/**
 * Holds out every `every`-th example of each intent, in file order: the same split on every machine, every
 * intent on both sides. The router calibrates its model on it, and `evals router --holdout` reproduces it.
 */
export function holdOutEvery(
  examples: readonly Example[],
  every: number,
): { rest: Example[]; held: Example[] } {
  if (!(Number.isInteger(every) && every >= 2))
    throw new Error(`hold-out step must be an integer >= 2, got ${every}`);
  const seen = new Map<string, number>();
  const rest: Example[] = [];
  const held: Example[] = [];
  for (const e of examples) {
    const n = seen.get(e.intent) ?? 0;
    seen.set(e.intent, n + 1);
    (n % every === every - 1 ? held : rest).push(e);
  }
  return { rest, held };
}
