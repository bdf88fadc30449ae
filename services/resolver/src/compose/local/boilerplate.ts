import { IDENTITY_QUESTION, ORDER_LOOKUP_LEAD, WHICH_ORDER_QUESTION } from '@parley/wording';
import { IDENTITY_UNMATCHED } from './plan/wording.js';

/**
 * The only sentences the local composer writes itself without a source: greetings, closings, and lines
 * that ask or hand over without stating anything about the customer's orders or the store's policies.
 */
export const CLOSING =
  'If anything is unclear, just reply to this message.\n\nBest regards,\nThe support team';
export const THANKS = 'Thanks for getting in touch.';
export const ASK_ORDER_NUMBER = 'Could you reply with your order number? It starts with #W.';
/** The question after the sender's orders are listed; the router and the gate read the answer to it. */
export const ASK_WHICH_ORDER = WHICH_ORDER_QUESTION;
export const CONFIRM =
  'Please reply "yes" to confirm and we will take care of it. Nothing changes until you confirm.';
export const NO_ORDER_FOUND = "I couldn't find that order on the account you wrote from.";
/** The reply to a message that only thanks us after a reply (`thanksOnly`). */
export const YOURE_WELCOME = "You're welcome, glad I could help.";
/** The reply to an acknowledgement of an answer ("ok", "👍": `acknowledgementOnly`). */
export const GLAD_TO_HELP = 'Glad I could help.';
/** The reply to a plain "no" to a write the previous reply offered or was filling in (`declinesOffer`). */
export const NOTHING_CHANGED = 'No problem, nothing has been changed.';
export const ASK_OPTIONS = 'Tell me which options you would like and I will check that variant for you.';
/** After a read-back of one of two writes a message asks for (`otherWriteAsked`): the other is not forgotten. */
export const ONE_AT_A_TIME =
  'You also asked for another change. We make one change at a time: once this one is done, reply with the other and we will take care of it too.';

export function greeting(firstName: string | undefined): string {
  return firstName ? `Hi ${firstName},` : 'Hi there,';
}

export function cannotShare(orderId: string): string {
  return `I can't share details of order ${orderId} from this account.`;
}

/** Patterns every boilerplate sentence matches; the grounding tests hold the composer to them. */
export const BOILERPLATE_PATTERNS: readonly RegExp[] = [
  /^Hi [\p{L}' -]+,$/u,
  /^I can't share details of order #W\d{7} from this account\.$/,
  ...[
    CLOSING,
    THANKS,
    ASK_ORDER_NUMBER,
    ASK_WHICH_ORDER,
    CONFIRM,
    NO_ORDER_FOUND,
    ASK_OPTIONS,
    ONE_AT_A_TIME,
    YOURE_WELCOME,
    NOTHING_CHANGED,
    GLAD_TO_HELP,
    ORDER_LOOKUP_LEAD,
    IDENTITY_QUESTION,
    IDENTITY_UNMATCHED,
  ].flatMap((s) =>
    s
      .split(/\n+|(?<=[.!?])\s+(?=["A-Z])/)
      .filter(Boolean)
      .map((line) => new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)),
  ),
];
