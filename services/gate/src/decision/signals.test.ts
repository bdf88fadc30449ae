import { describe, expect, it } from '@jest/globals';
import type { AnswerCoverage, Passage, Retrieval } from '@parley/contracts';
import { draft, routing } from '../../test/fixtures.js';
import { answerSignals } from './signals.js';

const retrieval: Retrieval = {
  passages: [],
  customer: null,
  topScore: 0.6,
  index: 'embedded',
  leadMargin: 0.3,
};

const signals = (coverage: AnswerCoverage | undefined) => {
  const { coverage: _fixture, ...uncovered } = draft;
  return answerSignals({
    routing: routing(),
    retrieval,
    draft: { ...uncovered, ...(coverage ? { coverage } : {}) },
  });
};
const base: AnswerCoverage = { share: 0.5, asks: 1, answered: 1, sections: 1 };

describe('answerSignals: what the quotes give of what was asked', () => {
  it('is the share of the asked kinds of answer the quotes give', () => {
    expect(signals({ ...base, kindsAsked: 2, kindsGiven: 1 }).helpKindGiven).toBe(0.5);
    expect(signals({ ...base, kindsAsked: 1, kindsGiven: 0 }).helpKindGiven).toBe(0);
  });

  it('counts a question that asks for no kind, or a composer that does not compare kinds, as given', () => {
    expect(signals({ ...base, kindsAsked: 0, kindsGiven: 0 }).helpKindGiven).toBe(1);
    expect(signals(base).helpKindGiven).toBe(1);
  });

  it("reads the quotes' similarity to the question, or their literal coverage without one", () => {
    expect(signals({ ...base, similarity: 0.8 }).helpSimilarity).toBe(0.8);
    expect(signals(base).helpSimilarity).toBe(0.5);
  });

  it('counts a second section only when it answers a second question', () => {
    expect(signals({ ...base, asks: 2, sections: 2 }).helpSecondSection).toBe(1);
    // Two sections of one article quoted for one question (a near tie): one answer, as before.
    expect(signals({ ...base, asks: 1, sections: 2 }).helpSecondSection).toBe(0);
    expect(signals({ ...base, asks: 2, sections: 1 }).helpSecondSection).toBe(0);
  });

  it('is 0 without a help-centre answer', () => {
    expect(signals(undefined)).toMatchObject({ helpKindGiven: 0, helpSimilarity: 0 });
  });
});

describe('answerSignals: the quoted section answered alike before', () => {
  const passage = (chunkId: string, answered?: number, section = 'Delivery times'): Passage => ({
    chunkId,
    articleId: 'shipping-methods',
    title: 'Shipping',
    section,
    text: 'Standard: 5-7 business days.',
    score: 0.6,
    scores: answered === undefined ? { bm25: 1 } : { bm25: 1, answered },
  });
  const withPassages = (passages: Passage[], cited = draft.citations) =>
    answerSignals({
      routing: routing(),
      retrieval: { ...retrieval, passages },
      draft: { ...draft, citations: cited },
    }).helpAnsweredBefore;
  const cite = (chunkId: string, section = 'Delivery times') => ({
    chunkId,
    articleId: 'shipping-methods',
    section,
  });

  it('is the answered-before vote of the passage the draft cites, at most 1', () => {
    expect(withPassages([passage('shipping-methods#1', 0.7), passage('other#2', 0.95)])).toBe(0.7);
    expect(withPassages([passage('shipping-methods#1', 1.6)])).toBe(1);
  });

  it('adds the votes of the sections quoted together, since the answer is in either', () => {
    // The section classifier split its vote between two sections of one article; the draft quotes both.
    const split = [passage('shipping-methods#1', 0.45), passage('shipping-methods#2', 0.4, 'Costs')];
    const both = [cite('shipping-methods#1'), cite('shipping-methods#2', 'Costs')];
    expect(withPassages(split, both)).toBeCloseTo(0.85, 10);
    expect(withPassages(split, [cite('shipping-methods#1')])).toBe(0.45);
    // Two chunks of one section are one section's vote, not two.
    const chunks = [passage('shipping-methods#1', 0.45), passage('shipping-methods#3', 0.45)];
    expect(withPassages(chunks, [cite('shipping-methods#1'), cite('shipping-methods#3')])).toBe(0.45);
    expect(
      withPassages([passage('shipping-methods#1', 0.7), passage('shipping-methods#2', 0.6, 'Costs')], both),
    ).toBe(1);
  });

  it('is 0 when no cited passage carries a vote, or the answer is from records', () => {
    expect(withPassages([passage('shipping-methods#1'), passage('other#2', 0.9)])).toBe(0);
    expect(withPassages([])).toBe(0);
    expect(signals(undefined).helpAnsweredBefore).toBe(0);
  });
});

describe('answerSignals: the mood the model reads', () => {
  const mood = (score: number) =>
    answerSignals({
      routing: routing({
        sentiment: { score, label: score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral' },
      }),
      retrieval,
      draft,
    }).sentiment;

  it('reads displeasure, and cheer as neutral', () => {
    expect(mood(-0.4)).toBe(-0.4);
    expect(mood(0.6)).toBe(0);
    expect(mood(0)).toBe(0);
  });
});
