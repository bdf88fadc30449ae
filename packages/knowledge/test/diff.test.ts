import { describe, expect, it } from '@jest/globals';
import { diffChunks, ingestArticles } from '../src/index.js';
import type { Article, IngestResult } from '../src/index.js';

const article = (id: string, html: string, title = `Title ${id}`): Article => ({
  id,
  title,
  url: null,
  updatedAt: '2024-01-01T00:00:00.000Z',
  html,
  origin: id,
});

describe('diffChunks', () => {
  const v1 = ingestArticles('kb', [
    article('a', '<h2>One</h2><p>alpha</p><h2>Two</h2><p>beta</p>'),
    article('b', '<p>gamma</p>'),
  ]);
  const other = ingestArticles('other', [article('z', '<p>zeta</p>')]);
  const stored = [...v1.chunks, ...other.chunks];

  it('reports a re-ingest of identical content as unchanged', () => {
    const again = ingestArticles('kb', [
      article('a', '<h2>One</h2><p>alpha</p><h2>Two</h2><p>beta</p>'),
      article('b', '<p>gamma</p>'),
    ]);
    expect(diffChunks(stored, again)).toEqual({
      upserted: [],
      unchanged: v1.chunks.map((c) => c.id),
      deleted: [],
    });
  });

  it('upserts edited and new sections, deletes vanished ones, and never touches other sources', () => {
    const v2 = ingestArticles('kb', [
      article('a', '<h2>One</h2><p>alpha edited</p><h2>Three</h2><p>delta</p>'),
    ]);
    const diff = diffChunks(stored, v2);
    expect(diff.upserted.map((c) => [c.articleId, c.section, c.text])).toEqual([
      ['a', 'One', 'alpha edited'],
      ['a', 'Three', 'delta'],
    ]);
    expect(diff.unchanged).toEqual([]);
    const gone = stored.filter((c) => diff.deleted.includes(c.id)).map((c) => `${c.articleId}/${c.section}`);
    expect(gone.sort()).toEqual(['a/Two', 'b/']);
    expect(diff.deleted).not.toContain(other.chunks[0]!.id);
  });

  it('ignores an updated_at-only change but not a title change', () => {
    const touched = ingestArticles('kb', [
      {
        ...article('a', '<h2>One</h2><p>alpha</p><h2>Two</h2><p>beta</p>'),
        updatedAt: '2025-01-01T00:00:00.000Z',
      },
      article('b', '<p>gamma</p>', 'Renamed'),
    ]);
    const diff = diffChunks(stored, touched);
    expect(diff.upserted.map((c) => c.articleId)).toEqual(['b']);
    expect(diff.unchanged).toHaveLength(2);
  });

  it('keeps stored chunks of an article that failed to parse this time', () => {
    const broken: IngestResult = ingestArticles(
      'kb',
      [article('a', '<h2>One</h2><p>alpha</p><h2>Two</h2><p>beta</p>')],
      {},
      [{ origin: 'b.md', articleId: 'b', reason: 'invalid', detail: 'b.md (line 2): bad front matter' }],
    );
    expect(diffChunks(stored, broken).deleted).toEqual([]);
    const removed = ingestArticles(
      'kb',
      [article('a', '<h2>One</h2><p>alpha</p><h2>Two</h2><p>beta</p>')],
      {},
      [{ origin: 'b', articleId: 'b', reason: 'draft', detail: 'unpublished draft' }],
    );
    expect(diffChunks(stored, removed).deleted).toEqual(
      v1.chunks.filter((c) => c.articleId === 'b').map((c) => c.id),
    );
  });

  it('rejects chunks from another source', () => {
    expect(() => diffChunks(stored, { ...other, sourceId: 'kb' })).toThrow(/belongs to other, not kb/);
  });
});
