import type { Passage } from '@parley/contracts';
import type { Unit } from '../text.js';
import { passageUnits, terms } from '../text.js';

export interface Quote {
  text: string;
  passage: Passage;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * A unit as quoted. A "label: text" list item keeps its label ("Out for delivery: expected today."), since
 * the text alone says nothing of what it describes. A table row's label is its first cell: a cell that is a
 * sentence of its own ("Packed and handed to the carrier.") is quoted without it, a bare value ("Immediately",
 * "5-7 business days") with it ("Gift card: Immediately"), as alone it answers nothing.
 */
function quote(unit: Unit, passage: Passage): Quote {
  const sentence = /[.!?]$/.test(unit.text);
  if (unit.label && (!unit.row || !sentence))
    return { text: `${capitalise(unit.label)}: ${unit.text}`, passage };
  return { text: capitalise(unit.text), passage };
}

/** Passages close enough to the best one to be worth quoting (the list arrives best first). */
export function leadingPassages(passages: readonly Passage[], max = 2): Passage[] {
  const best = passages[0];
  if (!best) return [];
  return passages.filter((p, i) => i === 0 || (best.score > 0 && p.score >= best.score * 0.75)).slice(0, max);
}

/**
 * The sentences of the given passages that share the most terms with the question, verbatim, in their
 * passages' order. Falls back to the opening of the first passage when nothing overlaps.
 */
export function relevantQuotes(
  question: string,
  passages: readonly Passage[],
  opts: { max?: number; minOverlap?: number; exclude?: ReadonlySet<string>; fallback?: boolean } = {},
): Quote[] {
  const { max = 3, minOverlap = 1, exclude = new Set<string>(), fallback = true } = opts;
  const wanted = new Set(terms(question));
  const scored: Array<{ q: Quote; overlap: number; order: number }> = [];
  let order = 0;
  for (const passage of passages) {
    for (const unit of passageUnits(passage.text)) {
      order += 1;
      if (exclude.has(unit.text.toLowerCase())) continue;
      const own = new Set(terms(`${unit.label ?? ''} ${unit.text}`));
      const overlap = [...own].filter((t) => wanted.has(t)).length;
      if (overlap >= minOverlap) scored.push({ q: quote(unit, passage), overlap, order });
    }
  }
  const chosen = scored
    .sort((a, b) => b.overlap - a.overlap || a.order - b.order)
    .slice(0, max)
    .sort((a, b) => a.order - b.order)
    .map((s) => s.q);
  if (chosen.length > 0 || !fallback || !passages[0]) return chosen;
  return passageUnits(passages[0].text)
    .slice(0, 2)
    .map((u) => quote(u, passages[0]!));
}

/** Every sentence of a passage, in order: a rule quoted whole. */
export function wholeQuotes(passage: Passage): Quote[] {
  return passageUnits(passage.text).map((u) => quote(u, passage));
}

/** Sentences that explain a status, from a table row or list item labelled with it ("Processed | ..."). */
export function statusQuotes(status: string, passages: readonly Passage[], max = 2): Quote[] {
  const want = status.toLowerCase();
  for (const passage of passages) {
    const units = passageUnits(passage.text).filter((u) => u.label?.toLowerCase() === want);
    if (units.length > 0) return units.slice(0, max).map((u) => quote(u, passage));
  }
  return [];
}
