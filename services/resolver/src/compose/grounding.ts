import type { Fact, Passage } from '@parley/contracts';
import { canonicalOrderId, orderIdsIn } from '@parley/contracts';
import { productClaimsHold } from './product-claims.js';
import { normal, sentences, terms } from './text.js';

/** A statement of an order's status ("is processed", "(pending)"): it must match the order's real status. */
const STATUS_CLAIM =
  /\b(?:is|are|was|currently)\s+(pending|processed|delivered|cancelled)\b|\((pending|processed|delivered|cancelled)[^)]*\)/gi;
/** Long digit runs are tracking numbers or item ids: they must come from the facts. */
const LONG_NUMBER = /\b\d{8,}\b/g;

export interface SentenceCheck {
  sentence: string;
  kind: 'boilerplate' | 'passage' | 'fact' | 'unsupported';
}

export interface GroundingReport {
  /** Share of non-boilerplate sentences backed by a cited passage or a fact, 0..1 (1 when there are none). */
  groundedness: number;
  sentences: SentenceCheck[];
}

/**
 * A table row's cells as they are quoted with the row's label, "Gift card: Immediately" for "Gift card |
 * Immediately" (`relevantQuotes`), normalised.
 */
function labelledCells(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.includes(' | '))
    .flatMap((line) => {
      const [label, ...cells] = line.split(' | ').map(normal);
      return cells.map((cell) => `${label}: ${cell}`);
    });
}

/** A passage sentence: verbatim in a cited passage, or (lightly paraphrased) nearly all its terms in one. */
function fromPassage(sentence: string, passages: readonly Passage[]): boolean {
  const n = normal(sentence).replace(/^["']|["']$/g, '');
  const own = terms(sentence);
  return passages.some((p) => {
    const text = normal(p.text);
    const bare = n.replace(/[.!?]$/, '');
    if (text.includes(bare) || labelledCells(p.text).includes(bare)) return true;
    if (own.length < 4) return false;
    const theirs = new Set(terms(p.text));
    return own.filter((t) => theirs.has(t)).length / own.length >= 0.9;
  });
}

/**
 * A fact sentence: names at least one fact value and states no order, status or number that is not a fact,
 * and no price, stock level or product option the catalogue facts do not state.
 */
function fromFacts(sentence: string, facts: readonly Fact[]): boolean {
  if (facts.length === 0) return false;
  const values = facts.map((f) => f.value.toLowerCase());
  const lower = sentence.toLowerCase();
  if (!values.some((v) => v.length > 1 && lower.includes(v.toLowerCase()))) return false;
  const orderIds = new Set(facts.filter((f) => f.source === 'order').map((f) => canonicalOrderId(f.ref)));
  for (const id of orderIdsIn(sentence)) if (!orderIds.has(id)) return false;
  const statuses = facts.filter((f) => f.field === 'status').map((f) => f.value.toLowerCase());
  for (const m of sentence.matchAll(STATUS_CLAIM)) {
    const word = (m[1] ?? m[2] ?? '').toLowerCase();
    if (!statuses.some((s) => s.includes(word))) return false;
  }
  for (const num of sentence.match(LONG_NUMBER) ?? []) if (!values.some((v) => v.includes(num))) return false;
  // Amounts an order's record states ("a refund of $12.00 to the gift card") are the record's, not prices the
  // catalogue must hold.
  const recorded = facts.filter((f) => f.source === 'order').map((f) => f.value);
  return productClaimsHold(
    recorded.reduce((rest, v) => rest.split(v).join(' '), sentence),
    facts,
  );
}

/**
 * Checks every sentence of a draft against its sources. Independent of how the draft was written, so it
 * works for the local composer and for any model tier.
 */
export function checkGrounding(
  body: string,
  passages: readonly Passage[],
  facts: readonly Fact[],
  boilerplate: readonly string[],
): GroundingReport {
  const fixed = new Set(boilerplate.flatMap((b) => sentences(b)).map(normal));
  const checks: SentenceCheck[] = sentences(body).map((sentence) => {
    if (fixed.has(normal(sentence))) return { sentence, kind: 'boilerplate' };
    if (fromFacts(sentence, facts)) return { sentence, kind: 'fact' };
    if (fromPassage(sentence, passages)) return { sentence, kind: 'passage' };
    return { sentence, kind: 'unsupported' };
  });
  const claims = checks.filter((c) => c.kind !== 'boilerplate');
  const backed = claims.filter((c) => c.kind !== 'unsupported').length;
  return { groundedness: claims.length === 0 ? 1 : backed / claims.length, sentences: checks };
}
