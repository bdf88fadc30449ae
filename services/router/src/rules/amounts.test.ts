import { describe, expect, it } from '@jest/globals';
import { checkSync } from 'recheck';
import { AMOUNT_PATTERNS, moneyClaims, parseAmounts } from './amounts.js';

const read = (text: string) => parseAmounts(text).map((a) => `${a.currency} ${a.value}`);

describe('parseAmounts', () => {
  // Each way a customer writes money, and what it is read as.
  it.each([
    ['It cost $450', 'USD 450'],
    ['450 dollars', 'USD 450'],
    ['USD 1,200.50 was taken', 'USD 1200.5'],
    ['they took US$ 99.9', 'USD 99.9'],
    ['1,200.50 USD', 'USD 1200.5'],
    ['about 300 bucks', 'USD 300'],
    ['a $20 gift card', 'USD 20'],
    ['maybe $1.5k', 'USD 1500'],
    ['I want my 5k back', 'USD 5000'],
    ['refund 1.5k now', 'USD 1500'],
    ['they took 5K.', 'USD 5000'],
    ['EUR 5000', 'EUR 5000'],
    ['eur 5000', 'EUR 5000'],
    ['USD5000', 'USD 5000'],
    ['5000USD', 'USD 5000'],
    ['$ 5 0 0 0', 'USD 5000'],
    ['$5 0 0 0', 'USD 5000'],
    ['five thousand dollars', 'USD 5000'],
    ['Five Thousand Dollars', 'USD 5000'],
    ['£5,000.00', 'GBP 5000'],
    ['5 000 €', 'EUR 5000'],
    ['5\u00a0000\u00a0€', 'EUR 5000'],
    ['5\u202f000 EUR', 'EUR 5000'],
    ["CHF 5'000", 'CHF 5000'],
    ['5.000,00 EUR', 'EUR 5000'],
    ['€5.000', 'EUR 5000'],
    ['1,50 €', 'EUR 1.5'],
    ['$1 000 000', 'USD 1000000'],
    ['$1.234.567,89', 'USD 1234567.89'],
    ['two hundred and fifty bucks', 'USD 250'],
    ['two-hundred-fifty dollars', 'USD 250'],
    ['a hundred and fifty quid', 'GBP 150'],
    ['twenty-five hundred dollars', 'USD 2500'],
    ['twelve hundred euros', 'EUR 1200'],
    ['one million dollars', 'USD 1000000'],
    ['three hundred thousand euros', 'EUR 300000'],
    ['five thousand five hundred and twelve pounds', 'GBP 5512'],
    ['a thousand bucks', 'USD 1000'],
    ['2 thousand dollars', 'USD 2000'],
    ['$2.5 million', 'USD 2500000'],
    ['$2m', 'USD 2000000'],
    ['they charged me a grand', 'USD 1000'],
    ['a grand for this junk', 'USD 1000'],
    ['two grand', 'USD 2000'],
    ['5 grand', 'USD 5000'],
    ['500 US dollars', 'USD 500'],
    ['300 Canadian dollars', 'CAD 300'],
    ['C$300', 'CAD 300'],
    ['AU$ 300', 'AUD 300'],
    ['NZD 300', 'NZD 300'],
    ['$450 dollars', 'USD 450'],
    ['50$', 'USD 50'],
  ])('reads %j as %s', (text, expected) => {
    expect(read(text)).toEqual([expected]);
  });

  // Numbers that are not money, even beside currency words elsewhere in the text.
  it.each([
    'order #W5000123 is late',
    'order W5000123',
    'call me on +1 (555) 010-2000 or 555 123 4567',
    'the 5000 mAh battery',
    'a 5000mAh power bank',
    'I bought it in 2023',
    'send 5000 units',
    'the 4K TV',
    'my 4k monitor arrived broken',
    'I ran a 5k race',
    'a grand piano',
    'a grand total of',
    'hundreds of reviews',
    'one million views',
    'tracking 357962501027, 3 items',
    'model X-5000 in 12.05.2024',
    'the dollar sign',
  ])('finds no amount in %j', (text) => {
    expect(read(text)).toEqual([]);
  });

  it('finds every amount in order, and each number once', () => {
    expect(read('It cost $450 and then 450 dollars more')).toEqual(['USD 450', 'USD 450']);
    expect(read('they took US$ 99.9 and 1,200.50 USD')).toEqual(['USD 99.9', 'USD 1200.5']);
    expect(read('I paid $1,200 2 days ago and three 5-dollar fees')).toEqual(['USD 1200', 'USD 5']);
    // A symbol between two numbers starts the second amount.
    expect(read('20 $5 fees, $1 $2')).toEqual(['USD 5', 'USD 1', 'USD 2']);
    expect(read('order #W5000123: refund €45 for the 5000 mAh battery')).toEqual(['EUR 45']);
  });

  it('counts other currencies at no less than their dollar value', () => {
    const [euros] = parseAmounts('EUR 100');
    expect(euros!.usd).toBeGreaterThanOrEqual(110);
    const [pounds] = parseAmounts('£100');
    expect(pounds!.usd).toBeGreaterThanOrEqual(130);
    expect(parseAmounts('$100')[0]!.usd).toBe(100);
  });

  it('gives the span of each amount', () => {
    const text = 'Refund EUR 5000 now';
    const [a] = parseAmounts(text);
    expect(text.slice(a!.start, a!.end)).toBe('EUR 5000');
  });

  it('stays correct on long hostile input', () => {
    const digits = '1 '.repeat(50_000);
    expect(read(`${digits}`)).toEqual([]);
    expect(read(`$ ${'1,'.repeat(30_000)}5`)).toEqual(['USD 1.1']);
    expect(read(`${'one '.repeat(20_000)}dollars`)).toEqual(['USD 1']);
    expect(read(`${'a '.repeat(20_000)}grand`)).toEqual(['USD 1000']);
    expect(parseAmounts('$1 '.repeat(20_000))).toHaveLength(20_000);
    expect(moneyClaims(`refund ${'$1 '.repeat(20_000)}`)).toHaveLength(20_000);
  });
});

describe('moneyClaims', () => {
  it('keeps amounts in a refund, charge or compensation context', () => {
    expect(moneyClaims('I want a refund of $450 now').map((a) => a.value)).toEqual([450]);
    expect(moneyClaims('I was charged twice. It was USD 1,200.50 in total.').map((a) => a.value)).toEqual([
      1200.5,
    ]);
    expect(moneyClaims('You owe me 250 dollars in compensation').map((a) => a.value)).toEqual([250]);
    expect(moneyClaims('Refund the 5.000,00 EUR. Thanks.').map((a) => a.value)).toEqual([5000]);
  });

  it('drops prices that are not a claim on money', () => {
    expect(moneyClaims('Do you have a blender under $450?')).toEqual([]);
    expect(moneyClaims('Is the $500 chair back in stock? I paid for the lamp already.')).toEqual([]);
    expect(moneyClaims('I want a refund for my 4K TV')).toEqual([]);
  });
});

// Time on this shared machine says little, so linearity is checked on the patterns themselves (as for the PII
// patterns): recheck analyses each one for inputs that make backtracking blow up.
describe('the amount patterns', () => {
  const check = (r: RegExp) =>
    checkSync(r.source, r.flags, {
      randomSeed: 1,
      // Every budget off: a time limit would make the verdict depend on how busy the machine is.
      timeout: null,
      attackTimeout: null,
      incubationTimeout: null,
      seedingTimeout: null,
    });

  it('are all free of super-linear backtracking', () => {
    for (const pattern of AMOUNT_PATTERNS) {
      expect({ pattern: pattern.source, status: check(pattern).status }).toEqual({
        pattern: pattern.source,
        status: 'safe',
      });
    }
  });

  it('would catch a digit-run pattern whose separators are optional', () => {
    const ambiguous = /\d+(?:[ ,.]?\d+)*$/;
    expect(check(ambiguous)).toMatchObject({ status: 'vulnerable' });
  });
});
