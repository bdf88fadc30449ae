// The demo store's answered questions (packages/demo-store/answered-questions.jsonl), which retrieval searches
// for the articles that answered questions alike, are exactly the golden train split's and the bank's
// answerable questions: none comes from a split that measures retrieval (dev, test, calibration, fresh), and
// each names real articles.
import { describe, expect, it } from '@jest/globals';
import { loadAnsweredQuestions, loadHelpCentre } from '@parley/demo-store';
import { GOLDEN_SPLITS, loadGoldenSplit } from '../src/golden/cases.js';
import {
  answeredQuestionCases,
  answeredQuestionsFrom,
  helpCentreChunks,
} from '../src/golden/answered-questions.js';

const squeeze = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

describe('the answered questions shipped with the demo store', () => {
  it('are the train split’s and the bank’s answerable questions, as `evals/src/golden/answered-questions.ts` writes them', async () => {
    const shipped = await loadAnsweredQuestions();
    expect(shipped.length).toBeGreaterThan(500);
    expect(shipped).toEqual(answeredQuestionsFrom(await answeredQuestionCases(), await helpCentreChunks()));
    // Most name the sections holding their facts.
    expect(shipped.filter((q) => (q.sections?.length ?? 0) > 0).length).toBeGreaterThan(shipped.length / 2);
  });

  it('share no question with the splits that measure retrieval', async () => {
    const shipped = new Set((await loadAnsweredQuestions()).map((q) => squeeze(q.text)));
    for (const split of GOLDEN_SPLITS.filter((s) => s !== 'train')) {
      const cases = await loadGoldenSplit(split);
      const shared = cases.filter((c) =>
        shipped.has(squeeze(c.subject ? `${c.subject}\n${c.text}` : c.text)),
      );
      expect({ split, shared: shared.map((c) => c.id) }).toEqual({ split, shared: [] });
    }
  });

  it('name only articles of the help centre', async () => {
    const articles = new Set((await loadHelpCentre()).map((a) => a.id));
    const unknown = (await loadAnsweredQuestions()).flatMap((q) =>
      q.articles.filter((a) => !articles.has(a)),
    );
    expect(unknown).toEqual([]);
  });
});
