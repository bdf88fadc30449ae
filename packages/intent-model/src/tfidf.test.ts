import { describe, expect, it } from '@jest/globals';
import { extractTerms, TfidfVectorizer } from './tfidf.js';

const opts = { wordNgrams: [1, 2], charNgrams: [3], minDf: 1, charWeight: 1 };

function norm(values: ArrayLike<number>): number {
  return Math.sqrt(Array.from(values).reduce((s, v) => s + v * v, 0));
}

describe('TF-IDF', () => {
  it('extracts word n-grams and in-word character n-grams', () => {
    const { words, chars } = extractTerms('Card lost', opts);
    expect(words).toEqual(['w1:card', 'w1:lost', 'w2:card lost']);
    expect(chars).toEqual(['c: ca', 'c:car', 'c:ard', 'c:rd ', 'c: lo', 'c:los', 'c:ost', 'c:st ']);
  });

  it('gives rarer terms a higher idf and drops terms below minDf', () => {
    const texts = ['card lost', 'card stolen', 'card declined'];
    const v = TfidfVectorizer.fit(texts, { ...opts, charNgrams: [] });
    const idf = (t: string) => v.idf[v.terms.indexOf(t)]!;
    expect(idf('w1:lost')).toBeGreaterThan(idf('w1:card'));
    const pruned = TfidfVectorizer.fit(texts, { ...opts, charNgrams: [], minDf: 2 });
    expect(pruned.terms).toEqual(['w1:card']);
  });

  it('normalises the word and character blocks separately and ignores unseen terms', () => {
    const v = TfidfVectorizer.fit(['card lost', 'card stolen'], { ...opts, charWeight: 0.5 });
    const x = v.transform('lost card zzz');
    const isChar = Array.from(x.idx, (i) => v.terms[i]!.startsWith('c:'));
    expect(norm(Array.from(x.val).filter((_, k) => !isChar[k]))).toBeCloseTo(1, 5);
    expect(norm(Array.from(x.val).filter((_, k) => isChar[k]))).toBeCloseTo(0.5, 5);
    expect(v.transform('zzz').idx.length).toBe(0);
  });
});
