import type { DecidedAnswer } from '@parley/contracts';

// The deterministic judge, for a deployment without a hosted model (and beside one): what can be checked of an
// automatic reply without understanding it. Pure.

export interface Verdict {
  criterion: string;
  passed: boolean;
  /** Codes, counts and ids only: no customer text. */
  note?: string;
}

export interface Grade {
  passed: boolean;
  /** Mean of the criteria's scores, 0..1. */
  score: number;
  verdicts: Verdict[];
}

/** Words and figures only, lower case, space-bounded: markup and punctuation around a quote do not matter. */
function loose(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}$%]+/gu, ' ')
    .trim()} `;
}

const sentencesOf = (text: string): string[] =>
  text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim().replace(/^(?:[-*•]|\d+\.)\s+/, ''))
    .filter(Boolean);

/** Shorter sentences are greetings, sign-offs and links, not claims. */
const MIN_CLAIM_WORDS = 5;
const ORDER_ID = /#?W\d{7}\b/gi;

function groundedness(answer: DecidedAnswer): Verdict & { score: number } {
  const cited = new Set(answer.citations.map((c) => c.chunkId));
  const passages = answer.sources.filter((p) => cited.has(p.chunkId)).map((p) => loose(p.text));
  const factValues = answer.facts.map((f) => loose(f.value)).filter((v) => v.trim().length > 0);
  const claims = sentencesOf(answer.body).filter((s) => loose(s).trim().split(' ').length >= MIN_CLAIM_WORDS);
  // A claim stands on a cited passage that quotes it, or on the records when it states one of the facts.
  const unsupported = claims.filter((s) => {
    const words = loose(s);
    return !passages.some((p) => p.includes(words)) && !factValues.some((v) => words.includes(v));
  });
  const supported = claims.length - unsupported.length;
  return {
    criterion: 'grounded',
    passed: unsupported.length === 0,
    score: claims.length === 0 ? 1 : supported / claims.length,
    note: `${supported} of ${claims.length} claims quoted from a cited article or stating a record`,
  };
}

function citationsGiven(answer: DecidedAnswer): Verdict & { score: number } {
  const given = new Set(answer.sources.map((p) => p.chunkId));
  const missing = answer.citations.filter((c) => !given.has(c.chunkId)).map((c) => c.chunkId);
  return {
    criterion: 'citations_retrieved',
    passed: missing.length === 0,
    score: missing.length === 0 ? 1 : 0,
    ...(missing.length > 0
      ? { note: `cites passages it was not given: ${missing.slice(0, 5).join(', ')}` }
      : {}),
  };
}

/** The value an order fact names, as the customer's records hold it; undefined for a field not checked. */
function recordValue(order: DecidedAnswer['orders'][number], field: string): string[] | undefined {
  if (field === 'status') return [order.status];
  if (field === 'tracking' || field === 'trackingId' || field === 'tracking_id') return order.trackingIds;
  if (field === 'total') return [order.total.toFixed(2), String(order.total)];
  return undefined;
}

function factsFromRecords(answer: DecidedAnswer): Verdict & { score: number } {
  const own = new Map(answer.orders.map((o) => [o.orderId.replace(/^#/, '').toUpperCase(), o]));
  const problems: string[] = [];
  let checked = 0;
  for (const fact of answer.facts.filter((f) => f.source === 'order')) {
    const order = own.get(fact.ref.replace(/^#/, '').toUpperCase());
    checked += 1;
    if (!order) {
      problems.push(`fact about an order not the customer's (${fact.field})`);
      continue;
    }
    const values = recordValue(order, fact.field);
    if (values && !values.some((v) => loose(v) === loose(fact.value)))
      problems.push(`${fact.field} of ${order.orderId} differs from the record`);
  }
  for (const m of answer.body.matchAll(ORDER_ID)) {
    if (!own.has(m[0].replace(/^#/, '').toUpperCase())) problems.push('names an order not the customer’s');
  }
  return {
    criterion: 'facts_match_records',
    passed: problems.length === 0,
    score: problems.length === 0 ? 1 : 0,
    note: problems.length === 0 ? `${checked} order facts checked` : problems.slice(0, 5).join('; '),
  };
}

export function checkAnswer(answer: DecidedAnswer): Grade {
  const verdicts = [groundedness(answer), citationsGiven(answer), factsFromRecords(answer)];
  return {
    passed: verdicts.every((v) => v.passed),
    score: Math.round((verdicts.reduce((sum, v) => sum + v.score, 0) / verdicts.length) * 1000) / 1000,
    verdicts: verdicts.map(({ score: _score, ...v }) => v),
  };
}
