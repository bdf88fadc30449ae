// The coverage of a help-centre answer lifted by the sentences a message turns on, on a help centre unlike the
// demo store's (a co-working space).
import { describe, expect, it } from '@jest/globals';
import { focusSentences } from '@parley/wording';
import type { HelpAnswer } from './answer.js';
import { answerFromSections } from './answer.js';
import { corroboratedAnswer } from './corroborate.js';
import { passage } from './testing.js';

const GUESTS = passage(
  'visits#guests',
  'visits-and-guests',
  'Bringing guests',
  'Members may bring up to two guests a day. Guests sign in at reception with photo ID.',
  0.5,
);
const PAYMENT = passage(
  'payment#methods',
  'paying-for-your-plan',
  'Ways to pay',
  'We accept Visa, Mastercard and American Express. Bank transfers are accepted for Team plans paid yearly.',
  0.45,
);
const passages = [GUESTS, PAYMENT];

const answerTo = (text: string) => answerFromSections(text, passages)!;

describe('corroboratedAnswer', () => {
  it("lifts the coverage to the focus sentences' when both quote the same blocks", () => {
    const text =
      'My colleague from the third floor usually sorts this out for our team. how many guests can i bring';
    const focus = focusSentences(text).join(' ');
    expect(focus).toBe('how many guests can i bring');
    const whole = answerTo(text);
    const alone = answerTo(focus);
    expect(whole.quotes.map((q) => q.passage.chunkId)).toEqual(['visits#guests']);
    // The situation's words are no section's: the whole message seemed less covered than its question.
    expect(alone.coverage.share).toBeGreaterThan(whole.coverage.share);
    const out = corroboratedAnswer(whole, alone);
    expect(out.quotes).toBe(whole.quotes);
    expect(out.coverage.share).toBe(alone.coverage.share);
    expect(out.coverage.answered / out.coverage.asks).toBeGreaterThanOrEqual(
      whole.coverage.answered / whole.coverage.asks,
    );
  });

  it('never lowers a figure, and keeps the whole coverage when the quotes differ or there is no second answer', () => {
    const whole = answerTo('how many guests can i bring');
    const weaker: HelpAnswer = { ...whole, coverage: { ...whole.coverage, share: 0.1, margin: 0 } };
    expect(corroboratedAnswer(whole, weaker).coverage).toEqual(whole.coverage);
    const other = answerTo('do you accept american express');
    expect(other.quotes[0]!.passage.chunkId).toBe('payment#methods');
    const better: HelpAnswer = { ...other, coverage: { ...other.coverage, share: 1 } };
    expect(corroboratedAnswer(weaker, better)).toBe(weaker);
    expect(corroboratedAnswer(weaker, undefined)).toBe(weaker);
  });
});
