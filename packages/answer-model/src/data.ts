import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Example } from './train.js';

const Row = z.object({
  id: z.string().min(1).max(200),
  signals: z.record(z.string(), z.number().finite()),
  good: z.boolean(),
});

/** Training examples, one JSON object a line (`{"id","signals","good"}`); an error names the file and line. */
export function parseExamples(text: string, file: string): Example[] {
  const out: Example[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${i + 1}: not JSON`);
    }
    const row = Row.safeParse(raw);
    if (!row.success) {
      const issue = row.error.issues[0]!;
      throw new Error(`${file}:${i + 1}: ${issue.path.join('.') || 'row'}: ${issue.message}`);
    }
    out.push(row.data);
  });
  return out;
}

export async function readExamples(file: string): Promise<Example[]> {
  return parseExamples(await readFile(file, 'utf8'), file);
}

/** One file the examples came from, as a model file records it. */
export interface ExampleSource {
  file: string;
  /** SHA-256 of the file's bytes, so a model names exactly the data it was trained on. */
  sha256: string;
  examples: number;
}

/**
 * The examples of several files, concatenated in the order given (e.g. the golden set's dev examples and
 * its train split's). An id must be unique across them all: cross-validation deals folds by id, and the
 * same case twice would be scored by a model that had seen it.
 */
export async function readExampleFiles(
  files: readonly string[],
): Promise<{ examples: Example[]; sources: ExampleSource[] }> {
  if (files.length === 0) throw new Error('no example files given');
  const examples: Example[] = [];
  const sources: ExampleSource[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const bytes = await readFile(file);
    const own = parseExamples(bytes.toString('utf8'), file);
    for (const e of own) {
      const first = seen.get(e.id);
      if (first !== undefined) throw new Error(`${file}: example ${e.id} is also in ${first}`);
      seen.set(e.id, file);
    }
    examples.push(...own);
    sources.push({ file, sha256: createHash('sha256').update(bytes).digest('hex'), examples: own.length });
  }
  return { examples, sources };
}
