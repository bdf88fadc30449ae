// What a message asks of a refund, beside the order's status: whether it speaks of money coming back at all, and
// whether a question in it asks more of the refund than its record says (whether, when, where to, how much).

import { canonicalText, opensAsQuestion, questionMarked, readOrderQuestion } from './order-question.js';

/** Words of money coming back: "where's my money?", "any news about the refund", "was I reimbursed?". */
const MONEY_BACK = /\b(?:refund\w*|money|reimburs\w*|paid back|pay me back|credited)\b/i;

/**
 * The message speaks of money coming back to the customer, however it asks about the order ("Why does #W… say
 * cancelled? Where's my money?"): a status answer about an order a refund is due on then says what was refunded.
 */
export function speaksOfMoneyBack(text: string): boolean {
  return MONEY_BACK.test(text);
}

/**
 * What a question about a refund the records answer asks: whether it was made or went through, when or where it
 * went, how much it was ("has the refund gone through?", "where did the money go?", "was I refunded?", "how much
 * did you refund me?", "could you confirm the refund on #W…?"), in canonical words.
 */
const REFUND_ASKED: readonly RegExp[] = [
  / (?:refund|refunds|money) (?:\S+ ){0,5}?(?:went|gone|go|goes|going|been|get|got|issued|processed|sent|out|through|back|arrive|arrived|arriving|come|came|coming|happen|happened|returned|credited|show|shows|showing|appear|end|ended) /,
  / (?:refunded|reimbursed|credited) /,
  / (?:did|have|has|was|were|will) (?:you|i|we) (?:\S+ ){0,2}?(?:refund|refunded|issue|issued|send|sent|get|got|receive|received) /,
  / how much (?:\S+ ){0,5}?(?:refund|refunded|back|returned|credited) /,
  / (?:confirm|check|status of|update on|news on|news about|tell me if|find out if|situation (?:on|with)) (?:\S+ ){0,2}?(?:refund|money) /,
  / refund (?:status|situation) /,
  / (?:where|wheres|when|whens) (?:\S+ ){0,4}?(?:refund|money) /,
];

/**
 * A sentence that opens as a question and ends with a question mark asks something of the refund that its record
 * does not answer ("can you split it between my gift card and my visa?", "will it affect my credit score?", "can
 * I get it as a cheque?"): not whether, when, where to or how much it was, nor the order's status.
 */
export function asksBesidesRefund(text: string): boolean {
  return questionMarked(text)
    .map(askedPart)
    .some((asked) => {
      const words = canonicalText(asked);
      return (
        opensAsQuestion(words) &&
        !REFUND_ASKED.some((p) => p.test(words)) &&
        // "was it cancelled?": the order's status, which the answer states beside the refund; not a question of
        // the refund that sounds like one ("is there interest added if the refund is late?")
        !(readOrderQuestion(asked).asksStatus && !speaksOfMoneyBack(asked))
      );
    });
}

/**
 * The words a question sentence asks: its last clause when that opens as a question of its own ("My refund shows
 * as pending on my bank app, can you call my bank?"), else the whole sentence ("where did the refund go, my card
 * or paypal?").
 */
function askedPart(sentence: string): string {
  const last = sentence.split(/[,;:\u2013\u2014]| - /).at(-1) ?? '';
  return opensAsQuestion(canonicalText(last)) ? last : sentence;
}
