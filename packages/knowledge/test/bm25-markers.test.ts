import { describe, expect, it } from '@jest/globals';
import { Bm25Index } from '../src/bm25.js';

const docs = [
  { title: 'Shipping', heading: 'Rates', text: 'Standard shipping is $4.99.' },
  { title: 'Shipping', heading: 'Where we ship', text: 'We ship to every state.' },
];

function index(withMarkers: boolean): Bm25Index {
  const bm25 = new Bm25Index();
  docs.forEach((d, slot) =>
    bm25.add(slot, { ...d, ...(withMarkers && slot === 0 ? { markers: ['#money'] } : {}) }),
  );
  return bm25;
}

describe('Bm25Index markers', () => {
  it('are matched by a query term like a word', () => {
    const { hits } = index(true).search([{ term: '#money', weight: 1 }], 10);
    expect(hits.map((h) => h.slot)).toEqual([0]);
  });

  it('leave every word score as it was (they are not part of a document length)', () => {
    const query = [{ term: 'ship', weight: 1 }];
    const plain = index(false).search(query, 10).hits;
    const marked = index(true).search(query, 10).hits;
    expect(marked).toEqual(plain);
  });
});
