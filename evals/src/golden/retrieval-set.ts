// The golden set's help-centre questions as a retrieval set: the demo help centre as the kb, each
// help-centre case with the articles that answer it as a query. Retrieval is then measured on questions
// written the way customers write, apart from routing and the answer gate (`evals retrieval --golden dev`).
import { loadHelpCentre } from '@parley/demo-store';
import type { RetrievalSet } from '../suites/retrieval.js';
import type { GoldenCase, GoldenSplit } from './cases.js';
import { loadGoldenSplit } from './cases.js';

/** The splits retrieval may be measured on: the frozen test half is only ever run end to end, once. */
export const RETRIEVAL_GOLDEN_SPLITS = ['train', 'dev'] as const satisfies readonly GoldenSplit[];

/** What the retrieval service searches with for a first turn: subject and body (`queryFor`). */
export function goldenQueryText(c: Pick<GoldenCase, 'subject' | 'text'>): string {
  return [c.subject, c.text].filter(Boolean).join('\n');
}

/** Help-centre cases that some article answers, as queries over `kb`. */
export function goldenQueries(cases: readonly GoldenCase[]): RetrievalSet['queries'] {
  return cases
    .filter((c) => c.category === 'help_centre' && c.articles.length > 0)
    .map((c) => ({ text: goldenQueryText(c), relevant_ids: [...c.articles] }));
}

export async function loadGoldenRetrievalSet(
  split: (typeof RETRIEVAL_GOLDEN_SPLITS)[number],
): Promise<RetrievalSet> {
  const [articles, cases] = await Promise.all([loadHelpCentre(), loadGoldenSplit(split)]);
  return {
    kb: articles.map((a) => ({ id: a.id, title: a.title, body: a.markdown })),
    queries: goldenQueries(cases),
  };
}
