// Which of an order's items a short reply picks from the list the previous reply gave when it asked which items a
// return or change is for: "the first one", "2", "the last one". The planner's reply describes the order ("It
// contains Backpack, Vacuum Cleaner, Wall Clock and Yoga Mat.") and asks `WHICH_ITEMS_QUESTION`, so the
// composer and the gate read the same pick from the conversation.
import { pickedByPosition } from './order-pick.js';

/** The question the action planner asks after describing the order a return or an item change is for. */
export const WHICH_ITEMS_QUESTION = 'Which items would you like this for? You can also say all of them.';

/** The order's items as the planner's reply lists them: "It contains A, B and C." */
const CONTAINS = /\bIt contains ([^.\n]+)\./;

/** The items the reply just before this message listed when it asked which ones; empty when it asked no such thing. */
function itemsListedBefore(history: readonly { role: string; body: string }[]): string[] {
  const reply = history.at(-1);
  if (!reply || reply.role !== 'bot' || !reply.body.includes(WHICH_ITEMS_QUESTION)) return [];
  const listed = CONTAINS.exec(reply.body)?.[1];
  if (!listed) return [];
  const parts = listed.split(', ');
  const last = parts.pop()!.split(' and ');
  // "A, B and C": the last comma-separated part holds the final "and"; product names have no comma.
  return [...parts, ...(parts.length > 0 || last.length === 2 ? last : [last.join(' and ')])];
}

/**
 * The item a message picks by its place in the list the previous reply gave with "which items would you like this
 * for?" ("the second one", "2", "the last one"): its name as listed. Undefined for anything else, for a list of
 * one item, or a place the list does not have.
 */
export function itemPickedFromList(
  history: readonly { role: string; body: string }[],
  body: string,
): string | undefined {
  const listed = itemsListedBefore(history);
  return listed.length < 2 ? undefined : pickedByPosition(body, listed);
}
