import { describe, expect, it } from '@jest/globals';
import { parseAnsweredQuestions } from '@parley/demo-store';
import { answeredWithout, dealHalves, interleave } from './halves.js';

describe('train halves', () => {
  it('deals the cases alternately and puts results back in their order', () => {
    const cases = ['a', 'b', 'c', 'd', 'e'];
    const [first, second] = dealHalves(cases);
    expect(first).toEqual(['a', 'c', 'e']);
    expect(second).toEqual(['b', 'd']);
    expect(
      interleave(
        first.map((c) => c.toUpperCase()),
        second.map((c) => c.toUpperCase()),
      ),
    ).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(() => interleave(['a'], ['b', 'c', 'd'])).toThrow('cannot interleave');
  });

  it("writes the answered questions without a half's own, in the form retrieval reads", () => {
    const questions = [
      { id: 'g-1', text: 'how much is shipping', articles: ['shipping-methods'] },
      { id: 'g-2', text: 'do you ship to canada', articles: ['international-shipping'] },
      { id: 'b-9', text: 'when is my refund back', articles: ['refund-timing'] },
    ];
    const jsonl = answeredWithout(questions, new Set(['g-2']));
    const read = parseAnsweredQuestions('answered.jsonl', jsonl);
    expect(read.map((q) => q.id)).toEqual(['g-1', 'b-9']);
    expect(read[1]).toEqual(questions[2]);
  });
});
