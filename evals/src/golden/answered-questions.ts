// `pnpm exec tsx evals/src/golden/answered-questions.ts`: writes the demo store's answered questions
// (packages/demo-store/answered-questions.jsonl) from the golden set's train split: its help-centre, store and
// product questions with the articles that answer them. Only the train split: the dev half, the test half and
// the calibration split measure retrieval with them, so none of their questions may be among them.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AnsweredQuestion } from '@parley/demo-store';
import { DEFAULT_ANSWERED_QUESTIONS_FILE } from '@parley/demo-store';
import type { Category, GoldenCase } from './cases.js';
import { loadGoldenSplit } from './cases.js';

const ANSWERABLE: ReadonlySet<Category> = new Set(['help_centre', 'store_info', 'product']);

/** The questions an article answers, as retrieval searches them (the subject above the body). */
export function answeredQuestionsFrom(cases: readonly GoldenCase[]): AnsweredQuestion[] {
  return cases
    .filter((c) => ANSWERABLE.has(c.category) && c.articles.length > 0)
    .map((c) => ({
      id: c.id,
      text: c.subject ? `${c.subject}\n${c.text}` : c.text,
      articles: [...c.articles],
    }));
}

export function answeredQuestionsJsonl(questions: readonly AnsweredQuestion[]): string {
  return questions.map((q) => JSON.stringify(q)).join('\n') + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const questions = answeredQuestionsFrom(await loadGoldenSplit('train'));
  await writeFile(DEFAULT_ANSWERED_QUESTIONS_FILE, answeredQuestionsJsonl(questions));
  console.log(`wrote ${questions.length} questions to ${DEFAULT_ANSWERED_QUESTIONS_FILE}`);
}
