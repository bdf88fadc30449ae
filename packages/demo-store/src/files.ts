import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';

/** Absolute path of a file shipped in this package (data, help centre, labelled sets). */
export function packagePath(relative: string): string {
  return fileURLToPath(new URL(`../${relative}`, import.meta.url));
}

/** Reads and parses a JSON file; a missing file or a syntax error names the file. */
export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`${file}: cannot read: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`${file}: invalid JSON: ${(err as Error).message}`);
  }
}

/** "path.to.field: message; ..." without echoing the offending values. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

/** Parses JSONL, one `schema` object a line (blank lines skipped); a bad line is named by file and line number. */
export function parseJsonl<T>(file: string, jsonl: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>): T[] {
  const rows: T[] = [];
  jsonl.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${file}:${index + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (err) {
      throw new Error(`${where}: invalid JSON: ${(err as Error).message}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new Error(`${where}: ${describeIssues(parsed.error)}`);
    rows.push(parsed.data);
  });
  return rows;
}
