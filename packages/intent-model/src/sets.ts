import { fileURLToPath } from 'node:url';

/** The public intent sets shipped in this package's `data/` (source, licence and counts in data/README.md). */
export const INTENT_SETS = ['banking77', 'clinc150'] as const;
export type IntentSet = (typeof INTENT_SETS)[number];

/** Absolute path of a shipped set's split, e.g. `intentSetFile('banking77', 'train')`. */
export function intentSetFile(set: IntentSet, split: 'train' | 'val'): string {
  return fileURLToPath(new URL(`../data/${set}/${split}.jsonl`, import.meta.url));
}
