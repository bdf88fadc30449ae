import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { describeIssues, packagePath } from './files.js';
import { intentSchema } from './taxonomy.js';
import type { Intent } from './taxonomy.js';

export type Split = 'train' | 'test';

export interface LabelledText {
  text: string;
  intent: Intent;
}

const lineSchema = z.object({ text: z.string().trim().min(1), intent: intentSchema }).strict();

export function labelledIntentsFile(split: Split): string {
  return packagePath(`intents/${split}.jsonl`);
}

/** Parses JSONL of `{"text","intent"}`; a bad line is reported with the file and its line number. */
export function parseLabelledIntents(file: string, jsonl: string): LabelledText[] {
  const rows: LabelledText[] = [];
  jsonl.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${file}:${index + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (err) {
      throw new Error(`${where}: invalid JSON: ${(err as Error).message}`);
    }
    const parsed = lineSchema.safeParse(json);
    if (!parsed.success) throw new Error(`${where}: ${describeIssues(parsed.error)}`);
    rows.push(parsed.data);
  });
  return rows;
}

/** The demo store's labelled intent set (train or test split). */
export async function loadLabelledIntents(
  split: Split,
  file: string = labelledIntentsFile(split),
): Promise<LabelledText[]> {
  return parseLabelledIntents(file, await readFile(file, 'utf8'));
}
