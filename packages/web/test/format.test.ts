import { describe, expect, it } from '@jest/globals';
import {
  countdown,
  customerName,
  duration,
  lastWeek,
  nextDue,
  percent,
  parseRoute,
  routeHash,
  safeHref,
  usd,
} from '../workspace/src/format.js';

describe('countdown', () => {
  const now = Date.parse('2026-01-05T10:00:00Z');
  it('counts down to a due time and says how late an overdue one is', () => {
    expect(countdown('2026-01-05T13:59:00Z', now)).toEqual({
      text: 'due in 3h 59m',
      overdue: false,
      soon: false,
    });
    expect(countdown('2026-01-05T10:14:00Z', now)).toEqual({
      text: 'due in 14m',
      overdue: false,
      soon: true,
    });
    expect(countdown('2026-01-05T10:00:30Z', now)).toEqual({
      text: 'due in 30s',
      overdue: false,
      soon: true,
    });
    expect(countdown('2026-01-05T09:58:00Z', now)).toEqual({
      text: 'overdue by 2m',
      overdue: true,
      soon: false,
    });
    expect(countdown('2026-01-08T12:00:00Z', now).text).toBe('due in 3d 2h');
  });

  it('uses the first response time while open, the resolution time after', () => {
    const item = { firstResponseDueAt: 'a', resolutionDueAt: 'b' };
    expect(nextDue({ ...item, status: 'open' })).toEqual({ label: 'first response', at: 'a' });
    expect(nextDue({ ...item, status: 'taken_over' })).toEqual({ label: 'resolution', at: 'b' });
  });
});

describe('routes', () => {
  it('reads a queue and an item from the hash, and falls back to needs reply', () => {
    expect(parseRoute('#/escalated/inb_tkt_1_2')).toEqual({ queue: 'escalated', itemId: 'inb_tkt_1_2' });
    expect(parseRoute('#/drafts')).toEqual({ queue: 'drafts', itemId: null });
    expect(parseRoute('#/everything')).toEqual({ queue: 'needs_reply', itemId: null });
    expect(parseRoute('#/drafts/<script>')).toEqual({ queue: 'needs_reply', itemId: null });
    expect(parseRoute('')).toEqual({ queue: 'needs_reply', itemId: null });
    expect(routeHash({ queue: 'mine', itemId: 'inb_x_1' })).toBe('#/mine/inb_x_1');
  });
});

describe('what is shown', () => {
  it('links only web addresses', () => {
    expect(safeHref('https://help.example/returns')).toBe('https://help.example/returns');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<b>x</b>')).toBeNull();
    expect(safeHref(undefined)).toBeNull();
  });

  it('names the customer from the CRM, then the ticket', () => {
    const ticket = (customer: Record<string, string>) => ({ ticket: { customer } });
    expect(customerName({ customer: { name: 'Yara Li' }, ...ticket({ email: 'y@x' }) })).toBe('Yara Li');
    expect(customerName({ customer: null, ...ticket({ email: 'y@x' }) })).toBe('y@x');
    expect(customerName({ customer: null, ...ticket({}) })).toBe('Unknown customer');
  });
});

describe('quality figures', () => {
  it('shows shares, costs and latencies, and a dash for what cannot be computed', () => {
    expect(percent(0.8333)).toBe('83.3%');
    expect(percent(1)).toBe('100%');
    expect(percent(null)).toBe('–');
    expect(usd(0.002667)).toBe('$0.0027');
    expect(usd(1.5)).toBe('$1.50');
    expect(usd(null)).toBe('–');
    expect(duration(850)).toBe('850 ms');
    expect(duration(2800)).toBe('2.8 s');
    expect(duration(null)).toBe('–');
  });

  it('defaults to the last seven days, today included', () => {
    expect(lastWeek(Date.parse('2026-12-20T23:59:00Z'))).toEqual({ from: '2026-12-14', to: '2026-12-20' });
  });
});
