import { describe, expect, it } from '@jest/globals';
import { formatReport, parseKbArgs } from './kb.js';

describe('pnpm kb', () => {
  it('parses the ingest command and rejects anything else with the usage', () => {
    expect(parseKbArgs(['ingest', 'kb/', '--source', 'faq', '--kind', 'html-dir'])).toEqual({
      path: 'kb/',
      sourceId: 'faq',
      kind: 'html-dir',
    });
    expect(parseKbArgs(['ingest', 'export.json'])).toEqual({ path: 'export.json' });
    expect(() => parseKbArgs(['ingest'])).toThrow('usage: pnpm kb ingest');
    expect(() => parseKbArgs(['sync', 'x'])).toThrow('usage: pnpm kb ingest');
    expect(() => parseKbArgs(['ingest', 'x', '--kind', 'pdf'])).toThrow('--kind must be one of');
  });

  it('summarises counts and every skipped item with its reason', () => {
    const text = formatReport({
      sourceId: 'faq',
      kind: 'markdown-dir',
      revision: 3,
      articles: 2,
      chunks: { total: 5, upserted: 1, unchanged: 3, deleted: 2 },
      skipped: [{ origin: 'kb/a.md', articleId: 'a', reason: 'empty', detail: 'article has no text' }],
    });
    expect(text).toContain('chunks: 1 upserted, 3 unchanged, 2 deleted (5 in source)');
    expect(text).toContain('  - kb/a.md [a]: empty: article has no text');
  });
});
