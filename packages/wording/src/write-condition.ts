/**
 * A question whether a write may still be done that puts a condition on it the order's status does not settle:
 * the item's state ("if I threw away the box", "without the receipt", "even though I've worn them"), or a time
 * past the window ("after 30 days"). "Because it is delivered, it can be returned" answers "can I still return
 * #W…?" and not "can I still return #W… if I threw away the box?", whose answer is the help centre's condition
 * of the items. A condition on the status itself ("if it's already processed, can I still cancel it?") is
 * settled by the records and is not one of these.
 */
import { canonicalText } from './order-question.js';

/** What a customer may have done to the item, or not have any more. */
const DONE_TO_IT = String.raw`(?:threw|thrown|throw|binned|tossed|lost|lose|opened|open|used|use|worn|wore|wear|washed|tried|broke|broken|damaged|assembled|built|removed|tore|torn|ripped|cut|scratched|dropped|spilled|no longer have|dont have|do not have|didnt keep|did not keep|havent got|have not got)`;

const r = (source: string) => new RegExp(source);

const CONDITIONS: readonly RegExp[] = [
  // "if I threw away the box", "if it's been opened", "if the tags are cut off"
  r(
    String.raw` if (?:i|we|ive|weve|id|it|its|theyve|they|theyre|the \S+(?: \S+)?) (?:\S+ ){0,3}?${DONE_TO_IT} `,
  ),
  r(
    String.raw` (?:even )?(?:though|although|when|now that) (?:i|we|ive|weve|it|its|they) (?:\S+ ){0,3}?${DONE_TO_IT} `,
  ),
  // "without the box", "with no receipt", "minus the original packaging"
  r(
    String.raw` (?:without|with no|minus|missing) (?:the |a |an |its |their |my |any |all )?(?:\S+ ){0,2}?(?:box|boxes|packaging|package|receipt|tags?|labels?|manual|accessories|cables?|charger|seal|wrapping|parts?) `,
  ),
  // "with the tags removed", "the seal is broken", "the box is already open"
  r(
    String.raw` (?:tag|tags|label|labels|seal|seals|box|packaging|wrapping|plastic) (?:\S+ ){0,2}?(?:removed|off|cut|torn|broken|opened|open|missing|gone|damaged|thrown|binned|ripped) `,
  ),
  // "after 30 days", "past the return window", "it's been 6 weeks"
  r(
    String.raw` (?:after|past|beyond|over|more than|outside|its been|it has been) (?:the )?(?:\d+|thirty|forty|fifty|sixty|ninety|two|three|four|five|six|a few|a couple of) (?:days|weeks|months) `,
  ),
  // "bought #W… two months ago, can I still return it?"
  r(
    String.raw` (?:bought|ordered|got|received|delivered|arrived|purchased|came|had) (?:\S+ ){0,3}?(?:\d+|two|three|four|five|six|seven|eight|a few|a couple of|several|many) (?:weeks|months|years) ago `,
  ),
  r(
    String.raw` (?:after|past|beyond|outside|missed) (?:the |my )?(?:\d+ day |thirty day )?(?:return|returns|exchange) (?:window|period|deadline|limit) `,
  ),
];

/** The message asks about a write on a condition of the item or of time that the order's status does not settle. */
export function asksWithCondition(text: string): boolean {
  const canonical = canonicalText(text);
  return CONDITIONS.some((p) => p.test(canonical));
}
