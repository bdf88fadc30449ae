import { describe, expect, it } from '@jest/globals';
import { tokenize } from './tokenize.js';

describe('tokenize', () => {
  it('lower-cases and splits off punctuation and hyphens', () => {
    expect(tokenize('My Top-up FAILED, twice!')).toEqual(['my', 'top', 'up', 'failed', 'twice']);
  });

  it('spells out negations and drops the possessive clitic', () => {
    expect(tokenize("I can't see my card's PIN and it won't work, I don’t know")).toEqual([
      'i',
      'can',
      'not',
      'see',
      'my',
      'card',
      'pin',
      'and',
      'it',
      'will',
      'not',
      'work',
      'i',
      'do',
      'not',
      'know',
    ]);
  });

  it('keeps numbers and non-ASCII letters, and yields nothing for punctuation only', () => {
    expect(tokenize('Paid 25 € at café')).toEqual(['paid', '25', 'at', 'café']);
    expect(tokenize(' ?! ')).toEqual([]);
  });
});
