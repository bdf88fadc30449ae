import type { TicketTurn } from '@parley/contracts';
import { itemPickedFromList, orderIdsIn, pickedByPosition, plainApostrophes } from '@parley/wording';
import type { Requested } from './request.js';
import { ASK_ORDER, READ_BACK, writeAskedIn } from './wording.js';

/** The customer's messages about the request being filled, and the write an earlier reply was filling. */
export interface RequestWindow {
  /** The customer's messages since the request began, oldest first; the latest last. */
  messages: string[];
  /** The write the planner's previous reply asked about or read back, if it was one of its replies. */
  ongoing?: Requested;
  /**
   * That reply read the write back: the customer answers it with more than a yes or a no ("add the lamp as
   * well", "that is not what I asked for"), saying something new rather than what was asked.
   */
  readBack?: boolean;
  /** Every customer message of the ticket (identification holds for the whole conversation). */
  all: string[];
  /**
   * The orders the reply just before the latest message offered to choose from, in the order it listed them:
   * "the second one" is read against them.
   */
  offered?: string[];
  /**
   * Orders named earlier in the conversation, before this request began (by the customer or in a reply), the
   * most recent first: "ok, please cancel it" after a status answer about #W... is about that order.
   */
  earlier?: string[];
}

/**
 * An answer that picked from the list the reply before it gave ("the second one"), with what it picked added: an
 * earlier pick of an order gets the order's number, so later turns of the same request ("ordered by mistake") still
 * know which order it is; a pick of an order's items (any turn, the latest too) gets the item's name, which the
 * planner reads as if the customer had named it.
 */
function withPick(said: string, before: TicketTurn['history'][number] | undefined): string {
  if (!before || before.role === 'customer') return said;
  const item = itemPickedFromList([before], said);
  if (item) return `${said} (${item})`;
  if (!before.body.includes(ASK_ORDER) || orderIdsIn(said).length > 0) return said;
  const picked = pickedByPosition(said, orderIdsIn(before.body));
  return picked ? `${said} (${picked})` : said;
}

/**
 * The request the customer is making now: their messages since the last reply that was not the planner asking
 * for details or reading a write back (an answer, an action's outcome, "no problem, nothing changed"). A
 * customer answering "PayPal" to "which payment method?" is still asking for the exchange they began with.
 */
export function requestWindow(ticket: TicketTurn): RequestWindow {
  const messages: string[] = [];
  const all: string[] = [];
  let ongoing: RequestWindow['ongoing'];
  let readBack = false;
  let offered: string[] | undefined;
  let open = true;
  const earlier: string[] = [];
  for (let i = ticket.history.length - 1; i >= 0; i -= 1) {
    const entry = ticket.history[i]!;
    if (entry.role === 'customer') {
      const said = plainApostrophes(entry.body);
      all.unshift(said);
      if (open) messages.unshift(withPick(said, ticket.history[i - 1]));
      else earlier.push(...orderIdsIn(said).reverse());
      continue;
    }
    if (!open) {
      earlier.push(...orderIdsIn(entry.body).reverse());
      continue;
    }
    const asked = writeAskedIn(entry.body);
    // Only the reply just before this message says which write is in progress.
    if (messages.length === 0 && ongoing === undefined) {
      ongoing = asked;
      readBack = asked !== undefined && entry.body.includes(READ_BACK);
      if (asked !== undefined && entry.body.includes(ASK_ORDER)) offered = orderIdsIn(entry.body);
    }
    if (asked === undefined) {
      open = false;
      // The reply that ended the earlier exchange ("Your order #W... is currently pending.").
      earlier.push(...orderIdsIn(entry.body).reverse());
    }
  }
  // Every turn carries the ticket's subject: it belongs to the first message only.
  const subject = ticket.history.length === 0 ? (ticket.subject ?? '') : '';
  // Read with plain apostrophes ("don’t need it" as typed on a phone is "don't need it").
  const latest = plainApostrophes([subject, ticket.body].filter(Boolean).join('\n'));
  const latestItem = itemPickedFromList(ticket.history, latest);
  return {
    messages: [...messages, latestItem ? `${latest} (${latestItem})` : latest],
    all: [...all, latest],
    ...(ongoing ? { ongoing } : {}),
    ...(readBack ? { readBack } : {}),
    ...(offered && offered.length > 1 ? { offered } : {}),
    ...(earlier.length > 0 ? { earlier: [...new Set(earlier)] } : {}),
  };
}
