import { describe, it, expect } from '@jest/globals';
import { loadHelpCentre } from './help-centre.js';
import {
  assembleRetrievalSet,
  buildRetrievalSet,
  loadRetrievalQueries,
  loadRetrievalSet,
} from './retrieval-set.js';

const words = (text: string): string[] => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

describe('retrieval set', () => {
  it('is in sync with the help centre and the hand-written queries', async () => {
    expect(await loadRetrievalSet()).toEqual(await buildRetrievalSet());
  });

  it('uses the whole help centre as kb, bodies without front matter', async () => {
    const [set, articles] = await Promise.all([loadRetrievalSet(), loadHelpCentre()]);
    expect(set.kb.map((d) => d.id)).toEqual(articles.map((a) => a.id));
    for (const doc of set.kb) expect(doc.body.startsWith('## ')).toBe(true);
  });

  it('has at least 150 queries and 3 to 8 per article', async () => {
    const set = await loadRetrievalSet();
    expect(set.queries.length).toBeGreaterThanOrEqual(150);
    const perArticle = new Map(set.kb.map((d) => [d.id, 0]));
    for (const q of set.queries)
      for (const id of q.relevant_ids) perArticle.set(id, (perArticle.get(id) ?? 0) + 1);
    const outOfRange = [...perArticle].filter(([, n]) => n < 3 || n > 8);
    expect(outOfRange).toEqual([]);
  });

  it('phrases queries in customers’ words: no four-word run copied from a relevant article', async () => {
    const set = await loadRetrievalSet();
    const bodies = new Map(set.kb.map((d) => [d.id, ` ${words(`${d.title} ${d.body}`).join(' ')} `]));
    const copied = set.queries.flatMap((q) => {
      const w = words(q.text);
      const runs = w.slice(0, Math.max(0, w.length - 3)).map((_, i) => w.slice(i, i + 4).join(' '));
      return q.relevant_ids.flatMap((id) =>
        runs.filter((run) => bodies.get(id)?.includes(` ${run} `)).map((run) => `${q.text} ~ ${id}: ${run}`),
      );
    });
    expect(copied).toEqual([]);
  });

  it('has no duplicate queries', async () => {
    const queries = await loadRetrievalQueries();
    expect(new Set(queries.map((q) => words(q.text).join(' '))).size).toBe(queries.length);
  });

  it('rejects a query naming an article that does not exist', async () => {
    const articles = await loadHelpCentre();
    expect(() =>
      assembleRetrievalSet(articles, [{ text: 'where is my parcel', relevant_ids: ['no-such-article'] }]),
    ).toThrow('retrieval set: queries.0.relevant_ids.0: unknown document "no-such-article"');
  });
});
