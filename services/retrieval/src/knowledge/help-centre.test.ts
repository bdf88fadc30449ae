import { describe, expect, it } from '@jest/globals';
import { DEFAULT_HELP_CENTRE_DIR, loadHelpCentre } from '@parley/demo-store';
import { HELP_CENTRE_SOURCE, ingestHelpCentre } from './help-centre.js';

describe('ingestHelpCentre', () => {
  it('chunks every demo article, titles with colons included, with stable ids', async () => {
    const articles = await loadHelpCentre();
    const first = await ingestHelpCentre(DEFAULT_HELP_CENTRE_DIR);
    expect(first.summary.skipped).toEqual([]);
    expect(new Set(first.chunks.map((c) => c.articleId)).size).toBe(articles.length);
    expect(first.chunks.every((c) => c.sourceId === HELP_CENTRE_SOURCE)).toBe(true);
    const gift = first.chunks.find((c) => c.articleId === 'gift-cards')!;
    expect(gift.title).toBe(articles.find((a) => a.id === 'gift-cards')!.title);
    expect(gift.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const again = await ingestHelpCentre(DEFAULT_HELP_CENTRE_DIR);
    expect(again.chunks.map((c) => [c.id, c.contentHash])).toEqual(
      first.chunks.map((c) => [c.id, c.contentHash]),
    );
  });
});
