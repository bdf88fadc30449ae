import { describe, expect, it } from '@jest/globals';
import { loadHelpCentre } from '@parley/demo-store';
import type { GoldenCase } from './cases.js';
import { goldenQueries, goldenQueryText, loadGoldenRetrievalSet } from './retrieval-set.js';
import { run } from '../suites/retrieval.js';

const base: GoldenCase = {
  id: 'g-0001',
  text: 'how long do refunds take',
  channel: 'api',
  intent: 'refund_status',
  category: 'help_centre',
  accept: ['auto_sent', 'suggested'],
  articles: ['refund-timing'],
  mustContain: ['5-7 business days'],
  styles: ['terse'],
};

describe('golden retrieval set', () => {
  it('searches with the subject and body, as the retrieval service does', () => {
    expect(goldenQueryText({ text: 'where is it?', subject: 'Refund' })).toBe('Refund\nwhere is it?');
    expect(goldenQueryText({ text: 'where is it?' })).toBe('where is it?');
  });

  it('keeps help-centre cases that an article answers, with those articles', () => {
    const queries = goldenQueries([
      base,
      { ...base, id: 'g-0002', articles: [] },
      { ...base, id: 'g-0003', category: 'store_info', articles: ['support-hours'] },
      { ...base, id: 'g-0004', subject: 'Returns', articles: ['returns-policy', 'start-a-return'] },
    ]);
    expect(queries).toEqual([
      { text: 'how long do refunds take', relevant_ids: ['refund-timing'] },
      { text: 'Returns\nhow long do refunds take', relevant_ids: ['returns-policy', 'start-a-return'] },
    ]);
  });

  it('builds the dev split over the demo help centre', async () => {
    const [set, articles] = await Promise.all([loadGoldenRetrievalSet('dev'), loadHelpCentre()]);
    expect(set.kb.map((a) => a.id)).toEqual(articles.map((a) => a.id));
    expect(set.queries.length).toBeGreaterThan(50);
    const ids = new Set(set.kb.map((a) => a.id));
    for (const q of set.queries) for (const id of q.relevant_ids) expect(ids.has(id)).toBe(true);
  });

  it('refuses the frozen test split and unknown splits', async () => {
    for (const golden of ['test', 'holdout'])
      await expect(run({ options: { golden }, positional: [], json: true })).rejects.toThrow(
        `--golden must be train or dev, got ${golden}`,
      );
  });
});
