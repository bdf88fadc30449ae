import type { Band, Routing, RuleHit, Sentiment, TicketTurn } from '@parley/contracts';
import type { IntentSpec, Taxonomy } from '@parley/demo-store';
import { CONSEQUENTIAL_TOOLS } from '@parley/demo-store';
import type { IntentResult } from '../intent/classifier.js';
import { checkHardRules } from '../rules/hard-rules.js';
import type { TrendOptions } from '../sentiment/sentiment.js';
import { analyseSentiment, customerTurns, isNegativeTrend } from '../sentiment/sentiment.js';
import { asksOrderStatus, asOrderStatus } from './status-question.js';
import { askedWords, askedWrite } from '@parley/wording';

export interface RoutingOptions {
  escalateAmountUsd: number;
  /** Below this intent confidence the turn is only suggested, whatever the intent's band. */
  minConfidence: number;
  trend: TrendOptions;
  /**
   * Mends misspellings (`spellingMender`) for the hard rules' second reading and for the sentiment; absent: the
   * rules read the text once, the sentiment as written.
   */
  mend?: (text: string) => string;
}

export interface RouteDecision {
  /** `escalated` goes straight to the gate (no retrieval, no model call); `routed` continues the flow. */
  kind: 'routed' | 'escalated';
  routing: Routing;
  /**
   * The turn asks only for an order's status and was routed to order_status on its wording (see
   * `asksOrderStatus`), whatever the classifier's confidence.
   */
  statusQuestion: boolean;
}

export const OUT_OF_SCOPE = 'out_of_scope';

/**
 * The customer's words for this turn, as the rules and the classifier read them: the subject with the first
 * message only, and for the details an order lookup asked for, the question they answer (`askedWords`).
 */
export function turnText(
  ticket: Pick<TicketTurn, 'subject' | 'body'> & { history?: TicketTurn['history'] },
): string {
  return askedWords(ticket);
}

/** The taxonomy entry for an intent; an intent the taxonomy does not know is treated as out of scope. */
export function specFor(
  taxonomy: Taxonomy,
  intent: string,
): { intent: string; spec: IntentSpec; known: boolean } {
  const spec = (taxonomy.intents as Record<string, IntentSpec | undefined>)[intent];
  if (spec) return { intent, spec, known: true };
  return { intent: OUT_OF_SCOPE, spec: taxonomy.intents[OUT_OF_SCOPE], known: false };
}

const STRICTNESS: Record<Band, number> = { auto: 0, suggest: 1, escalate: 2 };

/** The stricter of two bands; a missing second band leaves the first unchanged. */
export function stricterBand(a: Band, b: Band | undefined): Band {
  return b !== undefined && STRICTNESS[b] > STRICTNESS[a] ? b : a;
}

/**
 * The intent's band, tightened (never loosened) by a band the classifier asked for, and lowered to `suggest`
 * when the classifier is unsure or the text is out of scope.
 */
export function chooseBand(specBand: Band, result: IntentResult, minConfidence: number): Band {
  const band = stricterBand(specBand, result.band);
  if (band === 'escalate') return 'escalate';
  if (result.outOfScope || result.intent === OUT_OF_SCOPE || result.confidence < minConfidence)
    return 'suggest';
  return band;
}

const WRITES = new Set<string>(CONSEQUENTIAL_TOOLS);

/**
 * How an intent is handled: its band and its tools. When the customer's words ask for a store write in so many
 * words (`askedWrite`: "I'd like to return...", "Please cancel..."), the intents allowed a write are all handled
 * alike: the write planner reads which write from those words and the order's status (an item change is a
 * modification of a pending order and an exchange of a delivered one). A question about a write ("can I
 * exchange shoes?") keeps them apart.
 */
function handling(spec: IntentSpec, writeAsked: boolean): string {
  if (writeAsked && spec.tools.some((t) => WRITES.has(t))) return `${spec.band}|write`;
  return `${spec.band}|${[...spec.tools].sort().join(',')}`;
}

/**
 * The calibrated probability mass of the intents the taxonomy handles exactly like `intent` (same band, same
 * tools, or both allowed a write the text asks for), never below the intent's own confidence. Without a
 * distribution it is the confidence itself.
 */
export function handlingConfidence(
  taxonomy: Taxonomy,
  intent: string,
  result: IntentResult,
  text = '',
): number {
  if (!result.distribution || result.outOfScope) return result.confidence;
  const writeAsked = askedWrite(text) !== undefined;
  const key = (spec: IntentSpec) => handling(spec, writeAsked);
  const own = specFor(taxonomy, intent);
  if (!own.known) return result.confidence;
  let mass = 0;
  for (const { intent: other, p } of result.distribution) {
    const spec = specFor(taxonomy, other);
    if (spec.known && key(spec.spec) === key(own.spec)) mass += p;
  }
  return Math.min(1, Math.max(result.confidence, mass));
}

export const COMPLAINT = 'complaint';

/**
 * How likely the classifier thinks the turn is a complaint, from its distribution (the complaint intent's
 * probability, or all of it when it chose complaint); undefined without a distribution or when out of scope.
 */
export function complaintLikelihood(result: IntentResult): number | undefined {
  if (!result.distribution || result.outOfScope) return undefined;
  const p = result.distribution.find((d) => d.intent === COMPLAINT)?.p ?? 0;
  return Math.round(Math.min(1, Math.max(0, p)) * 1000) / 1000;
}

/** What the router records when it did not ask the classifier (a hard rule had already decided). */
export const UNCLASSIFIED: IntentResult = { intent: OUT_OF_SCOPE, confidence: 0, outOfScope: true };

/** The rules that escalate this turn: hard rules on its text, then a souring sentiment trend. */
export function escalationRules(
  ticket: TicketTurn,
  turn: number,
  options: RoutingOptions,
): { rules: RuleHit[]; sentiment: Sentiment } {
  const sentiment = analyseSentiment(ticket.body, ticket.history, turn, options.mend);
  const rules = checkHardRules(turnText(ticket), {
    escalateAmountUsd: options.escalateAmountUsd,
    ...(options.mend ? { mend: options.mend } : {}),
  });
  if (isNegativeTrend(sentiment, customerTurns(ticket.history, turn), options.trend)) {
    rules.push({
      id: 'negative_trend',
      reason: `customer sentiment fell by ${(-sentiment.trend!).toFixed(2)} across turns`,
    });
  }
  return { rules, sentiment };
}

/**
 * Hard rules first (any hit escalates), then the sentiment trend, then the intent's band. A turn that asks only
 * for an order's status is order_status in the auto band whatever the classifier's confidence, unless the
 * classifier is sure it needs a person; the gate still decides whether the answer may go out. Pure.
 */
export function decideRouting(input: {
  ticket: TicketTurn;
  turn: number;
  /** Null when the classifier was not asked; the turn is then recorded as unclassified. */
  intent: IntentResult | null;
  router: Exclude<Routing['router'], 'rules'>;
  taxonomy: Taxonomy;
  options: RoutingOptions;
}): RouteDecision {
  const { ticket, turn, taxonomy, options } = input;
  const text = turnText(ticket);
  const asked = input.intent ?? UNCLASSIFIED;
  const classified = specFor(taxonomy, asked.intent);
  const classifiedResult: IntentResult = {
    ...asked,
    intent: classified.intent,
    outOfScope: asked.outOfScope || !classified.known,
  };
  const classifiedHandling = classifiedResult.distribution
    ? handlingConfidence(taxonomy, classified.intent, classifiedResult, text)
    : undefined;
  const { rules, sentiment } = escalationRules(ticket, turn, options);
  // Whether only a status is asked is read through misspellings ("whats the satus of my ordr?").
  const read = options.mend ? options.mend(text) : text;
  const status =
    input.intent && asksOrderStatus(ticket, read)
      ? asOrderStatus(
          classifiedResult,
          taxonomy,
          options.minConfidence,
          classifiedHandling ?? classifiedResult.confidence,
          read,
          sentiment.score >= 0,
        )
      : null;
  const result = status ?? classifiedResult;
  const { intent, spec } = status ? specFor(taxonomy, status.intent) : classified;
  const handling = status
    ? result.distribution
      ? handlingConfidence(taxonomy, intent, result, text)
      : undefined
    : classifiedHandling;
  const complaint = complaintLikelihood(asked);
  const base = {
    intent,
    confidence: result.confidence,
    ...(handling !== undefined ? { handlingConfidence: handling } : {}),
    ...(complaint !== undefined ? { complaintLikelihood: complaint } : {}),
    tier: spec.tier,
    outOfScope: result.outOfScope,
    sentiment,
  };
  const statusQuestion = status !== null;
  if (rules.length > 0) {
    // No automation will act on an escalated turn, so it is allowed no tools.
    return {
      kind: 'escalated',
      routing: { ...base, band: 'escalate', allowedTools: [], rules, router: 'rules' },
      statusQuestion,
    };
  }
  // Unsure between intents handled alike is not unsure about the band. A status question read from its
  // wording keeps its band: the classifier's doubt is about words the wording rules have already read.
  const band = status
    ? stricterBand(spec.band, result.band)
    : chooseBand(spec.band, { ...result, confidence: handling ?? result.confidence }, options.minConfidence);
  if (band === 'escalate') {
    const hit =
      spec.band === 'escalate'
        ? { id: 'intent_escalates', reason: `the taxonomy sends intent ${intent} to a person` }
        : { id: 'router_escalates', reason: `the routing model sent intent ${intent} to a person` };
    return {
      kind: 'escalated',
      routing: { ...base, band, allowedTools: [], rules: [hit], router: input.router },
      statusQuestion,
    };
  }
  return {
    kind: 'routed',
    routing: { ...base, band, allowedTools: [...spec.tools], rules: [], router: input.router },
    statusQuestion,
  };
}
