import { describe, expect, it } from '@jest/globals';
import type { GoldenCase } from './cases.js';
import { byCategoryAndIntent, splitGoldenCases } from './split.js';

/** 41 cases in strata of 1 to 9: odd and even sizes, so the odd-case rule is exercised. */
function cases(): GoldenCase[] {
  const strata: Array<[GoldenCase['category'], GoldenCase['intent'], number]> = [
    ['help_centre', 'shipping_info', 9],
    ['help_centre', 'payment', 6],
    ['order_status', 'order_status', 7],
    ['action', 'cancel_order', 5],
    ['action', 'exchange_request', 4],
    ['out_of_scope', 'out_of_scope', 3],
    ['human', 'complaint', 2],
    ['other_customers_order', 'order_status', 1],
    ['complaint', 'complaint', 3],
    ['product', 'product_question', 1],
  ];
  let n = 0;
  return strata.flatMap(([category, intent, size]) =>
    Array.from({ length: size }, () => {
      n += 1;
      const id = `g-${String(n).padStart(4, '0')}`;
      return {
        id,
        text: `ticket ${id}`,
        channel: 'api' as const,
        intent,
        category,
        accept: ['suggested'],
        articles: [],
        mustContain: [],
        styles: ['terse'],
      };
    }),
  );
}

const ids = (xs: GoldenCase[]) => xs.map((c) => c.id);

describe('splitGoldenCases', () => {
  it('puts every case in exactly one half, the halves within one case of each other', () => {
    const { dev, test } = splitGoldenCases(cases());
    expect([...ids(dev), ...ids(test)].sort()).toEqual(ids(cases()));
    expect(Math.abs(dev.length - test.length)).toBeLessThanOrEqual(1);
  });

  it('halves every stratum: each half holds half of it, rounded either way', () => {
    const { dev, test } = splitGoldenCases(cases());
    const count = (xs: GoldenCase[], s: string) => xs.filter((c) => byCategoryAndIntent(c) === s).length;
    for (const s of new Set(cases().map(byCategoryAndIntent))) {
      const size = count(cases(), s);
      expect([Math.floor(size / 2), Math.ceil(size / 2)]).toContain(count(test, s));
      expect(count(dev, s) + count(test, s)).toBe(size);
    }
  });

  it('depends on the seed and the cases, not on the order they come in', () => {
    const shuffled = [...cases()].reverse();
    expect(ids(splitGoldenCases(shuffled, 7).test)).toEqual(ids(splitGoldenCases(cases(), 7).test));
    expect(ids(splitGoldenCases(cases(), 7).test)).not.toEqual(ids(splitGoldenCases(cases(), 8).test));
  });

  it('returns each half sorted by id', () => {
    const { dev, test } = splitGoldenCases([...cases()].reverse());
    expect(ids(dev)).toEqual([...ids(dev)].sort());
    expect(ids(test)).toEqual([...ids(test)].sort());
  });
});
