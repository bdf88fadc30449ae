import type { ConversationEntry, Sentiment as SentimentResult } from '@parley/contracts';
import { withoutCourtesy } from '@parley/wording';
import Afinn from 'sentiment';

const afinn = new Afinn();

export interface TrendOptions {
  /** Customer turns (this one included) needed before a trend counts. */
  minTurns: number;
  /** A trend at or below this (on the -2..2 scale) escalates when the current turn is negative. */
  escalateBelow: number;
}

export type SentimentLabel = SentimentResult['label'];

/** Scores at or beyond +-LABEL_CUTOFF get a positive or negative label. */
const LABEL_CUTOFF = 0.25;

/**
 * Words that name a store request or its reason rather than a feeling: "cancel order #W... because ordered by
 * mistake" is a calm request, but AFINN scores "cancel" -1 and "mistake" -2, which in a short message is enough
 * to read as strongly upset (held from automation, and a souring trend after a cheerful "yes").
 */
const REQUEST_WORDS: Record<string, number> = {
  cancel: 0,
  cancelled: 0,
  mistake: 0,
  accident: 0,
  accidentally: 0,
  charged: 0,
};

/** "no longer needed": the reason a customer gives, not a "no" of refusal. */
const NO_LONGER = /\bno longer\b/gi;

/**
 * AFINN word scores summed (with the library's negation handling), then squashed into -1..1. Dividing by
 * the square root of the length lets one angry word weigh less in a long message without vanishing.
 */
export function scoreText(text: string): number {
  const r = afinn.analyze(text.replace(NO_LONGER, 'longer'), { extras: REQUEST_WORDS });
  const tokens = Math.max(1, r.tokens.length);
  return Math.tanh(r.score / (2 * Math.sqrt(tokens)));
}

export function labelFor(score: number): SentimentLabel {
  if (score <= -LABEL_CUTOFF) return 'negative';
  if (score >= LABEL_CUTOFF) return 'positive';
  return 'neutral';
}

/**
 * The customer's current message scored against their earlier turns: `trend` is the current score minus
 * the mean of earlier customer turns (negative means getting worse), absent when there is no earlier turn.
 */
export function analyseSentiment(
  body: string,
  history: readonly ConversationEntry[],
  turn: number,
  /** Mends misspellings first, so "terible servise" reads as "terrible service". */
  mend: (text: string) => string = (text) => text,
): SentimentResult {
  // Read without greetings and thanks: "Hi there, ... Thanks so much!" asks what the bare question asks, and
  // its politeness is no sign of how the customer feels about the matter.
  const score = scoreText(mend(withoutCourtesy(body)));
  const earlier = history
    .filter((h) => h.role === 'customer' && h.turn < turn)
    .map((h) => scoreText(mend(withoutCourtesy(h.body))));
  const result: SentimentResult = { score, label: labelFor(score) };
  if (earlier.length > 0) {
    const mean = earlier.reduce((a, b) => a + b, 0) / earlier.length;
    result.trend = Math.max(-2, Math.min(2, score - mean));
  }
  return result;
}

/** Number of customer turns the sentiment covers, this one included. */
export function customerTurns(history: readonly ConversationEntry[], turn: number): number {
  return history.filter((h) => h.role === 'customer' && h.turn < turn).length + 1;
}

/** True when the conversation is clearly souring: enough turns, a steep drop, and a negative current turn. */
export function isNegativeTrend(s: SentimentResult, turns: number, opts: TrendOptions): boolean {
  return (
    turns >= opts.minTurns && s.trend !== undefined && s.trend <= opts.escalateBelow && s.label === 'negative'
  );
}
