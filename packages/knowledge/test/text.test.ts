import { describe, expect, it } from '@jest/globals';
import { analyse, analyseWords, familyStem, stem } from '../src/text.js';

describe('familyStem', () => {
  it('brings the forms of a word whose "y" Porter keeps as "i" to one term', () => {
    expect(new Set(['delivery', 'deliveries', 'delivered', 'deliver'].map(familyStem)).size).toBe(1);
    expect(new Set(['verify', 'verified', 'verification'].map(familyStem)).size).toBe(1);
    expect(new Set(['quickly', 'quick'].map(familyStem)).size).toBe(1);
    expect(new Set(['happy', 'happily'].map(familyStem)).size).toBe(1);
    expect(familyStem('delay')).toBe(familyStem('delayed'));
  });

  it('keeps the letters of what is left where stemming it again would take an ending off', () => {
    expect(familyStem('immediately')).toBe('immed');
    expect(familyStem('immediate')).toBe('immed');
  });

  it('leaves words apart that were apart, and short stems as Porter gives them', () => {
    expect(familyStem('delivery')).not.toBe(familyStem('daily'));
    expect(familyStem('verify')).not.toBe(familyStem('very'));
    expect(familyStem('pay')).toBe('pai');
    expect(familyStem('copy')).toBe('copi');
  });
});

describe('analyse', () => {
  it('stems with Porter unless told otherwise', () => {
    expect(stem('delivery')).toBe('deliveri');
    expect(analyse('When is my delivery?')).not.toEqual(analyse('when is it delivered'));
    expect(analyse('When is my delivery?', familyStem)).toEqual(analyse('when is it delivered', familyStem));
    expect(analyseWords('quickly please', familyStem)).toEqual([{ word: 'quickly', term: 'quick' }]);
  });
});
