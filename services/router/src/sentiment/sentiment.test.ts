import { describe, expect, it } from '@jest/globals';
import type { ConversationEntry } from '@parley/contracts';
import { analyseSentiment, customerTurns, isNegativeTrend, labelFor, scoreText } from './sentiment.js';

const at = new Date(0).toISOString();
const customer = (turn: number, body: string): ConversationEntry => ({ turn, role: 'customer', body, at });
const bot = (turn: number, body: string): ConversationEntry => ({ turn, role: 'bot', body, at });
const opts = { minTurns: 2, escalateBelow: -0.5 };

describe('scoreText', () => {
  it('stays in -1..1 and orders clearly happy above neutral above clearly angry', () => {
    const happy = scoreText('Thanks so much, great service, I love it!');
    const neutral = scoreText('Where is my order?');
    const angry = scoreText('I hate this. Awful, horrible experience, I am furious');
    expect(happy).toBeGreaterThan(0.5);
    expect(neutral).toBe(0);
    expect(angry).toBeLessThan(-0.5);
    for (const s of [happy, angry]) expect(Math.abs(s)).toBeLessThanOrEqual(1);
  });

  it('labels with a neutral band around zero', () => {
    expect([labelFor(-0.6), labelFor(0.1), labelFor(0.4)]).toEqual(['negative', 'neutral', 'positive']);
  });
});

describe('trend', () => {
  it('reads the request without its greeting and thanks', () => {
    const bare = analyseSentiment('How long does standard shipping take?', [], 1);
    const polite = analyseSentiment('Hi there, how long does standard shipping take? Thanks so much!', [], 1);
    expect(polite.score).toBe(bare.score);
    expect(polite.label).toBe('neutral');
    // A message that is only thanks is still read as written.
    expect(analyseSentiment('Thanks so much!', [], 1).label).toBe('positive');
  });

  it('has no trend on a first message', () => {
    expect(analyseSentiment('Where is my order?', [], 1).trend).toBeUndefined();
  });

  it('compares the current turn with earlier customer turns only', () => {
    const history = [
      customer(1, 'Hi, thanks, where is my order? Great store.'),
      bot(1, 'Terrible awful horrible news'),
    ];
    const s = analyseSentiment('Still nothing. This is ridiculous, worst store ever.', history, 2);
    expect(s.label).toBe('negative');
    expect(s.trend).toBeLessThan(-0.5);
    expect(customerTurns(history, 2)).toBe(2);
    expect(isNegativeTrend(s, customerTurns(history, 2), opts)).toBe(true);
  });

  it('does not escalate a steady or improving conversation', () => {
    const history = [customer(1, 'This is awful, my parcel is lost')];
    const better = analyseSentiment('Thanks, that helps a lot', history, 2);
    expect(better.trend).toBeGreaterThan(0);
    expect(isNegativeTrend(better, 2, opts)).toBe(false);
  });

  it('needs the configured number of turns', () => {
    const history = [customer(1, 'Hello, great, thanks')];
    const s = analyseSentiment('Awful. Horrible. I hate this.', history, 2);
    expect(isNegativeTrend(s, 2, opts)).toBe(true);
    expect(isNegativeTrend(s, 2, { ...opts, minTurns: 3 })).toBe(false);
  });

  it('ignores a copy of the current turn in the history', () => {
    const s = analyseSentiment('Awful. Horrible.', [customer(1, 'Awful. Horrible.')], 1);
    expect(s.trend).toBeUndefined();
  });
});

describe('request words', () => {
  it('reads a calm cancellation and its reason as neutral, not upset', () => {
    expect(scoreText('Cancel order #W7613749 because ordered by mistake.')).toBe(0);
    expect(scoreText('Please cancel my order, I no longer need it.')).toBeGreaterThan(0);
    expect(scoreText('I bought it by accident and was charged twice the price I saw.')).toBeGreaterThan(
      -0.25,
    );
  });

  it('still reads anger around a request as negative', () => {
    expect(labelFor(scoreText('Cancel it now. This is the worst, most useless store, I am furious.'))).toBe(
      'negative',
    );
  });

  it('no longer sees a souring trend when a yes is followed by the next calm request', () => {
    const history = [customer(1, 'Yes, please go ahead.')];
    const s = analyseSentiment('Cancel order #W3282177 because ordered by mistake.', history, 2);
    expect(isNegativeTrend(s, 2, opts)).toBe(false);
  });
});

describe('analyseSentiment with misspellings mended', () => {
  it('scores the mended words, in this turn and the earlier ones', () => {
    const mend = (t: string) => t.replace(/terible/g, 'terrible').replace(/horible/g, 'horrible');
    expect(analyseSentiment('terible, horible servise', [], 1).label).toBe('neutral');
    const mended = analyseSentiment('terible, horible servise', [customer(1, 'horible')], 2, mend);
    expect(mended.label).toBe('negative');
    expect(mended.trend).toBeCloseTo(mended.score - scoreText('horrible'), 6);
  });
});
