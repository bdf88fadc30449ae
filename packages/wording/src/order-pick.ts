// Which order a short reply picks from a list the previous reply offered: "the second one", "2", "the pending
// one". The list is the one a reply writes to ask which of the sender's orders a question is about (each order id
// followed by its status in brackets, and the question `WHICH_ORDER_QUESTION`), so the router, the composer and
// the gate read the same pick from the conversation.
import { orderIdsIn } from '@parley/contracts';

/** The question a reply asks after listing the sender's orders. */
export const WHICH_ORDER_QUESTION = 'Which one is your question about?';

/** The question the action planner asks after listing the orders a write could be for. */
export const WHICH_ORDER_FOR_WRITE = 'Which order is it? Please reply with its number (it starts with #W).';

const POSITIONS: Record<string, number> = {
  first: 0,
  '1st': 0,
  top: 0,
  second: 1,
  '2nd': 1,
  third: 2,
  '3rd': 2,
  fourth: 3,
  '4th': 3,
  fifth: 4,
  '5th': 4,
};
/** At most this many words in an answer that picks by position or status ("the second one", "the pending one"). */
const PICK_WORDS = 8;

const wordsOf = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

/** Words naming a status the list shows ("the pending one", "the one that shipped"). */
const STATUS_WORDS: Record<string, string> = {
  pending: 'pending',
  processed: 'processed',
  processing: 'processed',
  shipped: 'processed',
  delivered: 'delivered',
  arrived: 'delivered',
  cancelled: 'cancelled',
  canceled: 'cancelled',
};

/**
 * The order a short answer picks by its place in the list just offered: "the second one", "the last one", "2",
 * "number 3". Undefined for anything else, or a place the list does not have.
 */
export function pickedByPosition(answer: string, offered: readonly string[]): string | undefined {
  const words = wordsOf(answer);
  if (words.length === 0 || words.length > PICK_WORDS) return undefined;
  let at: number | undefined;
  for (const w of words) {
    if (Object.hasOwn(POSITIONS, w)) at = POSITIONS[w];
    else if (w === 'last' || w === 'bottom' || w === 'final') at = offered.length - 1;
    else if (w === 'middle' && offered.length === 3) at = 1;
  }
  const digits = /^(?:(?:number|no|option|order)\s*)?(\d)\s*(?:please|pls)?[.!]*$/i.exec(answer.trim());
  if (at === undefined && digits) at = Number(digits[1]) - 1;
  return at !== undefined && at >= 0 && at < offered.length ? offered[at] : undefined;
}

/** An order of the list and the status written beside it. */
interface Listed {
  orderId: string;
  status: string;
}

/**
 * "#W2378156 (delivered), #W4776164 (pending)", or the planner's "#W2403075 (pending: Electric Toothbrush);":
 * each order id with the status in brackets after it, its items after a colon.
 */
const LISTED = /(#W\d{7}) \(([a-z][a-z ()]*?)(?:: [^)]*)?\)(?=[,.;]|$| and )/g;

/** The orders the reply just before this message listed to ask which one; empty when it asked no such thing. */
function listedBefore(history: readonly { role: string; body: string }[]): Listed[] {
  const reply = [...history].reverse().find((e) => e.role !== 'customer');
  if (!reply || reply.role !== 'bot') return [];
  if (!reply.body.includes(WHICH_ORDER_QUESTION) && !reply.body.includes(WHICH_ORDER_FOR_WRITE)) return [];
  return [...reply.body.matchAll(LISTED)].map((m) => ({ orderId: m[1]!, status: m[2]! }));
}

/**
 * The order a message picks from the sender's orders the previous reply listed with "which one is your question
 * about?" (or the planner's "which order is it?"): by its place ("the second one", "2") or by a status only one of them has ("the pending one"). A
 * message naming an order id is read as any message is; a longer one, or one whose status fits several or none,
 * picks nothing.
 */
export function orderPickedFromList(
  history: readonly { role: string; body: string }[],
  body: string,
): string | undefined {
  const listed = listedBefore(history);
  if (listed.length < 2 || orderIdsIn(body).length > 0) return undefined;
  const byPlace = pickedByPosition(
    body,
    listed.map((l) => l.orderId),
  );
  if (byPlace) return byPlace;
  const words = wordsOf(body);
  if (words.length > PICK_WORDS) return undefined;
  const said = [...new Set(words.flatMap((w) => (Object.hasOwn(STATUS_WORDS, w) ? [STATUS_WORDS[w]!] : [])))];
  if (said.length !== 1) return undefined;
  const fits = listed.filter((l) => l.status === said[0]);
  return fits.length === 1 ? fits[0]!.orderId : undefined;
}
