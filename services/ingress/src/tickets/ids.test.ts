import { describe, expect, it } from '@jest/globals';
import { newId, newTicketId } from './ids.js';

describe('newTicketId', () => {
  it('is a prefixed ULID that sorts by time and does not repeat', () => {
    const a = newTicketId(1_700_000_000_000);
    const b = newTicketId(1_700_000_000_001);
    expect(a).toMatch(/^tkt_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(a < b).toBe(true);
    const many = new Set(Array.from({ length: 1000 }, () => newTicketId(5)));
    expect(many.size).toBe(1000);
  });
});

describe('newId', () => {
  it('takes the prefix of its kind', () => {
    expect(newId('chs', 1_700_000_000_000)).toMatch(/^chs_[0-9A-HJKMNP-TV-Z]{26}$/);
  });
});
