import { describe, expect, it } from '@jest/globals';
import { Passage } from '@parley/contracts';
import type { SearchResult } from '@parley/knowledge';
import { queryFor, topScore, toPassage } from './passages.js';

const at = new Date(0).toISOString();
const result = (confidence: number, dense: number | null): SearchResult => ({
  chunk: {
    id: 'c1',
    sourceId: 'help-centre',
    articleId: 'missing-package',
    title: 'Missing package',
    url: null,
    sectionPath: ['Report it'],
    section: 'Report it',
    ordinal: 0,
    text: 'Tell us within 30 days.',
    updatedAt: null,
    contentHash: 'h',
  },
  scores: { bm25: 5.1, dense, fused: 0.03, rerank: null },
  ranks: { bm25: 1, dense: dense === null ? null : 1, fused: 1, rerank: null },
  confidence,
});

describe('queryFor', () => {
  it("joins subject, body and the customer's previous turn", () => {
    const history = [
      { turn: 1, role: 'customer' as const, body: 'My parcel is late', at },
      { turn: 1, role: 'bot' as const, body: 'Sorry to hear', at },
    ];
    expect(queryFor({ subject: 'Late', body: 'Any news?', history })).toBe(
      'Late\nAny news?\nMy parcel is late',
    );
    expect(queryFor({ body: 'Any news?', history: [] })).toBe('Any news?');
  });
});

describe('toPassage', () => {
  it('keeps every score and uses the confidence as the score', () => {
    const p = toPassage(result(0.4, 0.9));
    expect(p).toMatchObject({ chunkId: 'c1', articleId: 'missing-package', score: 0.4 });
    expect(p.scores).toEqual({ bm25: 5.1, fused: 0.03, confidence: 0.4, dense: 0.9 });
    expect(p).not.toHaveProperty('url');
    expect(Passage.safeParse(p).success).toBe(true);
    expect(toPassage(result(0.2, null)).scores).not.toHaveProperty('dense');
  });

  it('reports the best confidence, 0 when nothing matched', () => {
    expect(topScore([result(0.2, null), result(0.6, null)])).toBe(0.6);
    expect(topScore([])).toBe(0);
  });
});
