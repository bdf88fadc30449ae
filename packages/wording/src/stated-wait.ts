// How long the customer says they have been waiting ("still pending after 8 days", "cancelled almost two weeks
// ago and still no refund", "it's been a week"). The store's help centre says how long each stage takes, so a
// wait past that line turns a status question into an order that is late: the status alone does not answer it,
// a person looks into it.

/** Counts in words, as customers write them; the vague ones ("a few", "several", "many") at their least. */
const COUNTS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fourteen: 14,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  couple: 2,
  few: 3,
  several: 4,
  many: 5,
};

const COUNT = String.raw`(\d{1,3}|${Object.keys(COUNTS).join('|')})`;
const UNIT = String.raw`(business |working )?(days?|wks?|weeks?|wek)`;

/**
 * A span of time that has passed, anchored so that it is a wait, not a deadline or a delivery time: "for 6
 * days", "after a week", "since 10 days", "8 days ago", "it's been a week", "over two weeks", "nearly 3 weeks".
 * "within 5 days", "in two weeks", "takes 5-7 days" and "a 30 day window" say nothing of a wait.
 */
const WAIT = new RegExp(
  String.raw`\b(?:(for|after|since|been|over|than|almost|nearly|about|around|past|whole|full|entire)\s+(?:(?:over|almost|nearly|about|around|more than|a good|a whole|a full|an entire)\s+)?(?:a\s+)?${COUNT}\s+(?:of\s+)?${UNIT}\b|${COUNT}\s+${UNIT}\s+(ago|now|already|and counting|later)\b)`,
  'gi',
);

/**
 * A wait put straight after the state it is spent in: "PENDING 9 DAYS", "waited 6 days", "stuck in transit 5
 * days".
 */
const STATE_WAIT = new RegExp(
  String.raw`\b(?:pending|processing|in transit|stuck|sitting|waiting|waited)\s+(?:(?:already|now|over|almost|nearly|about|around|more than)\s+)?${COUNT}\s+${UNIT}\b`,
  'gi',
);

/**
 * A wait stated in units without a count ("ordered it weeks ago", "waiting for weeks", "months ago"), at the
 * least it can mean: two of the unit. "Ages" and "forever" are not read: customers say them of a few days.
 */
const VAGUE_DAYS: Readonly<Record<string, number>> = { weeks: 14, months: 60 };
const VAGUE_WAIT =
  /\b(?:(weeks|months) ago|(?:waiting|waited|taking|taken) (?:for )?(?:literally |actually |like )?(weeks|months))\b/g;

/**
 * Time the customer is or will be away ("I'm going away on Friday for a week", "on holiday for two weeks",
 * "working away for ten days"): how long they will be gone, not how long they have waited. Its "for" is dropped so
 * that `WAIT` does not anchor on it.
 */
const AWAY =
  /\b((?:away|holiday|vacation|travel(?:l)?ing|a trip|business trip|out of (?:town|the country)|abroad|visiting (?:\w+ ){0,2}?)(?: (?:\w+ ){0,4}?)?)for (?=(?:\w+ ){0,3}?(?:days?|wks?|weeks?|wek|months?)\b)/g;

/** Days in a unit: business days count as seven calendar days for every five. */
function daysIn(count: number, unit: string, business: boolean): number {
  const weeks = /^(?:wks?|weeks?|wek)$/.test(unit);
  const days = weeks ? count * 7 : count;
  return business ? Math.round((days * 7) / 5) : days;
}

function countOf(word: string): number | undefined {
  return /^\d+$/.test(word) ? Number(word) : COUNTS[word];
}

/**
 * The longest wait, in calendar days, the message says has passed ("still pending after 8 days" -> 8, "over a
 * week ago" -> 7, "9 business days" -> 13); undefined when it states none. A count given as a range or an
 * approximation ("almost two weeks") is taken at its word.
 */
export function statedWaitDays(text: string): number | undefined {
  const s = text.toLowerCase().replace(/[’']/g, '').replace(/\s+/g, ' ').replace(AWAY, '$1 ');
  let longest: number | undefined;
  for (const m of s.matchAll(VAGUE_WAIT)) longest = Math.max(longest ?? 0, VAGUE_DAYS[(m[1] ?? m[2])!]!);
  for (const m of s.matchAll(STATE_WAIT)) {
    const count = countOf(m[1]!);
    if (count !== undefined) longest = Math.max(longest ?? 0, daysIn(count, m[3]!, m[2] !== undefined));
  }
  for (const m of s.matchAll(WAIT)) {
    const [, , before, businessBefore, unitBefore, after, businessAfter, unitAfter] = m;
    const count = countOf((before ?? after)!);
    const unit = (unitBefore ?? unitAfter)!;
    if (count === undefined) continue;
    const days = daysIn(count, unit, (businessBefore ?? businessAfter) !== undefined);
    longest = Math.max(longest ?? 0, days);
  }
  return longest;
}

/**
 * Tracking that has stopped moving, in the customer's words ("hasn't moved", "no movement", "still says label
 * created", "stuck at the depot", "not updated"): the help centre says a pause of more than 1-2 business days is
 * traced with the carrier by a person.
 */
const STALLED =
  /\b(?:has ?n[o']?t|have ?n[o']?t|hasnt|havent|not|never|didnt|did not) (?:\w+ )?(?:moved|changed|updated|budged|progressed)\b|\b(?:no|(?:not|nt|never) (?:\w+ ){0,2}?any) (?:movement|change|changes|update|updates|progress)\b|\b(?:still|only) (?:says?|shows?|showing|saying|at) (?:\w+ ){0,2}?(?:label|depot|facility|warehouse|created|same)\b|\bstuck (?:at|in|on)\b|\btracking (?:\w+ ){0,2}?(?:says|shows|tells|gives|said|showed) (?:me )?(?:nothing|no info)|\btracking (?:is|has been) (?:\w+ )?(?:useless|blank|empty)\b/i;

/** The message says the tracking of a parcel has stopped moving (`STALLED`). */
export function saysTrackingStalled(text: string): boolean {
  return STALLED.test(text.replace(/[’']/g, "'"));
}
