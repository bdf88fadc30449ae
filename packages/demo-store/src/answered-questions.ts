import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { packagePath, parseJsonl } from './files.js';

/** A help-centre section: its article and its heading path as chunked (`Chunk.section`). */
export interface SectionRef {
  articleId: string;
  section: string;
}

/** A customer's question and the help-centre articles (and, where known, the sections) that answer it. */
export interface AnsweredQuestion {
  id: string;
  text: string;
  articles: string[];
  /** The sections of those articles holding the answer's facts; absent or empty when not known. */
  sections?: SectionRef[];
}

/**
 * The demo help centre's answered questions: the golden set's training half (`evals/golden/train.jsonl`), its
 * help-centre, store and product questions with the articles that answer them, and nothing from its dev, test
 * or calibration halves (a test in evals checks it).
 */
export const DEFAULT_ANSWERED_QUESTIONS_FILE = packagePath('answered-questions.jsonl');

const lineSchema = z
  .object({
    id: z.string().trim().min(1).max(100),
    text: z.string().trim().min(1).max(5000),
    articles: z.array(z.string().trim().min(1).max(200)).min(1).max(10),
    sections: z
      .array(
        z.object({ articleId: z.string().trim().min(1).max(200), section: z.string().max(500) }).strict(),
      )
      .max(20)
      .optional(),
  })
  .strict();

/** Parses JSONL of `{"id","text","articles","sections"?}`; a bad line is reported with the file and its line number. */
export function parseAnsweredQuestions(file: string, jsonl: string): AnsweredQuestion[] {
  return parseJsonl(file, jsonl, lineSchema);
}

export async function loadAnsweredQuestions(
  file: string = DEFAULT_ANSWERED_QUESTIONS_FILE,
): Promise<AnsweredQuestion[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`${file}: cannot read: ${(err as Error).message}`);
  }
  return parseAnsweredQuestions(file, text);
}
