/** What a masked card number reads as in stored and published text. */
export const CARD_MASK = '[card]';

// A run of digits where single spaces or dashes may separate groups (as people type card numbers).
export const DIGIT_RUN = /\d+(?:[ -]\d+)*/g;

/** Luhn (mod 10) check over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

const isCard = (digits: string) => digits.length >= 13 && digits.length <= 19 && luhnValid(digits);

/**
 * Replaces payment card numbers (13-19 digits passing Luhn, optionally grouped with spaces or dashes)
 * with `[card]`. A card typed next to other numbers ("4111 1111 1111 1111 exp 12 25" or a number run
 * that continues into a date) is found by trying every contiguous window of whole groups, longest first.
 */
export function maskCards(text: string): string {
  return text.replace(DIGIT_RUN, (run) => maskRun(run));
}

function maskRun(run: string): string {
  if (run.replace(/\D/g, '').length < 13) return run;
  // Parts alternate group, separator, group...; a card is a window of whole groups.
  const parts = run.split(/([ -])/);
  const groups = parts.filter((_, i) => i % 2 === 0);
  // For each start, the longest window (in digits) that is a card. Cards have at most 19 digits, so each
  // start looks at a handful of groups: linear in the run, whatever its length.
  const candidates: Array<{ start: number; end: number; digits: number }> = [];
  for (let start = 0; start < groups.length; start++) {
    let digits = '';
    let best = -1;
    for (let end = start; end < groups.length; end++) {
      digits += groups[end];
      if (digits.length > 19) break;
      if (isCard(digits)) best = end;
    }
    if (best >= 0) {
      const length = groups.slice(start, best + 1).join('').length;
      candidates.push({ start, end: best, digits: length });
    }
  }
  if (candidates.length === 0) return run;
  // Longest cards first, then leftmost; a window overlapping one already taken is skipped.
  candidates.sort((a, b) => b.digits - a.digits || a.start - b.start);
  const taken = new Array<boolean>(groups.length).fill(false);
  const chosen: Array<{ start: number; end: number }> = [];
  for (const c of candidates) {
    let free = true;
    for (let g = c.start; g <= c.end && free; g++) free = !taken[g];
    if (!free) continue;
    for (let g = c.start; g <= c.end; g++) taken[g] = true;
    chosen.push(c);
  }
  chosen.sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0; // next unconsumed index into parts
  for (const c of chosen) {
    out += parts.slice(pos, c.start * 2).join('') + CARD_MASK;
    pos = c.end * 2 + 1;
  }
  return out + parts.slice(pos).join('');
}
