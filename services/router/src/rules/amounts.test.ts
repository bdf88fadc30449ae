import { describe, expect, it } from '@jest/globals';
import { moneyClaims, parseAmounts } from './amounts.js';

const values = (text: string) => parseAmounts(text).map((a) => a.value);

describe('parseAmounts', () => {
  it('reads the usual ways of writing dollars', () => {
    expect(values('It cost $450 and then 450 dollars more')).toEqual([450, 450]);
    expect(values('USD 1,200.50 was taken')).toEqual([1200.5]);
    expect(values('they took US$ 99.9 and 1,200.50 USD')).toEqual([99.9, 1200.5]);
    expect(values('about 300 bucks, maybe $1.5k')).toEqual([300, 1500]);
    expect(values('a $20 gift card')).toEqual([20]);
  });

  it('ignores numbers without a currency marker', () => {
    expect(values('order #W2611340 has 3 items, tracking 357962501027')).toEqual([]);
  });
});

describe('moneyClaims', () => {
  it('keeps amounts in a refund, charge or compensation context', () => {
    expect(moneyClaims('I want a refund of $450 now').map((a) => a.value)).toEqual([450]);
    expect(moneyClaims('I was charged twice. It was USD 1,200.50 in total.').map((a) => a.value)).toEqual([
      1200.5,
    ]);
    expect(moneyClaims('You owe me 250 dollars in compensation').map((a) => a.value)).toEqual([250]);
  });

  it('drops prices that are not a claim on money', () => {
    expect(moneyClaims('Do you have a blender under $450?')).toEqual([]);
    expect(moneyClaims('Is the $500 chair back in stock? I paid for the lamp already.')).toEqual([]);
  });
});
