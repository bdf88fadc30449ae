import type { TicketTurn } from '@parley/contracts';
import type { Taxonomy } from '@parley/demo-store';
import {
  askedWrite,
  isStatusOfAwaited,
  isStatusOnly,
  lookupQuestion,
  orderPickedFromList,
  readOrderQuestion,
  saysCancellationDone,
} from '@parley/wording';
import type { IntentResult } from '../intent/classifier.js';

export const ORDER_STATUS = 'order_status';
const COMPLAINT = 'complaint';

/**
 * Whether the turn asks only for the status of an order: where it is, whether it shipped or arrived, its
 * tracking, in any wording (`@parley/wording`), and nothing a status cannot answer (no cancellation,
 * return, change, refund or reported problem). Only a known customer has orders to ask about (or one giving the
 * details an order lookup asked for: `text` is then the question they answer), and "my
 * wife's order" without an order id is not theirs; an answer picking one of the orders the previous reply listed
 * asks for that one's status. Whether the order is the sender's is checked later, against their records.
 */
export function asksOrderStatus(
  ticket: Pick<TicketTurn, 'customer' | 'history' | 'body'>,
  text: string,
): boolean {
  // A sender not yet known has no orders to ask about, unless these are the details a lookup asked for.
  if (!ticket.customer.crmId && lookupQuestion(ticket.history, ticket.body) === undefined) return false;
  // "2" or "the cancelled one" to the list of their orders the previous reply asked "which one?" about.
  if (orderPickedFromList(ticket.history, ticket.body)) return true;
  const q = readOrderQuestion(text);
  // "I haven't received anything" is a status question until the records say the order was delivered: the
  // gate checks that against them.
  return (isStatusOnly(q) || isStatusOfAwaited(q)) && (q.orderIds.length > 0 || !q.someoneElse);
}

/**
 * "Why was my order cancelled?" asks about the order's state, not for a cancellation: the classifier reads the
 * word as a request. True when every word of cancelling in the text is the past participle, or speaks of a
 * cancellation already made ("did my cancellation go through?", "I hit cancel but the app froze"), and the
 * state is asked about ("was it cancelled?", "just checking it didn't get cancelled by accident"); "You cancelled
 * my order without telling me." states a grievance, not a question.
 */
export function asksCancelledState(text: string): boolean {
  if (/\bcancel(?:s|ling|ing|lation)?\b/i.test(text) && !saysCancellationDone(text)) return false;
  // Asked: a question, "please confirm the order is cancelled", or "just checking it didn't get cancelled".
  const asked = (s: string) => s.endsWith('?') || /\b(?:confirm|check|checking|make sure|verify)\b/i.test(s);
  const aboutState = (s: string) => /\bcancell?e?d\b/i.test(s) || saysCancellationDone(s);
  return (text.match(/[^.!?\n]*[.!?\n]?/g) ?? []).some((s) => asked(s) && aboutState(s));
}

/**
 * Changes the classifier reads from the products a status question names ("the state of my order with the
 * laptop and espresso machine... not shipped yet?" as modify_order): when the words ask for no write, the
 * status is what is asked. Not a cancellation: "I don't need it any more, has it shipped?" may well want one.
 */
const UNASKED_WRITES = new Set(['modify_order', 'exchange_request', 'return_request', 'change_address']);

/**
 * The classifier's answer for a turn that asks only for an order's status: order_status, with the
 * classifier's own probability for it (0 when it gave none), unless the classifier is sure of an intent that
 * a person handles (a confident "cancel" is not overruled by wording that missed the request), except a
 * cancellation read from the order's state alone ("was it cancelled?"), a change no words ask for, and a
 * complaint asked calmly (`calm`: no negative sentiment) in words that report no problem and ask only where
 * the order is ("nothing's arrived yet, is it on the way? 🙂"): the classifier reads the wait as a grievance,
 * the wording finds none, and the gate still holds the answer back for a delivered order.
 */
export function asOrderStatus(
  result: IntentResult,
  taxonomy: Taxonomy,
  sureAt: number,
  handling: number,
  text = '',
  calm = false,
): IntentResult | null {
  if (result.intent === ORDER_STATUS) return { ...result, outOfScope: false };
  const spec = (taxonomy.intents as Record<string, { band: string } | undefined>)[result.intent];
  const stateOnly = result.intent === 'cancel_order' && asksCancelledState(text);
  const unasked = UNASKED_WRITES.has(result.intent) && askedWrite(text) === undefined;
  const calmWait = result.intent === COMPLAINT && calm && isStatusOnly(readOrderQuestion(text));
  const overruled = stateOnly || unasked || calmWait;
  if (spec && spec.band !== 'auto' && !result.outOfScope && handling >= sureAt && !overruled) return null;
  const p = result.distribution?.find((d) => d.intent === ORDER_STATUS)?.p ?? 0;
  return { ...result, intent: ORDER_STATUS, confidence: p, outOfScope: false };
}
