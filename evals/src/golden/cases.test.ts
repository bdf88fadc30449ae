import { describe, expect, it } from '@jest/globals';
import { parseGoldenCases } from './cases.js';

const good = {
  id: 'g-0001',
  text: 'how much is shipping',
  intent: 'shipping_info',
  category: 'help_centre',
  accept: ['auto_sent', 'suggested'],
  articles: ['shipping-methods'],
  mustContain: ['$5.99'],
  styles: ['terse'],
};
const line = (over: Record<string, unknown>) => JSON.stringify({ ...good, ...over });

describe('parseGoldenCases', () => {
  it('reads one case per line and skips blank lines', () => {
    const action = { tool: 'cancel_order', args: { order_id: '#W1234567', reason: 'no longer needed' } };
    const cases = parseGoldenCases(
      `${line({})}\n\n${line({ id: 'g-0002', customer: 'a@example.com', orderId: '#W1234567', action, accept: ['suggested'], mustContain: [] })}\n`,
      'x.jsonl',
    );
    expect(cases.map((c) => c.id)).toEqual(['g-0001', 'g-0002']);
    expect(cases[1]?.action).toEqual(action);
  });

  it('names the file and line of invalid JSON', () => {
    expect(() => parseGoldenCases(`${line({})}\n{"id":`, 'x.jsonl')).toThrow(/^x\.jsonl:2: invalid JSON/);
  });

  it('names the failing field of a case outside the format', () => {
    expect(() => parseGoldenCases(line({ intent: 'weather' }), 'x.jsonl')).toThrow(/^x\.jsonl:1: intent:/);
    expect(() => parseGoldenCases(line({ styles: ['shouty'] }), 'x.jsonl')).toThrow(/styles\.0/);
    expect(() => parseGoldenCases(line({ orderId: 'W123' }), 'x.jsonl')).toThrow(/orderId/);
    expect(() => parseGoldenCases(line({ accept: [] }), 'x.jsonl')).toThrow(/accept/);
    expect(() => parseGoldenCases(line({ extra: 1 }), 'x.jsonl')).toThrow(/extra/);
  });

  it('refuses an auto-sendable case with no fact to check the reply against', () => {
    expect(() => parseGoldenCases(line({ mustContain: [] }), 'x.jsonl')).toThrow(/mustContain/);
  });

  it('refuses an id used twice', () => {
    expect(() => parseGoldenCases(`${line({})}\n${line({ text: 'other' })}`, 'x.jsonl')).toThrow(
      /x\.jsonl:2: id g-0001 appears twice/,
    );
  });
});
