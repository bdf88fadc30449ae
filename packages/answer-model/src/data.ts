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
