import { describe, expect, it } from '@jest/globals';
import { answerFor, lookupCall, MAX_VARIANTS_LISTED, productLines } from './products.js';
import { officeChair } from './testing.js';

const EXAMPLE =
  'Does the office chair come in black leather with adjustable armrests, and is it in stock? How much?';
const texts = (lines: ReturnType<typeof productLines>) => lines.map((l) => l.text);

describe('answerFor', () => {
  it('lists the variant with every option named, with its stock and exact price', () => {
    const a = answerFor(EXAMPLE, officeChair(), true);
    expect(a.kind).toBe('match');
    expect(a.listed.map((v) => v.itemId)).toEqual(['4648362606']);
    expect(texts(productLines(a))).toEqual([
      'Here is the Office Chair variant with black color, leather material and adjustable armrest:',
      '- Office Chair, leather material, black color, adjustable armrest, high-back backrest height: in stock, $503.76.',
    ]);
  });

  it('lists in-stock variants first, cheapest first, at most a handful, and asks which options', () => {
    const a = answerFor('Do you have office chairs in leather?', officeChair(), true);
    expect(a.kind).toBe('match');
    expect(a.listed).toHaveLength(MAX_VARIANTS_LISTED);
    expect(a.more).toBe(true);
    expect(a.listed.map((v) => v.price)).toEqual([471.82, 483.95, 487.6, 499.28, 503.76]);
    expect(a.listed.every((v) => v.available && v.options.material === 'leather')).toBe(true);
    expect(texts(productLines(a)).at(-1)).toBe(
      'Tell me which options you would like and I will check that variant for you.',
    );
  });

  it('says out of stock for a variant that is', () => {
    const a = answerFor('the red leather office chair with no armrests, high-back', officeChair(), true);
    expect(texts(productLines(a))).toContain(
      '- Office Chair, leather material, red color, no armrest, high-back backrest height: out of stock, $466.44.',
    );
  });

  it('says which options exist when no variant has all those named', () => {
    const a = answerFor('An office chair in red leather with adjustable armrests?', officeChair(), true);
    expect(a.kind).toBe('none');
    expect(a.listed).toEqual([]);
    expect(texts(productLines(a))).toEqual([
      'The Office Chair does not come with exactly the options you asked for.',
      'The Office Chair comes in these options:',
      '- material: fabric, mesh, leather.',
      '- color: black, red, gray, blue.',
      '- armrest: none, fixed, adjustable.',
      '- backrest height: high-back, standard.',
    ]);
  });

  it('does not pretend a colour the product lacks: it says which options exist', () => {
    expect(answerFor('Is the office chair available in green?', officeChair(), true).kind).toBe('none');
  });

  it('lists options and some variants when nothing was named', () => {
    const a = answerFor('Is the office chair in stock?', officeChair(), true);
    expect(a.kind).toBe('all');
    const lines = texts(productLines(a));
    expect(lines[0]).toBe('The Office Chair comes in these options:');
    expect(lines).toContain('Some of the Office Chair variants:');
  });

  it('records the lookup with the products and options it was about', () => {
    expect(lookupCall([answerFor(EXAMPLE, officeChair(), true)])).toEqual({
      name: 'lookup_product',
      input: { query: 'Office Chair (black color, leather material and adjustable armrest)' },
      status: 'ok',
    });
  });
});
