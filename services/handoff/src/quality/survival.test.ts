import { describe, expect, it } from '@jest/globals';
import { draftSurvival, words } from './survival.js';

const DRAFT = 'Your order #W2378156 shipped on 3 May and should arrive within 5 business days.';

describe('draftSurvival', () => {
  it('is 1 for a draft sent as it was, whatever the case and punctuation', () => {
    expect(draftSurvival(DRAFT, DRAFT)).toBe(1);
    expect(draftSurvival(DRAFT, DRAFT.toUpperCase().replace(/\./g, '!'))).toBe(1);
  });

  it('stays 1 when the agent only adds words', () => {
    expect(draftSurvival(DRAFT, `Hi Ana, ${DRAFT} Anything else I can help with?`)).toBe(1);
  });

  it('is the share of the draft kept when words are removed or replaced', () => {
    // 14 words; "should arrive within 5 business days" (6) replaced by "arrives tomorrow" (2).
    expect(words(DRAFT)).toHaveLength(14);
    expect(draftSurvival(DRAFT, 'Your order #W2378156 shipped on 3 May and arrives tomorrow.')).toBe(
      Math.round((8 / 14) * 1000) / 1000,
    );
  });

  it('counts a changed figure as a changed word', () => {
    expect(draftSurvival('Refund of 14.99 is on its way', 'Refund of 41.99 is on its way')).toBe(0.857);
  });

  it('is 0 for a reply written from scratch, and lowered by reordering', () => {
    expect(draftSurvival(DRAFT, 'Please call us.')).toBe(0);
    expect(draftSurvival('one two three four', 'four three two one')).toBe(0.25);
  });

  it('is null when the draft has no words', () => {
    expect(draftSurvival('  ... ', 'Anything')).toBeNull();
  });

  it('compares long texts within bounds', () => {
    const long = Array.from({ length: 6_000 }, (_, i) => `w${i % 97}`).join(' ');
    expect(words(long)).toHaveLength(4_000);
    expect(draftSurvival(long, long)).toBe(1);
  });
});
