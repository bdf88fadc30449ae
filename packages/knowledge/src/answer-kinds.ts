// The kind of answer a question's wording asks for ("how long" wants a duration, "how much" an amount), and
// whether a text gives one. Search adds the kinds a query asks for as terms that only sections giving them
// hold, so "how much is shipping" favours the section with the prices over one that only says "shipping";
// the local composer matches them when it chooses a section and counts them in what its quotes cover.

export interface AnswerKind {
  /** The term a question asking for it and a text giving it both hold; `analyse` never yields a `#`. */
  key: string;
  asks: RegExp;
  gives: RegExp;
}

const DURATION =
  /\b\d+(?:\s*[-–]\s*\d+)?\s*(?:business\s+|working\s+)?(?:minutes?|hours?|days?|weeks?|months?|years?)\b|\b(?:immediately|instantly|same day|next day)\b/i;

export const ANSWER_KINDS: readonly AnswerKind[] = [
  {
    key: '#duration',
    asks: /\bhow (?:long|soon|quickly|fast)\b|\bhow many (?:days|hours|weeks|months|minutes)\b|\b(?:time limit|deadline)\b|\bwhen will\b/i,
    gives: DURATION,
  },
  {
    // "When do I get...", "when should I expect...": a point in time, a weekday, or a wait.
    key: '#when',
    asks: /(?:^|[.!?]\s*|\n\s*)when\b|\bwhen (?:do|does|did|should|can|will|would|is|are|am)\b/i,
    gives: new RegExp(
      `${DURATION.source}|\\b(?:mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|weekends?|tomorrow|today)\\b|\\b(?:within|before|after|until|once)\\s+(?:the|you|it|your|we|a|an|\\d)`,
      'i',
    ),
  },
  {
    key: '#money',
    asks: /\bhow much\b|\bhow expensive\b|\bwhat (?:does|do|will|would) (?:it|that|this|they|\w+) cost\b|\bwhat(?:'s| is| are) the (?:price|cost|fee|charge)s?\b|\bis there an? (?:fee|charge)\b/i,
    gives: /[$€£¥]\s?\d|\b\d+(?:[.,]\d+)?\s?(?:usd|eur|gbp|dollars?|euros?|pounds?)\b|\bfree\b|\bno fees?\b/i,
  },
  {
    key: '#count',
    asks: /\bhow many times\b|\bhow often\b/i,
    gives: /\b(?:once|twice|\d+ times|only one|one time)\b/i,
  },
];

/** The kinds of answer `question` asks for. */
export function kindsAsked(question: string): AnswerKind[] {
  return ANSWER_KINDS.filter((k) => k.asks.test(question));
}

/**
 * The kinds of answer a section's own heading (the last of its heading path, "Article > Section") announces: a
 * heading worded as the question it answers ("When tracking becomes available", "How long refunds take", "When
 * will I get my refund?") gives that kind, although its text may say it as a condition ("when your order changes
 * to processed") rather than a date or a wait.
 */
export function kindsHeaded(headingPath: string): AnswerKind[] {
  const own = headingPath.split('>').pop()!.trim();
  return ANSWER_KINDS.filter((k) => k.asks.test(own));
}

/** The kinds of answer a line gives. */
export function kindsGiven(line: string): AnswerKind[] {
  return ANSWER_KINDS.filter((k) => k.gives.test(line));
}
