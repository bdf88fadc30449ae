import { describe, expect, it } from '@jest/globals';
import type { Fact } from '@parley/contracts';
import { checkGrounding } from './grounding.js';
import { productClaimsHold } from './product-claims.js';
import { nameFact, optionFact, statedProducts, variantFacts } from './product-facts.js';
import { officeChair } from './local/testing.js';

const chair = officeChair((v) => ['4648362606', '3609437808'].includes(v.itemId));
const facts: Fact[] = [
  nameFact(chair),
  ...chair.variants.flatMap((v) => variantFacts(chair, v)),
  optionFact(chair, 'color', ['black', 'red']),
];
const holds = (sentence: string) => productClaimsHold(sentence, facts);

describe('statedProducts', () => {
  it('reads back the variants the facts state', () => {
    expect(statedProducts(facts)).toEqual([
      {
        productId: '4794339885',
        name: 'Office Chair',
        variants: [
          { values: ['leather', 'red', 'none', 'high-back'], available: false, price: 466.44 },
          { values: ['leather', 'black', 'adjustable', 'high-back'], available: true, price: 503.76 },
        ],
        values: [
          'leather',
          'red',
          'none',
          'high-back',
          'leather',
          'black',
          'adjustable',
          'high-back',
          'black',
          'red',
        ],
      },
    ]);
  });
});

describe('productClaimsHold', () => {
  it('accepts a variant stated as the facts have it', () => {
    expect(holds('The Office Chair in black leather with adjustable armrests is in stock at $503.76.')).toBe(
      true,
    );
    expect(holds('The red leather Office Chair is out of stock.')).toBe(true);
  });

  it('rejects a wrong price, a wrong stock level, or options of one variant with another price', () => {
    expect(holds('The black leather Office Chair is in stock at $499.00.')).toBe(false);
    expect(holds('The red leather Office Chair is in stock.')).toBe(false);
    expect(holds('The red leather Office Chair costs $503.76.')).toBe(false);
  });

  it('rejects a colour or material the product does not come in', () => {
    expect(holds('The Office Chair also comes in green.')).toBe(false);
    expect(holds('The Office Chair comes in velvet.')).toBe(false);
    expect(holds('The Office Chair comes in black or red.')).toBe(true);
  });

  it('rejects a price or stock claim that names no product', () => {
    expect(holds('It is in stock at $503.76.')).toBe(false);
  });

  it('leaves sentences without catalogue claims alone', () => {
    expect(productClaimsHold('Your order #W3400144 is currently processed.', [])).toBe(true);
  });
});

describe('checkGrounding with catalogue facts', () => {
  it('counts a product sentence as a fact only when its claims match', () => {
    const body = [
      'Hi Sam,',
      '- Office Chair, leather material, black color, adjustable armrest, high-back backrest height: in stock, $503.76.',
      '- Office Chair, leather material, black color, adjustable armrest: in stock, $450.00.',
      'The Office Chair is available in green leather.',
    ].join('\n');
    const report = checkGrounding(body, [], facts, ['Hi Sam,']);
    expect(report.sentences.map((s) => s.kind)).toEqual([
      'boilerplate',
      'fact',
      'unsupported',
      'unsupported',
    ]);
    expect(report.groundedness).toBeCloseTo(1 / 3);
  });

  it('never grounds a price without catalogue facts', () => {
    const orderFacts: Fact[] = [{ source: 'order', ref: '#W3400144', field: 'items', value: 'Laptop' }];
    expect(checkGrounding('Your Laptop costs $999.00.', [], orderFacts, []).groundedness).toBe(0);
  });
});
