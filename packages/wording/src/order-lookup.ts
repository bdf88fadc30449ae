import { givesIdentity } from './identity.js';
import { turnWords } from './turn-words.js';
import type { TurnWordsInput } from './turn-words.js';

// A sender not yet known who asks about an order ("where is my order #W…?", a chat visitor) is asked who they are
// first: the store shares order details only with the account holder, found by the account's email or their full
// name and ZIP code. The service keeps no state between turns, so the reply opens with a lead of its own and the
// next message is read against it: the details given answer the question asked before, which the router, the
// composer and the gate then read as that turn's question.

/** Asks a sender not yet known who they are; the write planner asks it too, after its own lead. */
export const IDENTITY_QUESTION =
  'Please reply with the email address of your account, or your full name and ZIP code, so I can find it.';

/** Opens the reply that asks who the sender is in order to look up their order. */
export const ORDER_LOOKUP_LEAD = 'I can look up your order for you.';

interface Entry {
  role: string;
  body: string;
}

/**
 * The question an order lookup was asked for, when this message gives the details the reply just before it asked
 * (`ORDER_LOOKUP_LEAD`: an email address or a five-digit number, `givesIdentity`). After details that matched no
 * account the lookup is asked again, so the question is the customer's message before the first of the asks in a
 * row. Undefined for any other message, or when a person replied in between.
 */
export function lookupQuestion(history: readonly Entry[], body: string): string | undefined {
  return lookupAnswered(history, body)?.question;
}

/** `lookupQuestion` with how many times in a row the lookup was asked (1: this is the first answer to it). */
export function lookupAnswered(
  history: readonly Entry[],
  body: string,
): { question: string; asks: number } | undefined {
  if (!givesIdentity(body)) return undefined;
  let found: { question: string; asks: number } | undefined;
  let i = history.length - 1;
  while (i >= 0) {
    const reply = history[i]!;
    if (reply.role !== 'bot' || !reply.body.includes(ORDER_LOOKUP_LEAD)) break;
    const before = history[i - 1];
    if (!before || before.role !== 'customer') break;
    found = { question: before.body, asks: (found?.asks ?? 0) + 1 };
    // Before that message, another ask of ours: that message was an attempt at the details, not the question.
    i -= 2;
  }
  return found;
}

/**
 * The words of a message giving the details an order lookup asked for, read as the question they answer: that
 * question, then the message (whatever else it says or asks beside the details still counts: "it's
 * ann@example.com, and can I still cancel it?"). Undefined for any other message.
 */
export function lookupWords(history: readonly Entry[], body: string): string | undefined {
  const question = lookupQuestion(history, body);
  return question === undefined ? undefined : `${question}\n${body}`;
}

/**
 * The customer's words this turn is answered for: for the details an order lookup asked for, the question they
 * answer with them (`lookupWords`), else the message itself (`turnWords`).
 */
export function askedWords(ticket: TurnWordsInput & { history?: readonly Entry[] | undefined }): string {
  return lookupWords(ticket.history ?? [], ticket.body) ?? turnWords(ticket);
}

/**
 * What the sender wrote in answer to our requests for their details (each customer message right after a reply of
 * ours asking `IDENTITY_QUESTION`), this message included when the reply before it asked: where a sender not
 * matched at the edge has said who they are. An address mentioned in passing ("my friend bob@example.com
 * recommended you") is no answer to the question, and identifies no one.
 */
export function identityAnswers(history: readonly Entry[], body: string): string[] {
  const all = [...history, { role: 'customer', body }];
  const answers: string[] = [];
  for (let i = 1; i < all.length; i++) {
    const e = all[i]!;
    const before = all[i - 1]!;
    if (e.role === 'customer' && before.role === 'bot' && before.body.includes(IDENTITY_QUESTION))
      answers.push(e.body);
  }
  return answers;
}
