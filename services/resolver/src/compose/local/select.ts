import type { Passage } from '@parley/contracts';
import type { Unit } from '../text.js';
import { passageUnits, terms, tidy } from '../text.js';

export interface Quote {
  text: string;
  passage: Passage;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * A unit as quoted. A "label: text" list item keeps its label ("Out for delivery: expected today."), since
 * the text alone says nothing of what it describes; a table row's label is its first cell and is left out.
 */
function quote(unit: Unit, passage: Passage): Quote {
  if (unit.label && !unit.row) return { text: `${capitalise(unit.label)}: ${unit.text}`, passage };
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

/** Sentences that explain a status, from a table row or list item labelled with it ("Processed | ..."). */
export function statusQuotes(status: string, passages: readonly Passage[], max = 2): Quote[] {
  const want = status.toLowerCase();
  for (const passage of passages) {
    const units = passageUnits(passage.text).filter((u) => u.label?.toLowerCase() === want);
    if (units.length > 0) return units.slice(0, max).map((u) => quote(u, passage));
  }
  return [];
}

/** Sections that only list links to other articles: nothing in them answers a question. */
const LINK_SECTION = /^(?:related|see also|more help)\b/i;

/** The longest procedure quoted in full: a longer list is cut after this many steps. */
const MAX_STEPS = 6;

export interface AnswerOptions {
  /** Most sentences quoted outside a procedure. */
  max?: number;
  /** Bonus for question terms in the section heading, as a share of their weight. */
  headingBonus?: number;
  /** Weight of the retrieval rank (the passage's confidence relative to the best), in units of a generic term. */
  retrievalWeight?: number;
  /** A sentence is quoted only when it scores at least this share of the best sentence of its section. */
  keepShare?: number;
}

/** Inverse document frequency over the candidate sentences and headings: rarer terms say more. */
function idfTable(docs: readonly string[][]): {
  idf: (term: string) => number;
  generic: (term: string) => boolean;
} {
  const df = new Map<string, number>();
  for (const doc of docs) for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  return {
    idf: (t) => Math.log(1 + n / (1 + (df.get(t) ?? 0))),
    // Found in more than a quarter of the candidates ("order", "email"): says little about the question.
    generic: (t) => (df.get(t) ?? 0) > Math.max(3, n / 4),
  };
}

/**
 * The answer to a help-centre question from one section. Each candidate section (passage) is scored by its
 * best sentence: the IDF-weighted question terms found in the sentence or in the section heading, plus a
 * bonus for the heading's own match and the retrieval rank. The best section is quoted verbatim: its
 * sentences that score close to its best one, a matching step bringing its whole procedure (in order, up to
 * six steps); a section whose heading names the question but no sentence does is quoted from its opening.
 * Sections of the leading (first) article are preferred. Quoting one section keeps the answer and its
 * citation on the point. Empty when the best match shares only
 * generic terms with the question.
 */
export function answerQuotes(
  question: string,
  passages: readonly Passage[],
  opts: AnswerOptions = {},
): Quote[] {
  const { max = 3, headingBonus = 0.25, retrievalWeight = 1, keepShare = 0.5 } = opts;
  const wanted = new Set(terms(question));
  const candidates = passages
    .filter((p) => !LINK_SECTION.test(p.section.split('>').pop()!.trim()))
    .map((p) => {
      const units = passageUnits(p.text);
      return {
        passage: p,
        units,
        heading: terms(p.section),
        own: units.map((u) => terms(`${u.label ?? ''} ${u.text}`)),
      };
    });
  if (wanted.size === 0 || candidates.length === 0) return [];
  const { idf, generic } = idfTable([
    ...candidates.flatMap((c) => c.own),
    ...candidates.map((c) => c.heading),
  ]);
  const hits = (own: readonly string[]) => [...new Set(own)].filter((t) => wanted.has(t));
  const weight = (ts: readonly string[]) => ts.reduce((sum, t) => sum + idf(t), 0);
  const unitWeight = Math.log(1 + 4);
  const bestRetrieval = Math.max(...passages.map((p) => p.score), 1e-9);

  const bestOf = (group: typeof candidates) => {
    let found: { score: number; c: (typeof candidates)[number] } | undefined;
    for (const c of group) {
      const heading = hits(c.heading);
      const top = Math.max(weight(heading), ...c.own.map((own) => weight(hits([...own, ...heading]))));
      const specific = [...heading, ...c.own.flatMap(hits)].some((t) => !generic(t));
      if (top === 0 || !specific) continue;
      const score =
        top +
        headingBonus * weight(heading) +
        retrievalWeight * unitWeight * (c.passage.score / bestRetrieval);
      if (!found || score > found.score) found = { score, c };
    }
    return found;
  };
  // Retrieval's leading article is its best judgement of what the question is about (it has weighed far more
  // than these few sentences can): its sections are quoted when any of them answers the question, and another
  // article's only when none does. Sentence overlap alone picked the wrong article more often than retrieval.
  const lead = passages[0]?.articleId;
  const best =
    bestOf(candidates.filter((c) => c.passage.articleId === lead)) ??
    bestOf(candidates.filter((c) => c.passage.articleId !== lead));
  if (!best) return [];
  const { passage, units, own } = best.c;
  const scored = own.map((o, index) => ({ index, hit: hits(o) }));
  const top = Math.max(0, ...scored.map((s) => weight(s.hit)));
  let picked =
    top > 0
      ? scored
          // A sentence sharing only generic terms says something else, unless it is the best there is.
          .filter(
            (s) =>
              weight(s.hit) >= keepShare * top && (weight(s.hit) === top || s.hit.some((t) => !generic(t))),
          )
          .sort((a, b) => weight(b.hit) - weight(a.hit) || a.index - b.index)
          .slice(0, max)
          .map((s) => s.index)
      : // The heading names the question: the section's opening states the answer.
        units.slice(0, 2).map((_, i) => i);
  // A matching step brings its whole procedure.
  const lists = new Set(picked.map((i) => units[i]!.list).filter((l): l is number => l !== undefined));
  for (const list of lists) {
    const steps = [...new Set(units.filter((u) => u.list === list).map((u) => u.line))].slice(0, MAX_STEPS);
    units.forEach((u, i) => {
      if (u.list === list && steps.includes(u.line)) picked.push(i);
    });
  }
  picked = [...new Set(picked)].sort((a, b) => a - b);
  return render(passage, units, picked);
}

/**
 * Quotes in passage order. A list item or a table row is quoted as its whole verbatim line, the chosen lines
 * of one list or table as one quote (a table with its header row); any other unit as its sentence.
 */
function render(passage: Passage, units: readonly Unit[], picked: readonly number[]): Quote[] {
  const lines = passage.text.split('\n');
  const out: Quote[] = [];
  let block: { key: string; lines: number[] } | undefined;
  const flush = () => {
    if (block) out.push({ text: block.lines.map((l) => tidy(lines[l]!)).join('\n'), passage });
    block = undefined;
  };
  for (const i of picked) {
    const u = units[i]!;
    const key = u.list !== undefined ? `list${u.list}` : u.row ? 'table' : undefined;
    if (key === undefined || u.line === undefined) {
      flush();
      out.push(quote(u, passage));
      continue;
    }
    if (block?.key !== key) {
      flush();
      // A table's header row names its columns; passageUnits drops it from the units.
      const header = u.row && u.line > 0 && lines[0]!.includes(' | ') && !units.some((x) => x.line === 0);
      block = { key, lines: header ? [0] : [] };
    }
    if (!block.lines.includes(u.line)) block.lines.push(u.line);
  }
  flush();
  return out;
}
