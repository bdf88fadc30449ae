import { readFileSync } from 'node:fs';

export interface PiiCorpusLine {
  text: string;
  /** Substrings that must not survive redaction. */
  pii: string[];
  /** Substrings that must survive it (order ids, amounts, dates). */
  keep: string[];
}

/** Realistic lines carrying personal data in many formats (`test/corpus.jsonl`), for tests of anything that redacts. */
export function loadPiiCorpus(): PiiCorpusLine[] {
  const raw = readFileSync(new URL('../test/corpus.jsonl', import.meta.url), 'utf8');
  return raw
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as PiiCorpusLine);
}
