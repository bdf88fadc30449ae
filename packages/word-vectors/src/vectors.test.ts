import { describe, expect, it } from '@jest/globals';
import { sifEmbed } from './sif.js';
import { tokenize } from './tokenize.js';
import { loadWordVectors } from './vectors.js';

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot;
}

// Uses the real GloVe cache, building it on the first run (a few seconds).
describe('loadWordVectors (GloVe 100d)', () => {
  it('loads 100k words in frequency order with meaningful sentence vectors', async () => {
    const vectors = await loadWordVectors();
    expect(vectors.size).toBe(100_000);
    expect(vectors.dim).toBe(100);
    expect(vectors.rank('the')).toBe(0);
    expect(vectors.rank('refund')!).toBeGreaterThan(vectors.rank('money')!);
    const embed = (s: string) => sifEmbed(vectors, tokenize(s));
    const lostCard = embed('I lost my credit card');
    expect(cosine(lostCard, embed('my bank card is missing'))).toBeGreaterThan(
      cosine(lostCard, embed('what is the weather in paris')),
    );
  });
});
