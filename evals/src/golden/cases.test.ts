import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import type { GoldenCase } from './cases.js';
import { loadGoldenSplit, parseGoldenCases, perturbCases } from './cases.js';
import { referenceProblems } from './store.js';
import { tinyStore } from './testing.js';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/golden/', import.meta.url));

const valid = {
  id: 'g-0001',
  text: 'Do gift cards expire?',
  intent: 'payment',
  category: 'help_centre',
  accept: ['auto_sent', 'suggested'],
  articles: ['gift-cards'],
  mustContain: ['do not expire'],
  styles: ['terse'],
};
const line = (over: Record<string, unknown> = {}) => JSON.stringify({ ...valid, ...over });

describe('parseGoldenCases', () => {
  it('reads one case per non-blank line, the channel defaulting to api', () => {
    const cases = parseGoldenCases(`${line()}\n\n${line({ id: 'g-0002', channel: 'sms' })}\n`, 'dev.jsonl');
    expect(cases.map((c) => [c.id, c.channel])).toEqual([
      ['g-0001', 'api'],
      ['g-0002', 'sms'],
    ]);
  });

  it.each([
    ['bad JSON', '{not json', 'dev.jsonl:1: not valid JSON'],
    ['an unknown intent', line({ intent: 'weather' }), 'dev.jsonl:1: intent: Invalid enum value'],
    [
      'an empty accept',
      line({ accept: [] }),
      'dev.jsonl:1: accept: Array must contain at least 1 element(s)',
    ],
    [
      'a repeated decision',
      line({ accept: ['auto_sent', 'auto_sent'] }),
      'dev.jsonl:1: accept: must not repeat a decision',
    ],
    [
      'auto_sent without facts',
      line({ mustContain: [] }),
      'dev.jsonl:1: mustContain: must list at least one fact when accept has auto_sent',
    ],
    [
      'a malformed order id',
      line({ orderId: 'W123' }),
      'dev.jsonl:1: orderId: must be an order id like "#W1234567"',
    ],
    [
      'a customer that is no email',
      line({ customer: 'not-an-email' }),
      'dev.jsonl:1: customer: Invalid email',
    ],
    [
      'an unknown tool',
      line({ action: { tool: 'refund_everything' } }),
      'dev.jsonl:1: action.tool: Invalid enum value',
    ],
    ['an unknown style', line({ styles: ['shouty'] }), 'dev.jsonl:1: styles.0: Invalid enum value'],
    [
      'a misspelt field',
      line({ mustcontain: ['x'] }),
      "dev.jsonl:1: (line): Unrecognized key(s) in object: 'mustcontain'",
    ],
    ['a repeated id', `${line()}\n${line()}`, 'dev.jsonl:2: id "g-0001" already used on line 1'],
    ['an empty file', '\n\n', 'dev.jsonl: no cases'],
  ])('refuses %s, naming the line and the field', (_label, source, message) => {
    expect(() => parseGoldenCases(source, 'dev.jsonl')).toThrow(message);
  });

  it('accepts an empty mustContain when no automatic answer is acceptable', () => {
    expect(parseGoldenCases(line({ accept: ['escalated'], mustContain: [] }), 'f')[0]!.mustContain).toEqual(
      [],
    );
  });

  it('never quotes the customer text in an error', () => {
    expect(() => parseGoldenCases(line({ text: 'my secret text', intent: 'nope' }), 'f')).toThrow(
      /^(?!.*secret).*$/,
    );
  });
});

describe('loadGoldenSplit', () => {
  it('reads <dir>/<split>.jsonl', async () => {
    const cases = await loadGoldenSplit('dev', FIXTURES);
    expect(cases.length).toBe(12);
    expect(new Set(cases.map((c) => c.category))).toEqual(
      new Set([
        'help_centre',
        'store_info',
        'order_status',
        'action',
        'out_of_scope',
        'human',
        'other_customers_order',
      ]),
    );
  });

  it('names the missing file', async () => {
    await expect(loadGoldenSplit('test', FIXTURES)).rejects.toThrow(`${FIXTURES}test.jsonl: no such file`);
  });
});

describe('referenceProblems', () => {
  it('lists unknown articles, customers and orders by case id', () => {
    const [c] = parseGoldenCases(
      line({ articles: ['gift-cards'], customer: 'nobody@example.com', orderId: '#W9999999' }),
      'f',
    );
    expect(referenceProblems([c!], tinyStore())).toEqual([
      'g-0001: unknown article "gift-cards"',
      'g-0001: customer is not a demo-store customer',
      'g-0001: unknown order #W9999999',
    ]);
  });
});

describe('perturbCases', () => {
  const cases = parseGoldenCases(
    `${line()}\n${line({ id: 'g-0002', text: 'How long does standard shipping take?' })}\n`,
    'dev.jsonl',
  );

  it('rewrites only the texts, the same way every run', () => {
    const polite = perturbCases(cases, 'politeness', 1);
    expect(polite.map((c) => c.id)).toEqual(['g-0001', 'g-0002']);
    expect(polite[1]!.text).toContain('How long does standard shipping take?');
    expect(polite[1]!.text).not.toBe(cases[1]!.text);
    const withoutText = (c: GoldenCase) => ({ ...c, text: '' });
    expect(polite.map(withoutText)).toEqual(cases.map(withoutText));
    expect(perturbCases(cases, 'politeness', 1)).toEqual(polite);
    expect(perturbCases(cases, 'typo', 2).map((c) => c.text)).not.toEqual(cases.map((c) => c.text));
  });
});
