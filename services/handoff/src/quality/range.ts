// The report's date range: `from` and `to` are UTC calendar days (`YYYY-MM-DD`), both included; by default the
// last seven days up to today. Bounded so one request cannot scan a year of turns.

export const MAX_RANGE_DAYS = 92;
const DAY_MS = 86_400_000;

export interface DayRange {
  from: string;
  to: string;
  /** `from` at 00:00 UTC and the day after `to` at 00:00 UTC: turns decided in [start, end). */
  start: Date;
  end: Date;
}

function day(name: string, value: unknown): { date: Date } | { problem: string } {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
    return { problem: `${name}: must be a date as YYYY-MM-DD` };
  const date = new Date(`${value}T00:00:00Z`);
  // `2026-02-30` parses as 2 March: a day that does not exist is refused, not moved.
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value)
    return { problem: `${name}: ${value} is not a day of the calendar` };
  return { date };
}

export function parseDayRange(
  query: { from?: unknown; to?: unknown },
  now: Date,
): { ok: true; range: DayRange } | { ok: false; problems: string[] } {
  const today = now.toISOString().slice(0, 10);
  const to = day('to', query.to ?? today);
  const fromDefault =
    'date' in to ? new Date(to.date.getTime() - 6 * DAY_MS).toISOString().slice(0, 10) : today;
  const from = day('from', query.from ?? fromDefault);
  const problems = [from, to].flatMap((d) => ('problem' in d ? [d.problem] : []));
  if (!('date' in from) || !('date' in to)) return { ok: false, problems };
  const days = Math.round((to.date.getTime() - from.date.getTime()) / DAY_MS) + 1;
  if (days < 1) return { ok: false, problems: ['from: must not be after to'] };
  if (days > MAX_RANGE_DAYS)
    return {
      ok: false,
      problems: [`to: the range may span at most ${MAX_RANGE_DAYS} days (this one spans ${days})`],
    };
  return {
    ok: true,
    range: {
      from: from.date.toISOString().slice(0, 10),
      to: to.date.toISOString().slice(0, 10),
      start: from.date,
      end: new Date(to.date.getTime() + DAY_MS),
    },
  };
}
