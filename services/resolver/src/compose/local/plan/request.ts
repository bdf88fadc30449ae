import { orderIdsIn } from '@parley/contracts';
import {
  askedWrite,
  asksAboutRules,
  asksOtherOption,
  onlyTheQuestion,
  questionsBesideRequest,
} from '@parley/wording';
import { addressIn, cancelReason } from './details.js';
import type { WriteKind } from './types.js';

/**
 * A write not yet settled by the order it is about: a change of items is a modification of a pending order and
 * an exchange of a delivered one; a refund is a cancellation of a pending order and a return of a delivered one;
 * a modification may still be of items, address or payment.
 */
export type Requested = WriteKind | 'swap' | 'refund' | 'modify';

const PAYMENT_CHANGE =
  /\b(?:payment method|pay (?:for it |it )?(?:with|using|by)|change (?:the |my )?payment|switch (?:the |my )?payment|(?:use|charge|bill) (?:my |the )?(?:[\w-]+ )?(?:paypal|gift ?card|credit card|debit card|visa|master ?card|amex))\b/i;
/**
 * A payment method as where an order's charge is moved: "switch #W... to my gift card", "put the order on my
 * Visa instead of PayPal", "move it onto the card ending 1234". Items are never moved to a card, so a change
 * whose target is one is a change of payment whatever its verb.
 */
const PAYMENT_TARGET =
  /\b(?:to|on|onto|with|using|by)\s+(?:my|the|a|our)?\s*(?:new\s+|other\s+)?(?:gift ?card|paypal|visa|master ?card|amex|american express|discover|credit card|debit card|card ending)\b/i;
/** The words speak of changing how an order is paid. */
const namesPayment = (text: string) => PAYMENT_CHANGE.test(text) || PAYMENT_TARGET.test(text);

/**
 * A modification is of the payment when the words name one and no change of items is left once the payment
 * words are taken out, or when they move "the payment" itself to a method ("Switch #W... payment to my gift
 * card, I got one for my birthday", whose "for" would read as an item change).
 */
function changesPayment(text: string): boolean {
  if (!namesPayment(text)) return false;
  if (PAYMENT_TARGET.test(text) && /\bpayment\b/i.test(text)) return true;
  return !ITEM_CHANGE.test(text.replace(PAYMENT_CHANGE, '').replace(PAYMENT_TARGET, ''));
}

const ADDRESS_CHANGE = /\b(?:address|ship (?:it )?to|deliver (?:it )?to|shipping to)\b/i;
const DEFAULT_ADDRESS =
  /\b(?:(?:default|saved) (?:shipping |delivery |billing |home |mailing )?address|(?:my|the) address on (?:file|my account|the account|my profile)|account address|profile address|address (?:in|on) my (?:account|profile))\b/i;
const ITEM_CHANGE = /\b(?:exchange|swap|switch|change|modify|replace)\b.*\b(?:for|to|into|with)\b/i;

/** An item or its option swapped, with nothing said of what for: "is it too late to swap an item in #W…?". */
const ITEM_SWAP =
  /\b(?:exchange|swap|switch|change)\b (?:\w+ ){0,2}?(?:item|items|something|product|size|sizes|colou?rs?|variant)\b/i;

const WRITE_INTENTS = new Set([
  'cancel_order',
  'return_request',
  'exchange_request',
  'change_address',
  'modify_order',
  'complaint',
]);

/**
 * The customer speaks of an order of theirs: its number, "my order", "I bought/ordered/received", "I've just
 * received", "I recently got my...".
 */
const ABOUT_AN_ORDER =
  /\bmy (?:recent )?(?:order|purchase|delivery)\b|\bi(?:'ve| have)? (?:just |recently |already )?(?:bought|ordered|received|purchased|got my)\b/i;
const aboutAnOrder = (text: string) => orderIdsIn(text).length > 0 || ABOUT_AN_ORDER.test(text);

/**
 * The write the customer asks for: the one their words ask for in a request ("I'd like to return...",
 * `askedWrite`), else the routed intent's. Words count under any routed intent when they speak of an order of
 * theirs; undefined when neither asks for a write. A question beside a request in so many words ("Can you cancel
 * #W...? And how long will the refund take?", `questionsBesideRequest`) leaves the request standing: the composer
 * answers it beside the write.
 */
export function requestedWrite(intent: string, text: string): Requested | undefined {
  if (asksAboutRules(text) && !detailsGiven(text) && !questionsBesideRequest(text)) return undefined;
  const routed = fromIntent(intent, text);
  const asked = askedWrite(text);
  if (!asked) return routed;
  const write = WRITE_INTENTS.has(intent);
  // "change" says a modification, not which: the routed write intent says more, else what is changed.
  if (asked === 'modify' && write && routed) return routed;
  const worded = asked === 'modify' ? refineChange(text) : asked;
  if (write) return worded;
  return aboutAnOrder(text) && worded !== 'modify' ? worded : routed;
}

/** Where one request ends and another begins: a sentence's end, or "and" before the verb of a write. */
const NEXT_REQUEST =
  /(?<=[.!?;])\s+|\n+|,?\s+and\s+(?:also\s+|then\s+|please\s+|pls\s+|can you\s+|could you\s+)?(?=(?:cancel|return|exchange|swap|switch|change|update|modify|send)\b)/i;

/** What opens a request added to another: "Also return the lamp", "And change my address". */
const ADDED_ON = /^(?:(?:and|also|plus|then|oh)\b[\s,]*)+/i;

/** A swap of items is a change of a pending order's or an exchange of a delivered one's. */
const ITEMS: ReadonlySet<Requested> = new Set(['swap', 'order_items', 'exchange']);
const UNDO: ReadonlySet<Requested> = new Set(['cancel', 'return']);

/** One write however asked: the money back is what a cancellation or a return brings. */
const sameWrite = (a: Requested, b: Requested) =>
  a === b ||
  (ITEMS.has(a) && ITEMS.has(b)) ||
  (a === 'refund' && UNDO.has(b)) ||
  (b === 'refund' && UNDO.has(a));

/**
 * A second write the message asks for in so many words beside the one planned ("change the address on my order to
 * ... and swap the skateboard for a blue one", "Cancel #W.... And change my saved address to ..."): the planner
 * reads back one write at a time, and the reply says the other is not forgotten. Beside a change only a write named
 * by its verb counts (cancel, return, exchange, swap, refund), and a change ("change ...", "use my gift card ...")
 * only beside a cancellation or a return: what a change changes is read from few words, and beside an exchange it
 * is often how the difference is paid ("use my gift card for the extra").
 */
export function otherWriteAsked(text: string, planned: Requested): boolean {
  const undoing = UNDO.has(planned) || planned === 'refund';
  return text
    .split(NEXT_REQUEST)
    .map((clause) => askedWrite(clause.replace(ADDED_ON, '')))
    .some((write) => write !== undefined && (write !== 'modify' || undoing) && !sameWrite(write, planned));
}

/**
 * Where money a write moves is to go: "gift card for the difference pls", "put any difference on my gift card",
 * "Refund difference to paypal", "refund to PayPal is fine".
 */
const METHOD = String.raw`(?:gift ?card|paypal|visa|master ?card|amex|credit card|debit card|card)`;
const MONEY_DESTINATION = new RegExp(
  String.raw`\b(?:difference|refund|money)\b[^.!?]{0,30}?\b(?:to|on|onto|into)\s+(?:my\s+|the\s+)?${METHOD}\b` +
    String.raw`|\b${METHOD}\b[^.!?]{0,15}?\bfor (?:the |any )?difference\b`,
  'i',
);
/** A clause asking something: it ends with a question mark or opens as a question. */
const ASKING =
  /\?\s*$|^(?:(?:and|so|but)\s+)?(?:can|could|may|do|does|did|is|are|will|would|should|how|what|when|where|why|which|if)\b/i;

/**
 * "can I exchange the black helmet from #W... for the red one? gift card for the difference pls": worded as a
 * question, but the message states (not asks) where the money goes, the address to ship to, the payment method to
 * use or why a cancellation is wanted ("Is it possible to cancel #W...? I ordered it by mistake.", "can I return
 * them? refund onto my gift card is fine"): details only a request gives, with or without the order's number (the
 * planner finds the order or asks which). Reading the write back answers whether it can be done, and nothing is
 * written before the customer's yes. "Does the difference go to my card?" asks.
 */
function detailsGiven(text: string): boolean {
  const cancelling = /\bcancel/i.test(text);
  const clauses = text
    .split(/(?<=[.!?;:])\s+|\n+/)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
  if (clauses.some((c) => asksToGoToAddress(c) || asksToPayWith(c))) return true;
  return clauses
    .filter((c) => !ASKING.test(c))
    .some(
      (c) =>
        MONEY_DESTINATION.test(c) ||
        // A street address with a ZIP code: "2100 Market Street, Floor 4, Columbus, OH 43215".
        addressIn(c) !== undefined ||
        PAYMENT_TARGET.test(c) ||
        (cancelling && cancelReason(c) !== undefined),
    );
}

const PAY_ASKED = /^(?:can|could|may)\b(?![^?]*\b(?:if|when|once)\b)/i;

/**
 * "Could I pay for #W... with my Visa ending 1373 instead of PayPal?": asked, but the order and the method of the
 * customer's own to move it to are both named, as only a request names them. "Can I pay with a gift card?" asks.
 */
function asksToPayWith(clause: string): boolean {
  if (!PAY_ASKED.test(clause) || orderIdsIn(clause).length === 0) return false;
  // The method is the customer's own: "with my Visa", "onto the card ending 4421", not "with a gift card".
  const target = PAYMENT_TARGET.exec(clause);
  return target !== null && /^\S+\s+(?:my|the)\s/i.test(target[0]);
}

/** "can the address for #W... be changed to ...", "could you send it to ...", not on a condition ("if ..."). */
const GO_TO_ASKED =
  /^(?:can|could)\b(?![^?]*\b(?:if|when|once)\b)[^?]*\b(?:change[ds]?|send|sent|ship(?:ped)?|deliver(?:ed)?|redirect(?:ed)?|move[ds]?|go)\b[^?]*?\bto\b/i;

/**
 * "can the address for #W... be changed to 950 Bay Drive, Apt 4C, Tampa, FL 33602?": asked, but the new street
 * address is written out in the question; only a request gives it.
 */
function asksToGoToAddress(clause: string): boolean {
  return GO_TO_ASKED.test(clause) && addressIn(clause) !== undefined;
}

/**
 * The write a question about the rules asks about, when it names the order and says nothing else ("can I cancel
 * order #W…?", `onlyTheQuestion`): from a sender not yet known, whether that order allows it can only be told once
 * they say who they are, so the question is met as the request it leads to. Undefined when no order is named, the
 * message says more (a story is for a person to read with the rules), or the intent names no write.
 */
export function writeToCheck(intent: string, text: string): Requested | undefined {
  if (orderIdsIn(text).length === 0 || !asksAboutRules(text) || !onlyTheQuestion(text)) return undefined;
  const write = fromIntent(intent, text);
  return write === 'user_address' ? undefined : write;
}

/** The writes a question about how or whether to do one may name, each by its words. */
const ASKED_ABOUT: ReadonlyArray<[Requested, RegExp]> = [
  ['cancel', /\bcancel/i],
  ['return', /\b(?:return|send (?:\w+ ){0,2}?back)\b/i],
  ['order_address', /\b(?:change|update|correct|switch)\b[^.?!]*\b(?:delivery |shipping )?address\b/i],
];

/**
 * The one write a question about the rules names in its words ("how do I cancel my order?", "can I still send it
 * back?"), when it names exactly one a customer can ask the store for; the default address is not an order's.
 */
export function writeAskedAbout(text: string): Requested | undefined {
  const named = ASKED_ABOUT.filter(([, words]) => words.test(text)).map(([write]) => write);
  if (named.length !== 1) return undefined;
  return named[0] === 'order_address' && DEFAULT_ADDRESS.test(text) ? undefined : named[0];
}

/** Writes an order's status alone allows: whether items can be changed or exchanged depends on the options asked for. */
const OFFERED: ReadonlySet<Requested> = new Set(['cancel', 'order_address', 'return']);

/**
 * The write an answer about the rules may offer for the order it is about: the routed intent's, refined by the
 * words and settled by the order's status, when the status alone allows it (`OFFERED`); undefined otherwise.
 */
export function offeredWrite(intent: string, text: string, status: string): Requested | undefined {
  const write = fromIntent(intent, text);
  if (write === undefined) return undefined;
  const settled = settle(write, status, text) ?? write;
  return OFFERED.has(settled) ? settled : undefined;
}

/** The words ask for another option of an item ("swap it for the 60% one"), not an address or a payment. */
export function asksItemSwap(text: string): boolean {
  return fromIntent('modify_order', text) === 'swap';
}

/** What a "change" changes: the default address, an order's address, its payment or its items. */
function refineChange(text: string): Requested {
  return DEFAULT_ADDRESS.test(text) ? 'user_address' : (fromIntent('modify_order', text) ?? 'modify');
}

/** The write the routed intent stands for, refined by the words (which change a modification makes). */
function fromIntent(intent: string, text: string): Requested | undefined {
  switch (intent) {
    case 'cancel_order':
      return 'cancel';
    case 'return_request':
      return 'return';
    case 'exchange_request':
      return 'swap';
    case 'change_address':
      return DEFAULT_ADDRESS.test(text) ? 'user_address' : 'order_address';
    case 'modify_order':
      // The address every future order ships to is the account's, whatever intent a change of it was read as.
      if (DEFAULT_ADDRESS.test(text)) return 'user_address';
      if (ADDRESS_CHANGE.test(text) && !ITEM_CHANGE.test(text)) return 'order_address';
      if (changesPayment(text)) return 'order_payment';
      // A street address written out is where the order is to go ("redirect #W... to 230 Elm Avenue, ...").
      if (addressIn(text) !== undefined) return 'order_address';
      return ITEM_CHANGE.test(text) || ITEM_SWAP.test(text) || asksOtherOption(text) ? 'swap' : 'modify';
    case 'complaint':
      // A complaint that asks for the money back or to send the item back is that request.
      if (/\b(?:return|send (?:it|them) back)\b/i.test(text)) return 'return';
      if (/\b(?:exchange|swap|replacement)\b/i.test(text)) return 'swap';
      if (/\b(?:cancel)\b/i.test(text)) return 'cancel';
      if (/\b(?:refund|money back)\b/i.test(text)) return 'refund';
      return undefined;
    default:
      return undefined;
  }
}

/** Order statuses each write is possible in (the store's policy; its own decisions check again before writing). */
export function statusesFor(write: Requested): string[] {
  switch (write) {
    case 'cancel':
    case 'order_address':
    case 'order_items':
    case 'order_payment':
    case 'modify':
      return ['pending'];
    case 'return':
    case 'exchange':
      return ['delivered'];
    case 'swap':
    case 'refund':
      return ['pending', 'delivered'];
    case 'user_address':
      return [];
  }
}

/** The write once the order is known. */
export function settle(write: Requested, status: string, text: string): WriteKind | undefined {
  const pending = status === 'pending';
  switch (write) {
    case 'swap':
      return pending ? 'order_items' : 'exchange';
    case 'refund':
      return pending ? 'cancel' : 'return';
    case 'modify':
      if (ADDRESS_CHANGE.test(text)) return 'order_address';
      if (namesPayment(text)) return 'order_payment';
      return undefined;
    default:
      return write;
  }
}

/** The rule a write breaks on an order in this status (the store's refusal names). */
export function statusRule(write: Requested, status: string): string {
  if (status.startsWith('pending (')) return 'items_already_modified';
  return statusesFor(write).includes('delivered') && !statusesFor(write).includes('pending')
    ? 'order_not_delivered'
    : 'order_not_pending';
}
