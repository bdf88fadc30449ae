import { describe, expect, it } from '@jest/globals';
import { commonestWordMender, oneEditAway, SpellingMender } from './spelling.js';

// Lower idf = more training texts use the word.
const vocabulary = new Map([
  ['delivered', 2.1],
  ['delivery', 1.8],
  ['order', 1.2],
  ['card', 1.5],
  ['cards', 3.0],
  ['tracking', 2.4],
]);
const realWords = new Set(['cart', 'delivering', 'want']);
const mender = new SpellingMender(vocabulary, (w) => realWords.has(w));

describe('SpellingMender', () => {
  it('mends a misspelt word to the training word one edit away', () => {
    expect(mender.mend('was my order delivred yet')).toBe('was my order delivered yet');
    expect(mender.mend('trakcing number pls')).toBe('tracking number pls');
    expect(mender.mend('Ordr status?')).toBe('order status?');
  });

  it('prefers the word the training texts used most when several are one edit away', () => {
    expect(
      new SpellingMender(
        new Map([
          ['cards', 3],
          ['carts', 2],
        ]),
        () => false,
      ).mend('cardts'),
    ).toBe('carts');
  });

  it('leaves known words, real words the model never saw, short words, placeholders and contractions', () => {
    expect(mender.mend('add it to my cart')).toBe('add it to my cart');
    expect(mender.mend('are you delivering today')).toBe('are you delivering today');
    expect(mender.mend('crd')).toBe('crd');
    expect(mender.mend('orderref trackingref')).toBe('orderref trackingref');
    expect(mender.mend("it hasn't arrived, I wasnt home")).toBe("it hasn't arrived, I wasnt home");
    expect(mender.mend('qwertyuiop')).toBe('qwertyuiop');
  });

  it('reads a misspelling of no vocabulary word as the commonest word one edit away, when it is common', () => {
    const ranks = new Map([
      ['with', 15],
      ['does', 90],
      ['doors', 2900],
      ['dogs', 2400],
      ['wither', 41_000],
    ]);
    const general = new SpellingMender(
      vocabulary,
      (w) => ranks.has(w),
      (w) => ranks.get(w),
    );
    expect(general.mend('can i pay wiht card, dors it work')).toBe('can i pay with card, does it work');
    // The vocabulary's own word first; a word only rare English has one edit away stays.
    expect(general.mend('delivred')).toBe('delivered');
    expect(general.mend('withr')).toBe('with');
    expect(general.mend('witherr')).toBe('witherr');
    // Without the ranks, as before.
    expect(mender.mend('can i pay wiht card')).toBe('can i pay wiht card');
  });
});

describe('commonestWordMender', () => {
  const ranks: Record<string, number> = {
    most: 100,
    real: 540,
    gift: 2000,
    card: 900,
    camera: 3000,
    rare: 30_000,
  };
  const rank = (w: string) => ranks[w];

  it('reads a word no dictionary holds as the commonest word one edit away, or an own word', () => {
    const mend = commonestWordMender(rank, ['worst', 'chargeback']);
    expect(mend('my gidt card')).toBe('my gift card');
    expect(mend('the camea')).toBe('the camera');
    expect(mend('a chargebak')).toBe('a chargeback');
    // One edit from a common word and from a rarer own word: the common word.
    expect(mend('the wost')).toBe('the most');
  });

  it('never changes a real word, a contraction without its apostrophe or a word nothing common is near', () => {
    const mend = commonestWordMender(rank);
    expect(mend('rare isnt qqqqzz')).toBe('rare isnt qqqqzz');
    // "rarr" is one edit from "rare", which is too rare to be read for a typo.
    expect(mend('rarr')).toBe('rarr');
    expect(mend("it hasn't")).toBe("it hasn't");
  });

  it('leaves "whats", "hows", "youre" as written: one edit from a word they do not mean', () => {
    const mend = commonestWordMender((w) => ({ what: 50, how: 60, your: 70, the: 1 })[w]);
    expect(mend('whats happening hows it going youre great theyll see')).toBe(
      'whats happening hows it going youre great theyll see',
    );
    // Still mended where it is a typo of the word itself.
    expect(mend('whta')).toBe('what');
  });
});

describe('oneEditAway', () => {
  it('lists deletions, swaps, substitutions and insertions, not the word itself', () => {
    const edits = oneEditAway('ab');
    for (const e of ['a', 'b', 'ba', 'xb', 'ax', 'xab', 'axb', 'abx']) expect(edits.has(e)).toBe(true);
    expect(edits.has('ab')).toBe(false);
    expect(edits.has('xy')).toBe(false);
  });
});
