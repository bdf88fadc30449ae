import { describe, expect, it } from '@jest/globals';
import type { DecidedAnswer } from '@parley/contracts';
import { checkAnswer } from './checks.js';

const RETURNS =
  'You have 30 days from delivery to return an item in its original condition. Refunds go back to the original payment method within 5 business days.';

function answer(over: Partial<DecidedAnswer> = {}): DecidedAnswer {
  return {
    replyId: 'rpl_t_1',
    question: 'How long do I have to return my order #W1000001?',
    body:
      'Hi Ann,\n\nYour order #W1000001 was delivered.\n' +
      '- You have 30 days from delivery to return an item in its original condition.\n\nBest regards',
    citations: [{ chunkId: 'returns#1', articleId: 'returns', section: 'Return window' }],
    facts: [{ source: 'order', ref: '#W1000001', field: 'status', value: 'delivered' }],
    sources: [
      {
        chunkId: 'returns#1',
        articleId: 'returns',
        title: 'Returns',
        section: 'Return window',
        text: RETURNS,
        score: 1,
        scores: {},
      },
    ],
    orders: [
      { orderId: '#W1000001', status: 'delivered', items: [], trackingIds: ['111111111111'], total: 47.84 },
    ],
    ...over,
  };
}

describe('checkAnswer', () => {
  it('passes a reply whose claims are quoted from the cited article or state its records', () => {
    expect(checkAnswer(answer())).toEqual({
      passed: true,
      score: 1,
      verdicts: [
        {
          criterion: 'grounded',
          passed: true,
          note: '2 of 2 claims quoted from a cited article or stating a record',
        },
        { criterion: 'citations_retrieved', passed: true },
        { criterion: 'facts_match_records', passed: true, note: '1 order facts checked' },
      ],
    });
  });

  it('fails a claim found in no cited passage, even when another article would have it', () => {
    const invented = answer({
      body: `${answer().body}\nYou can also return items after 90 days for store credit.`,
    });
    const grade = checkAnswer(invented);
    expect(grade.passed).toBe(false);
    expect(grade.verdicts[0]).toEqual({
      criterion: 'grounded',
      passed: false,
      note: '2 of 3 claims quoted from a cited article or stating a record',
    });
    expect(grade.score).toBe(Math.round(((2 / 3 + 1 + 1) / 3) * 1000) / 1000);
    // Quoted, but from a passage it does not cite: not grounded either.
    const uncited = answer({ citations: [] });
    expect(checkAnswer(uncited).verdicts[0]).toMatchObject({ passed: false });
  });

  it('fails facts that differ from the records and orders that are not the customer’s', () => {
    const wrong = answer({
      facts: [{ source: 'order', ref: '#W1000001', field: 'status', value: 'pending' }],
      body: `${answer().body}\nYour other order #W2000002 is on its way.`,
    });
    expect(checkAnswer(wrong).verdicts[2]).toEqual({
      criterion: 'facts_match_records',
      passed: false,
      note: 'status of #W1000001 differs from the record; names an order not the customer’s',
    });
  });

  it('fails a citation of a passage the reply was not given', () => {
    const grade = checkAnswer(
      answer({
        citations: [...answer().citations, { chunkId: 'ghost#1', articleId: 'ghost', section: 'x' }],
      }),
    );
    expect(grade.verdicts[1]).toEqual({
      criterion: 'citations_retrieved',
      passed: false,
      note: 'cites passages it was not given: ghost#1',
    });
  });
});
