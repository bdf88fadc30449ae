/**
 * Words that say an order has a status ("still pending", "it says delivered", "sitting on pending", "marked as
 * cancelled", "has been processing"), as opposed to asking for one ("when will it be delivered") or wanting
 * one ("I want it cancelled").
 */
const SAYS = String.raw`(?:is|its|it's|was|been|says?|said|shows?|showed|showing|still|stuck|sitting|sat|status|marked|listed|as|on|in|at)`;

/** The store's order statuses, each with the words that say an order has it. */
const SAID = (
  [
    ['pending', 'pending'],
    ['processed', 'processed|processing'],
    ['delivered', 'delivered'],
    ['cancelled', 'cancell?ed'],
  ] as const
).map(
  ([status, words]) =>
    [status, new RegExp(String.raw`\b${SAYS}[:\s]+(?:(?:on|in|as|at|to)\s+)?(?:${words})\b`, 'gi')] as const,
);

/** A clause that asks whether the order has a status ("is it still pending?", "has it been delivered?"). */
const YES_NO =
  /^\s*(?:and\s+|but\s+|so\s+)?(?:is|isn't|was|wasn't|has|hasn't|have|did|does|do|will|would|could|can|should)\b/i;

/** "not", "never", "hasn't": "it hasn't been delivered" says nothing of the status it names. */
const NEGATED = /\b(?:not|never|no|\w+n[’']?t)\s+(?:\w+\s+){0,2}$/i;

/** "I want to make sure the order is cancelled": the status wished for, not the one the order shows. */
const WISHED = /\b(?:make sure|making sure|ensure|ensuring)\s+(?:that\s+)?(?:[\w#’']+\s+){0,4}$/i;

/** "I'm checking whether #W… has been processed", "wondering if it was delivered": asked, not said. */
const ASKED_WHETHER = /\b(?:whether|if)\b/i;

/**
 * "the refund for #W… has been processed", "my return is still pending": the status of a refund, a return or a
 * request, not of the order.
 */
const OF_ANOTHER_THING =
  /\b(?:refund|refunds|return|returns|exchange|payment|money|cancellation|request|claim)\b(?:\s+[\w#’']+){0,4}\s+$/i;

/**
 * "Last time I asked you said it was pending", "earlier your chat said #W… was processed", "you said yesterday
 * that…": what the store said before, recalled to ask what has happened since; the order may well have moved on.
 */
const STORE_SAID = /\b(?:you|your\s+\w+)\s+(?:said|told\s+(?:me|us))\b(?:\s+[\w#’']+){0,4}\s+$/i;
const RECALL_TIME =
  /\b(?:last time|earlier|previously|yesterday|the other day|last week|(?:on|last) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b/i;

/**
 * The store statuses the message says an order of theirs has, in statements ("My order has been sitting on
 * pending since Friday", "tracking says delivered but..."), not in questions that ask whether it has one ("is
 * it still pending?", "checking whether it has been processed"), negations, wishes ("make sure it is cancelled"),
 * the status of a refund or a return, or what the store said before ("last time you said it was pending").
 * An answer from the records stating another status contradicts what the customer sees, which is for a person
 * to look into (another order, a display fault, a carrier scan).
 */
export function statusesSaid(text: string): string[] {
  const said = new Set<string>();
  const recalls = RECALL_TIME.test(text);
  for (const clause of text.split(/[.!?;,\n]+/)) {
    if (YES_NO.test(clause)) continue;
    for (const [status, pattern] of SAID) {
      for (const m of clause.matchAll(pattern)) {
        const before = clause.slice(0, m.index);
        const other =
          WISHED.test(before) ||
          OF_ANOTHER_THING.test(before) ||
          ASKED_WHETHER.test(before) ||
          (recalls && STORE_SAID.test(before));
        if (!NEGATED.test(before) && !other) said.add(status);
      }
    }
  }
  return [...said];
}
