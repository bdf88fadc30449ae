import { normal, sentences } from '../text.js';

// A hosted model proposes consequential actions; it never says one was, or will be, carried out. The local
// composer cannot break this (it writes no such sentence); a model can, so its reply is checked.
const DONE = 'cancell?ed|refunded|credited|exchanged|issued|changed|updated|modified|returned|processed';
const TO_DO = 'cancel|refund|credit|exchange|issue|change|update|modify|return|process';

const PROMISES: readonly RegExp[] = [
  // "I've cancelled", "we have refunded", "I just updated"
  new RegExp(
    `\\b(?:i|we)(?:'ve|\\s+have)?\\s+(?:now\\s+|already\\s+|just\\s+|gone ahead and\\s+)?(?:${DONE})\\b`,
    'i',
  ),
  // "I'll cancel", "we will refund", "we are going to process"
  new RegExp(
    `\\b(?:i|we)(?:'ll|\\s+will|'m going to|'re going to|\\s+am going to|\\s+are going to)\\s+(?:now\\s+|also\\s+)?(?:${TO_DO})\\b`,
    'i',
  ),
  // "your order has been cancelled", "the refund has been issued"
  /\b(?:has|have)\s+(?:now\s+|already\s+)?been\s+(?:cancell?ed|refunded|credited|exchanged|issued|changed|updated|modified)\b/i,
  /\brefund\b[^.]*\b(?:has|have)\s+been\b/i,
];

/** A proposal waits for the customer: "once you confirm, we will cancel it" promises nothing yet. */
const CONDITIONAL = /\b(?:once|after|if|when)\s+you\s+(?:confirm|reply)\b/i;

/**
 * The sentences of `body` that say an action was or will be carried out. A sentence quoted from a passage
 * states policy ("we refund within 5-7 days"), not a promise, and is left alone.
 */
export function promisedActions(body: string, passageTexts: readonly string[]): string[] {
  const quoted = passageTexts.map(normal);
  return sentences(body).filter((s) => {
    if (CONDITIONAL.test(s) || !PROMISES.some((re) => re.test(s))) return false;
    const n = normal(s).replace(/[.!?]$/, '');
    return !quoted.some((q) => q.includes(n));
  });
}
