import { describe, expect, it } from '@jest/globals';
import { article } from './article.js';
import type { WordVectors } from '@parley/word-vectors';
import { HybridIndex, groupByArticle, hashingEmbedder, ingestArticles } from '../src/index.js';
import type { Embedder } from '../src/index.js';
import { SpellingVocabulary } from '../src/spelling.js';

describe('SpellingVocabulary', () => {
  const live = (): boolean => true;

  it('corrects a word to the index word one edit away, the most frequent one when several are', () => {
    const v = new SpellingVocabulary();
    for (const w of ['shipping', 'shopping', 'shopping', 'expedited', 'receive', 'cancel'])
      v.add(w, w.slice(0, 5));
    expect(v.correct('shiping', live)).toEqual({ word: 'shipping', term: 'shipp' });
    expect(v.correct('expidited', live)).toEqual({ word: 'expedited', term: 'exped' });
    expect(v.correct('recieve', live)?.word).toBe('receive');
    expect(v.correct('cancle', live)?.word).toBe('cancel');
    // One insertion from "shipping" and from "shopping"; "shopping" was seen twice.
    expect(v.correct('shpping', live)?.word).toBe('shopping');
    expect(v.correct('spihpign', live)).toBeNull();
  });

  it('leaves index words, short words, far words and numbers alone', () => {
    const v = new SpellingVocabulary();
    for (const w of ['refund', 'card', 'cards', 'order', 'it', '4g']) v.add(w, w);
    expect(v.correct('refund', live)).toBeNull();
    expect(v.correct('crd', live)).toBeNull();
    expect(v.correct('rebate', live)).toBeNull();
    expect(v.correct('12345', live)).toBeNull();
    expect(v.size).toBe(4);
  });

  it('never offers a word whose term the index no longer holds', () => {
    const v = new SpellingVocabulary();
    v.add('refund', 'refund');
    v.add('return', 'return');
    expect(v.correct('refumd', live)?.word).toBe('refund');
    expect(v.correct('refumd', (t) => t !== 'refund')).toBeNull();
  });
});

// "beset" is a word (it has a vector), "shiping" is not.
const TABLE: Record<string, number[]> = {
  shipping: [1, 0, 0],
  reset: [0, 1, 0],
  password: [0, 0.9, 0.1],
  beset: [0, 0, 1],
};
const words: WordVectors = {
  dim: 3,
  size: Object.keys(TABLE).length,
  vector: (w) => (TABLE[w] ? Float32Array.from(TABLE[w]!) : undefined),
  rank: (w) => {
    const i = Object.keys(TABLE).indexOf(w);
    return i < 0 ? undefined : 1000 + i;
  },
};
const embedder: Embedder = { ...hashingEmbedder(16), words };

const kb = ingestArticles('kb', [
  article('shipping', 'Shipping', '<h2>Costs</h2><p>Shipping is free over 50 dollars.</p>'),
  article('passwords', 'Passwords', '<p>Reset your password from the sign-in page.</p>'),
]).chunks;

describe('HybridIndex spelling correction', () => {
  it('adds the index word a misspelt query word stands for, below a typed word', async () => {
    const index = new HybridIndex({ embedder });
    await index.upsert(kb);
    const terms = index.queryTerms('how much is shiping');
    expect(terms).toContainEqual({ term: 'shipe', weight: 1 });
    expect(terms).toContainEqual({ term: 'ship', weight: 0.8 });
    expect(groupByArticle(await index.search('how much is shiping'))[0]?.articleId).toBe('shipping');
    expect(
      index.queryTerms('how much is shiping', { spelling: { weight: 0 } }).map((t) => t.term),
    ).not.toContain('ship');
  });

  it('leaves a word the word-vector table knows alone, however close to an index word', async () => {
    const index = new HybridIndex({ embedder });
    await index.upsert(kb);
    expect(index.queryTerms('beset').map((t) => t.term)).not.toContain('reset');
    expect(index.queryTerms('resett').map((t) => t.term)).toContain('reset');
  });

  it('needs a word-vector table to tell a misspelling from a word, and refuses a negative weight', async () => {
    const index = new HybridIndex({ embedder: hashingEmbedder(16) });
    await index.upsert(kb);
    expect(index.queryTerms('shiping').map((t) => t.term)).toEqual(['shipe']);
    expect(() => index.settings({ spelling: { weight: -1 } })).toThrow(
      'search setting spelling.weight must be a finite number >= 0, got -1',
    );
  });
});
