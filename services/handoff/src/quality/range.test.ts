import { describe, expect, it } from '@jest/globals';
import { parseDayRange } from './range.js';

const now = new Date('2026-12-20T15:30:00Z');

describe('parseDayRange', () => {
  it('defaults to the last seven days up to today', () => {
    expect(parseDayRange({}, now)).toEqual({
      ok: true,
      range: {
        from: '2026-12-14',
        to: '2026-12-20',
        start: new Date('2026-12-14T00:00:00Z'),
        end: new Date('2026-12-21T00:00:00Z'),
      },
    });
    expect(parseDayRange({ to: '2026-03-02' }, now)).toMatchObject({
      ok: true,
      range: { from: '2026-02-24' },
    });
  });

  it('includes both days, one day included', () => {
    expect(parseDayRange({ from: '2026-12-01', to: '2026-12-01' }, now)).toMatchObject({
      ok: true,
      range: { start: new Date('2026-12-01T00:00:00Z'), end: new Date('2026-12-02T00:00:00Z') },
    });
  });

  it.each([
    [{ from: '2026-12-1' }, 'from: must be a date as YYYY-MM-DD'],
    [{ from: '2026-02-30', to: '2026-03-02' }, 'from: 2026-02-30 is not a day of the calendar'],
    [{ to: 'yesterday' }, 'to: must be a date as YYYY-MM-DD'],
    [{ from: ['2026-12-01'] }, 'from: must be a date as YYYY-MM-DD'],
    [{ from: '2026-12-10', to: '2026-12-09' }, 'from: must not be after to'],
    [{ from: '2026-01-01', to: '2026-12-31' }, 'to: the range may span at most 92 days (this one spans 365)'],
  ])('refuses %j', (query, problem) => {
    expect(parseDayRange(query, now)).toEqual({ ok: false, problems: [problem] });
  });

  it('names both bad days at once', () => {
    expect(parseDayRange({ from: 'x', to: 'y' }, now)).toEqual({
      ok: false,
      problems: ['from: must be a date as YYYY-MM-DD', 'to: must be a date as YYYY-MM-DD'],
    });
  });
});
