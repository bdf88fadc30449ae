import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { packagePath, parseJsonl } from './files.js';
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
  return parseJsonl(file, jsonl, lineSchema);
}

/** The demo store's labelled intent set (train or test split). */
export async function loadLabelledIntents(
  split: Split,
  file: string = labelledIntentsFile(split),
): Promise<LabelledText[]> {
  return parseLabelledIntents(file, await readFile(file, 'utf8'));
}
