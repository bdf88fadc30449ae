import { describe, expect, it } from '@jest/globals';
import type { WordVectors } from '@parley/word-vectors';
import { HybridIndex, groupByArticle, hashingEmbedder, ingestArticles } from '../src/index.js';
import { BEST_WORDS, NEIGHBOUR_ANSWERS, SIMILARITY_WORDS, TermNeighbours } from '../src/expansion.js';
import type { Embedder } from '../src/index.js';

// A hand-made word-vector table: "postage" sits next to "shipping", "courier" next to "delivery".
const TABLE: Record<string, number[]> = {
  shipping: [1, 0, 0, 0],
  postage: [0.9, 0.3, 0, 0],
  delivery: [0, 1, 0, 0],
  courier: [0.1, 0.95, 0, 0],
  costs: [0, 0, 1, 0],
  cost: [0, 0, 0.98, 0.1],
  password: [0, 0, 0, 1],
  reset: [0, 0.1, 0, 0.9],
};
const words: WordVectors = {
  dim: 4,
  size: Object.keys(TABLE).length,
  vector: (w) => (TABLE[w.toLowerCase()] ? Float32Array.from(TABLE[w.toLowerCase()]!) : undefined),
  rank: (w) => {
    const i = Object.keys(TABLE).indexOf(w.toLowerCase());
    return i < 0 ? undefined : 1000 + i;
  },
};
const embedder: Embedder = { ...hashingEmbedder(16), words };

const kb = ingestArticles('kb', [
  {
    id: 'shipping',
    title: 'Shipping',
    url: null,
    updatedAt: null,
    origin: 't',
    html: '<h2>Shipping costs</h2><p>Shipping is free over 50 pounds.</p><h2>Delivery</h2><p>Delivery takes three days.</p>',
  },
  {
    id: 'passwords',
    title: 'Passwords',
    url: null,
    updatedAt: null,
    origin: 't',
    html: '<p>Reset your password from the sign-in page.</p>',
  },
]).chunks;

describe('word-vector expansion and soft match', () => {
  it('adds index-vocabulary neighbours of query words at reduced weight', async () => {
    const index = new HybridIndex({ embedder });
    await index.upsert(kb);
    const terms = index.queryTerms('postage');
    expect(terms[0]).toEqual({ term: 'postag', weight: 1 });
    const ship = terms.find((t) => t.term === 'ship');
    expect(ship!.weight).toBeGreaterThan(0);
    expect(ship!.weight).toBeLessThan(1);
    expect(
      index.queryTerms('postage', { expansion: { weight: 0, neighbours: 3, minSimilarity: 0.6 } }),
    ).toEqual([{ term: 'postag', weight: 1 }]);
  });

  it('finds the article through a word it never uses, and groups chunks by article score', async () => {
    const index = new HybridIndex({ embedder });
    await index.upsert(kb);
    const results = await index.search('postage', { topK: 10 });
    const articles = groupByArticle(results);
    expect(articles[0]!.articleId).toBe('shipping');
    // The best section of each article carries the article's score, so article order is score order.
    const scores = articles.map((a) => a.best.scores.fused);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const plain = await index.search('postage', {
      topK: 10,
      expansion: { weight: 0, neighbours: 3, minSimilarity: 0.6 },
      softMatch: { weight: 0, depth: 20, threshold: 0.45 },
    });
    expect(plain.every((r) => r.scores.bm25 === 0)).toBe(true);
    expect(results[0]!.confidence).toBeGreaterThan(0);
  });

  it('rejects bad settings by name', async () => {
    const index = new HybridIndex({ embedder });
    await expect(index.search('x', { sectionDamping: -1 })).rejects.toThrow(
      'search setting sectionDamping must be a finite number >= 0, got -1',
    );
    await expect(
      index.search('x', {
        weights: { chunkBm25: 0, articleBm25: 0, articleTitle: 0, chunkDense: 0, articleDense: 0 },
      }),
    ).rejects.toThrow('search setting weights must not all be 0');
  });

  it("keeps a word's cosines and each group's best across queries, equal to fresh ones, also for rows added later", () => {
    let reads = 0;
    const counted: WordVectors = { ...words, vector: (w) => (reads++, words.vector(w)) };
    const cosine = (a: string, b: string): number => {
      const x = words.vector(a)!;
      const y = words.vector(b)!;
      const dot = (p: Float32Array, q: Float32Array) => p.reduce((s, v, i) => s + v * q[i]!, 0);
      return dot(x, y) / Math.sqrt(dot(x, x) * dot(y, y));
    };
    const nb = new TermNeighbours(counted);
    nb.add('ship', 'shipping');
    const onlyShipping = Int32Array.from([0]);
    const exact = nb.maxSimilarity('postage', 0, onlyShipping)!;
    expect(exact).toBeCloseTo(cosine('postage', 'shipping'), 6);
    nb.add('deliveri', 'delivery');
    nb.add('cost', 'costs');
    const reads1 = reads;
    // A group's answer is the largest cosine among its rows, read again without a second vector lookup.
    expect(nb.maxSimilarity('postage', 0, onlyShipping)).toBe(exact);
    expect(nb.maxSimilarity('courier', 1, Int32Array.from([0, 1, 2]))).toBeCloseTo(
      cosine('courier', 'delivery'),
      6,
    );
    expect(nb.maxSimilarity('postage', 2, Int32Array.from([1, 2]))).toBeCloseTo(
      cosine('postage', 'delivery'),
      6,
    );
    expect(reads).toBe(reads1 + 1);
    expect(nb.maxSimilarity('nonsense', 0, onlyShipping)).toBeUndefined();
    expect(nb.hasVector('nonsense')).toBe(false);
    expect(nb.hasVector('postage')).toBe(true);
    // Bounded: the least recently used word's cosines are forgotten first. Its groups' answers are kept longer
    // (`BEST_WORDS`): a group answered before is read without the vector, a new one needs it again.
    for (let i = 0; i < SIMILARITY_WORDS; i++) nb.hasVector(`unknown${i}`);
    const reads2 = reads;
    expect(nb.maxSimilarity('postage', 2, Int32Array.from([1, 2]))).toBeCloseTo(
      cosine('postage', 'delivery'),
      6,
    );
    expect(reads).toBe(reads2);
    expect(nb.maxSimilarity('postage', 2, Int32Array.from([1, 2]))).toBe(
      nb.maxSimilarity('postage', 3, Int32Array.from([2, 1])),
    );
    expect(reads).toBe(reads2 + 1);
  });

  it("forgets the least recently used word's group answers after BEST_WORDS others", () => {
    let reads = 0;
    // Any word has a vector here: "w3" is the table's "courier" under another name.
    const named = Object.values(TABLE);
    const vector = (w: string) =>
      words.vector(w) ?? Float32Array.from(named[Number(w.replace(/\D/g, '')) % named.length]!);
    const counted: WordVectors = { ...words, vector: (w) => (reads++, vector(w)) };
    const nb = new TermNeighbours(counted);
    nb.add('ship', 'shipping');
    const rows = Int32Array.from([0]);
    const first = nb.maxSimilarity('postage', 0, rows);
    const before = reads;
    for (let i = 0; i < BEST_WORDS - 1; i++) nb.maxSimilarity(`w${i}`, 0, rows);
    expect(nb.maxSimilarity('postage', 0, rows)).toBe(first);
    expect(reads).toBe(before + BEST_WORDS - 1);
    // One more word pushes out the least recently used one's answers: `w0`'s now, not `postage`'s (used since).
    nb.maxSimilarity('extra0', 0, rows);
    const now = reads;
    nb.maxSimilarity('postage', 0, rows);
    expect(reads).toBe(now);
    nb.maxSimilarity('w0', 0, rows);
    expect(reads).toBe(now + 1);
  });

  it('keeps the most recently asked neighbour answers only, answering the same once one is forgotten', () => {
    let reads = 0;
    const counted: WordVectors = { ...words, vector: (w) => (reads++, words.vector(w)) };
    const nb = new TermNeighbours(counted);
    nb.add('ship', 'shipping');
    nb.add('deliveri', 'delivery');
    const first = nb.neighbours('postage', 2, 0.1);
    expect(first.map((n) => n.term)).toEqual(['ship', 'deliveri']);
    const before = reads;
    expect(nb.neighbours('postage', 2, 0.1)).toBe(first);
    expect(reads).toBe(before);
    // As many other answers as are kept (distinct by their floor): the first is the least recently used.
    for (let i = 0; i < NEIGHBOUR_ANSWERS; i++) nb.neighbours('courier', 2, i / 1e6);
    const again = reads;
    expect(nb.neighbours('postage', 2, 0.1)).toEqual(first);
    // Worked out again from the word's kept cosines, without reading its vector once more.
    expect(reads).toBe(again);
  });

  it("reads a word's vector and scans the vocabulary once for both its neighbours and its soft match", () => {
    let reads = 0;
    const counted: WordVectors = { ...words, vector: (w) => (reads++, words.vector(w)) };
    const nb = new TermNeighbours(counted);
    nb.add('ship', 'shipping');
    nb.add('deliveri', 'delivery');
    const before = reads;
    const near = nb.neighbours('postage', 2, 0.1);
    const best = nb.maxSimilarity('postage', 0, Int32Array.from([0, 1]));
    expect(reads).toBe(before + 1);
    // The same cosines either way: the best neighbour's is the soft match over every row.
    expect(best).toBe(near[0]!.similarity);
  });
});
