import { describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HybridIndex, groupByArticle, ingestArticles, loadWordNet } from '../src/index.js';
import type { Thesaurus } from '../src/index.js';

const wordnet = await loadWordNet();
const all = { pos: ['noun', 'verb', 'adj'] as const, senses: 2, hypernyms: false };

describe('WordNet reader', () => {
  it('finds base forms of inflected words by the detachment rules', () => {
    expect(wordnet.baseForms('parcels', 'noun')).toContain('parcel');
    expect(wordnet.baseForms('cancelled', 'verb')).toContain('cancel');
    expect(wordnet.baseForms('stopped', 'verb')).toContain('stop');
  });

  it('returns single-word synonyms of the most frequent senses and, on request, hypernyms', () => {
    const synonyms = wordnet.related('purchase', { ...all, pos: ['verb'] }).map((r) => r.word);
    expect(synonyms).toContain('buy');
    expect(synonyms.every((w) => !w.includes('_'))).toBe(true);
    const broader = wordnet.related('smash', { pos: ['verb'], senses: 2, hypernyms: true });
    expect(broader.some((r) => r.relation === 'hypernym' && r.word === 'break')).toBe(true);
    expect(wordnet.related('zzzqx', all)).toEqual([]);
  });

  it('names the missing file when the database folder is wrong', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wordnet-'));
    await writeFile(join(dir, 'index.noun'), '');
    await expect(loadWordNet(dir)).rejects.toThrow(/cannot read .*index\.verb/);
  });

  it('names the same first missing file on every try, whichever read fails first', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wordnet-'));
    await writeFile(join(dir, 'index.noun'), '');
    await writeFile(join(dir, 'data.noun'), '');
    for (let i = 0; i < 20; i += 1)
      await expect(loadWordNet(dir)).rejects.toThrow(/cannot read .*index\.verb:/);
  });
});

describe('thesaurus expansion in the index', () => {
  const chunks = ingestArticles('kb', [
    {
      id: 'buying',
      title: 'Ways to pay',
      url: null,
      updatedAt: null,
      origin: 't',
      html: '<p>You can buy with a card or a gift voucher.</p>',
    },
    {
      id: 'returns',
      title: 'Returns',
      url: null,
      updatedAt: null,
      origin: 't',
      html: '<p>Send an item back within thirty days of delivery.</p>',
    },
  ]).chunks;

  it('adds synonyms found in the index below the typed words, and nothing outside the vocabulary', async () => {
    const index = new HybridIndex({ thesaurus: wordnet });
    await index.upsert(chunks);
    const terms = new Map(index.queryTerms('purchase').map((t) => [t.term, t.weight]));
    expect(terms.get('purchas')).toBe(1);
    expect(terms.get('bui')).toBe(0.5);
    // "purchase" also means "leverage" and "bribe": not in the index, so not added.
    expect(terms.has('leverag')).toBe(false);
    const top = groupByArticle(await index.search('purchase'))[0];
    expect(top?.articleId).toBe('buying');
  });

  it('is off without a thesaurus or at weight 0', async () => {
    const plain = new HybridIndex();
    await plain.upsert(chunks);
    expect(plain.queryTerms('purchase')).toEqual([{ term: 'purchas', weight: 1 }]);
    const index = new HybridIndex({ thesaurus: wordnet });
    await index.upsert(chunks);
    expect(
      index.queryTerms('purchase', { thesaurus: { weight: 0, hypernymWeight: 0, senses: 2, pos: ['verb'] } }),
    ).toEqual([{ term: 'purchas', weight: 1 }]);
  });

  it('rejects invalid thesaurus settings', () => {
    const index = new HybridIndex({ thesaurus: {} as Thesaurus });
    expect(() =>
      index.settings({ thesaurus: { weight: -1, hypernymWeight: 0, senses: 2, pos: ['noun'] } }),
    ).toThrow(/thesaurus.weight/);
    expect(() =>
      index.settings({ thesaurus: { weight: 0.5, hypernymWeight: 0, senses: 2, pos: ['adverb' as never] } }),
    ).toThrow(/thesaurus.pos/);
  });
});
