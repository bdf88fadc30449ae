// `pnpm exec tsx evals/src/golden/answered-questions.ts`: writes the demo store's answered questions
// (packages/demo-store/answered-questions.jsonl) from the golden set's train split and its bank
// (`evals/golden/bank.jsonl`): their help-centre, store and product questions with the articles that answer
// them, and the sections of those articles that hold their expected facts (as the help centre is chunked for
// retrieval). Only those two: the dev half, the test half, the calibration and the fresh split measure
// retrieval with them, so none of their questions may be among them.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AnsweredQuestion, SectionRef } from '@parley/demo-store';
import { DEFAULT_ANSWERED_QUESTIONS_FILE, DEFAULT_HELP_CENTRE_DIR, loadHelpCentre } from '@parley/demo-store';
import type { ChunkRecord } from '@parley/knowledge';
import { ingestArticles, markdownArticleWith } from '@parley/knowledge';
import type { Category, GoldenCase } from './cases.js';
import { loadGoldenBank, loadGoldenSplit } from './cases.js';
import { foundFact } from './grade.js';

const ANSWERABLE: ReadonlySet<Category> = new Set(['help_centre', 'store_info', 'product']);

/** The demo help centre chunked as retrieval ingests it (the same renderer and section paths). */
export async function helpCentreChunks(dir: string = DEFAULT_HELP_CENTRE_DIR): Promise<ChunkRecord[]> {
  const articles = (await loadHelpCentre(dir)).map((a) =>
    markdownArticleWith(a.markdown, { ...a, origin: `${dir}/${a.id}.md` }),
  );
  return ingestArticles('help-centre', articles).chunks;
}

/** The sections of the case's articles that hold one of its expected facts, in the help centre's order. */
function sectionsFor(c: GoldenCase, chunks: readonly ChunkRecord[]): SectionRef[] {
  const found: SectionRef[] = [];
  for (const chunk of chunks) {
    if (!c.articles.includes(chunk.articleId) || !foundFact(chunk.text, c.mustContain)) continue;
    if (!found.some((s) => s.articleId === chunk.articleId && s.section === chunk.section))
      found.push({ articleId: chunk.articleId, section: chunk.section });
  }
  return found;
}

/** The cases the answered questions come from: the train split's, then the bank's. */
export async function answeredQuestionCases(): Promise<GoldenCase[]> {
  const [train, bank] = await Promise.all([loadGoldenSplit('train'), loadGoldenBank()]);
  return [...train, ...bank];
}

/** The questions an article answers, as retrieval searches them (the subject above the body). */
export function answeredQuestionsFrom(
  cases: readonly GoldenCase[],
  chunks: readonly ChunkRecord[],
): AnsweredQuestion[] {
  return cases
    .filter((c) => ANSWERABLE.has(c.category) && c.articles.length > 0)
    .map((c) => {
      const sections = sectionsFor(c, chunks);
      return {
        id: c.id,
        text: c.subject ? `${c.subject}\n${c.text}` : c.text,
        articles: [...c.articles],
        ...(sections.length > 0 ? { sections } : {}),
      };
    });
}

export function answeredQuestionsJsonl(questions: readonly AnsweredQuestion[]): string {
  return questions.map((q) => JSON.stringify(q)).join('\n') + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const questions = answeredQuestionsFrom(await answeredQuestionCases(), await helpCentreChunks());
  await writeFile(DEFAULT_ANSWERED_QUESTIONS_FILE, answeredQuestionsJsonl(questions));
  console.log(`wrote ${questions.length} questions to ${DEFAULT_ANSWERED_QUESTIONS_FILE}`);
}
