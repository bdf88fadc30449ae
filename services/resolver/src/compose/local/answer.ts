// The answer to a help-centre question, quoted from the sections retrieval found. The section that best
// matches the question is quoted in whole blocks (a short section whole; a long one trimmed to the
// paragraphs, lists and table rows that match), and a second section only when the ticket asks something
// the first does not cover. How much of the question the quotes cover is measured, not assumed, so the gate
// can send an answer that covers the question and hand the rest to an agent.
import type { AnswerCoverage, Passage } from '@parley/contracts';
import { analyse, analyseWords, familyStem } from '@parley/knowledge/text';
import type { Ask } from '../question.js';
import { kindsAsked, kindsGiven, kindsHeaded } from '@parley/knowledge/answer-kinds';
import { SpellingMender } from '@parley/intent-model/spelling';
import type { Similarity } from './plan/words.js';
import { softCoverage } from './soft-cover.js';
import { asksOf, questionCore } from '../question.js';
import type { Block } from './blocks.js';
import { blocksOf, lineText } from './blocks.js';

/** One quoted section: whole blocks of one passage, in the passage's order. */
export interface SectionQuote {
  passage: Passage;
  /** Each block's quoted text: a paragraph, or a list's or table's lines joined by line breaks. */
  blocks: string[];
}

export interface HelpAnswer {
  quotes: SectionQuote[];
  /** How much of the question the quotes cover (`share`), how many questions it asks and how many are answered. */
  coverage: AnswerCoverage;
}

/** A question counts as answered when the quotes hold this share of its weighted terms. */
export const ANSWERED_AT = 0.4;
/** A section this short (in words) is quoted whole. */
const SHORT_SECTION = 80;
/** A list this long is quoted whole when one of its items matches; a longer one only its matching items. */
const WHOLE_LIST = 8;
/** A table this short is quoted whole when one of its rows matches. */
const WHOLE_TABLE = 4;
/** A block (or a long list's item, a long table's row) is quoted when it matches more than this share of the best. */
const KEEP_SHARE = 0.5;
/** Most sections quoted for one ticket. */
const MAX_SECTIONS = 2;
/** A second section is quoted when it adds at least this share of an unanswered question's weight. */
const SECOND_SECTION_GAIN = 0.25;
/**
 * A section of the leading article scoring at least this share of the best one's is quoted beside it. Chosen
 * on the golden dev split's right drafts (0.6 / 0.7 / 0.8 / off: 90 / 90 / 89 / 85 of 115): the closest tie
 * that gives most of the gain, so the fewest answers grow longer.
 */
const NEAR_TIE = 0.8;
/**
 * A section of another article than retrieval's leading one competes with its match scaled by this, from
 * `OTHER_ARTICLE.tie` when retrieval's lead margin is 0 (it could as well have led with another article) to
 * `OTHER_ARTICLE.clear` at a margin of 1 or more.
 */
const OTHER_ARTICLE = { tie: 0.7, clear: 0.3 };

/** How much a section of another article than the leading one counts, at retrieval's lead margin. */
function otherArticleWeight(leadMargin: number | undefined): number {
  if (leadMargin === undefined) return OTHER_ARTICLE.tie;
  return OTHER_ARTICLE.tie - (OTHER_ARTICLE.tie - OTHER_ARTICLE.clear) * Math.min(1, leadMargin);
}
/**
 * A section that held the answer to questions alike (retrieval's `scores.answered`, their match confidence)
 * competes with its match scaled up by 1 + this x that vote.
 */
const ANSWERED_SECTION = 2;
/** Words of a statement leading up to a question count this much of its own words in choosing a section... */
const CONTEXT_WEIGHT = 0.5;
/** ...and this much in what an answer must cover. */
const CONTEXT_COVER_WEIGHT = 0.25;

/**
 * A question asking how to do something ("how do I cancel an order?", "how can I ...", "what are the steps to
 * ...") wants the procedure; a section named for one ("How to cancel", "Steps") or holding numbered steps
 * gives it. Without this, a procedure shares only the question's topic words with its article's other sections
 * ("Which orders can be cancelled", "Cancelling part of an order") and loses to the first of them.
 */
const ASKS_STEPS =
  /\bhow (?:do|can|could|should|would|will) (?:i|we)\b(?! know\b| tell\b| find out\b)|\bhow to\b|\b(?:what|which) (?:are the )?steps\b|\bwhat do (?:i|we) (?:need to |have to )?do to\b/i;
const GIVES_STEPS = /^(?:how to|steps)\b/i;
const NUMBERED_STEP = /^\s*\d+[.)]\s/m;
const STEPS = '#steps';

/** Sections that only link to other articles answer nothing. */
const LINK_SECTION = /^(?:related|see also|more help|related articles)\b/i;

interface Section {
  passage: Passage;
  order: number;
  blocks: Block[];
  /** Each line's analysed terms in order (a list item or table row is a line), one run per table cell. */
  lineTerms: Map<number, string[][]>;
  /** Terms of the heading path and the article title: they name what every block is about. */
  heading: Set<string>;
  /** Terms of the section's own heading (the last heading), which names it among its article's sections. */
  ownHeading: Set<string>;
  /** Terms of the article's title: what every section of the article is about. */
  topic: Set<string>;
  /** Every feature of the section, headings included. */
  all: Set<string>;
  words: number;
}

/**
 * What a question asks for, as weighted features: its content terms, pairs of terms it writes next to each
 * other ("email address", "credit card"), and the kind of answer it wants ("how long" wants a duration).
 */
type Weights = Map<string, number>;

/** Found when a line holds the pair's two terms at most this far apart. */
const PAIR_WINDOW = 2;
/** A pair counts this much of its terms' mean weight. */
const PAIR_WEIGHT = 0.5;

/** A text's terms, a word's forms as one (`familyStem`): "delivery" in a question is found in "delivered". */
const termsOf = (text: string): string[] => analyse(text, familyStem);

/** A section's own heading, the last of its heading path. */
const ownTitleOf = (passage: Passage): string => passage.section.split('>').pop()?.trim() ?? '';

function sectionOf(passage: Passage, order: number): Section {
  const lineTerms = new Map<number, string[][]>();
  passage.text.split('\n').forEach((l, i) => {
    const runs = l.split(' | ').map(termsOf);
    for (const kind of kindsGiven(l)) runs.push([kind.key]);
    lineTerms.set(i, runs);
  });
  const section: Section = {
    passage,
    order,
    blocks: blocksOf(passage.text),
    lineTerms,
    heading: runFeatures([...passage.section.split('>'), passage.title]),
    ownHeading: runFeatures([ownTitleOf(passage)]),
    topic: new Set(termsOf(passage.title)),
    all: new Set(),
    words: (passage.text.match(/\S+/g) ?? []).length,
  };
  const ownTitle = ownTitleOf(passage);
  if (GIVES_STEPS.test(ownTitle) || NUMBERED_STEP.test(passage.text)) {
    section.heading.add(STEPS);
    section.ownHeading.add(STEPS);
  }
  for (const kind of kindsHeaded(passage.section)) {
    section.heading.add(kind.key);
    section.ownHeading.add(kind.key);
  }
  section.all = featuresOf(section, lineTerms.keys());
  return section;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}+${b}` : `${b}+${a}`);

/** Adds a run of terms to `out`: each term, and each pair of terms at most `PAIR_WINDOW` apart. */
function addRun(terms: readonly string[], out: Set<string>): void {
  terms.forEach((t, j) => {
    out.add(t);
    for (let k = j + 1; k <= j + PAIR_WINDOW && k < terms.length; k++) out.add(pairKey(t, terms[k]!));
  });
}

/** Features of headings and titles, each its own run. */
function runFeatures(texts: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const text of texts) addRun(termsOf(text), out);
  return out;
}

/** Features of some lines of a section: their terms, term pairs close together, answer kinds. */
function featuresOf(s: Section, lines: Iterable<number>, withHeading = true): Set<string> {
  const out = new Set<string>(withHeading ? s.heading : []);
  for (const i of lines) for (const run of s.lineTerms.get(i) ?? []) addRun(run, out);
  return out;
}

/**
 * How much each term says about which section answers: inverse document frequency over the sections at
 * hand. A question word no section holds weighs most, so a question the sections do not speak of shows up
 * as low coverage rather than as a confident quote about something else. `held`: some section holds the term.
 */
function termWeights(sections: readonly Section[]): {
  idf: (term: string) => number;
  held: (term: string) => boolean;
} {
  const df = new Map<string, number>();
  for (const s of sections) for (const t of s.all) df.set(t, (df.get(t) ?? 0) + 1);
  const n = sections.length;
  return { idf: (t) => Math.log(1 + (n + 1) / ((df.get(t) ?? 0) + 0.5)), held: (t) => df.has(t) };
}

/** How much a word of the question counts on its own, before the sections are looked at (1 = fully). */
export type WordWeight = (word: string) => number;

/**
 * Negations change what a question asks, but an answer rarely repeats them ("can't I ..." is answered by
 * "you can ..."): they are left out of what an answer must cover.
 */
const NEGATIONS = new Set([
  'no',
  'not',
  'nor',
  'never',
  'cant',
  'cannot',
  'dont',
  'doesnt',
  'didnt',
  'wont',
  'isnt',
  'arent',
  'wasnt',
  'werent',
  'havent',
  'hasnt',
  'shouldnt',
  'wouldnt',
  'couldnt',
]);

/** The weighted features of text, each at `scale`. */
function weigh(
  text: string,
  idf: (t: string) => number,
  wordWeight: WordWeight,
  scale: number,
  into: Weights,
  keep: (term: string) => boolean = () => true,
): void {
  const words = analyseWords(text, familyStem).filter((w) => !NEGATIONS.has(w.word) && keep(w.term));
  const set = (key: string, w: number) => into.set(key, Math.max(into.get(key) ?? 0, w));
  const weightOf = (i: number) => idf(words[i]!.term) * wordWeight(words[i]!.word);
  words.forEach(({ term }, j) => {
    set(term, scale * weightOf(j));
    const next = words[j + 1];
    if (next && next.term !== term)
      set(pairKey(term, next.term), scale * PAIR_WEIGHT * ((weightOf(j) + weightOf(j + 1)) / 2));
  });
  for (const kind of kindsAsked(text)) set(kind.key, scale * idf(kind.key));
}

/**
 * The weighted features of a question: for choosing a section, its own words in full and the statements
 * leading up to it at half (they say what it is about); for what an answer must cover, the statements count
 * only a quarter (an answer need not retell the customer's story, but a question as bare as "who do I
 * contact?" is only answered in the situation they describe).
 */
function askWeights(
  ask: Pick<Ask, 'text' | 'question'>,
  idf: (t: string) => number,
  wordWeight: WordWeight,
  held: (term: string) => boolean,
): { select: Weights; cover: Weights } {
  const select: Weights = new Map();
  const cover: Weights = new Map();
  weigh(ask.text, idf, wordWeight, CONTEXT_WEIGHT, select);
  weigh(ask.question, idf, wordWeight, 1, select);
  // Only in choosing: an answer that is no procedure may still answer "how do I know which method I chose?".
  if (ASKS_STEPS.test(ask.question)) select.set(STEPS, idf(STEPS));
  // Of the statements, only words some section at hand speaks of: "I am writing from my phone on the train"
  // tells nothing an answer could cover.
  weigh(ask.text, idf, wordWeight, CONTEXT_COVER_WEIGHT, cover, held);
  weigh(ask.question, idf, wordWeight, 1, cover);
  return { select, cover };
}

function merge(all: readonly Weights[]): Weights {
  const out: Weights = new Map();
  for (const w of all) for (const [t, x] of w) out.set(t, Math.max(out.get(t) ?? 0, x));
  return out;
}

const total = (w: Weights) => [...w.values()].reduce((a, b) => a + b, 0);
const found = (w: Weights, features: ReadonlySet<string>) =>
  [...w].reduce((sum, [t, x]) => (features.has(t) ? sum + x : sum), 0);

/**
 * What an answer holds: the features of the lines it quotes (`said`), of the headings and titles above them
 * (`named`), of its articles' titles alone (`topic`) and of its sections' own headings (`headed`).
 */
interface Cover {
  said: ReadonlySet<string>;
  named: ReadonlySet<string>;
  topic: ReadonlySet<string>;
  /** Terms of the quoted sections' own headings. */
  headed: ReadonlySet<string>;
}

/** A word only a heading or title names counts this much: the answer is on its topic but may not say it. */
const NAMED_ONLY = 0.5;

/**
 * Share of the question's weight an answer covers; 0 for a question without content words. What the
 * quoted lines say counts in full, what only their headings name counts half.
 */
function coverageOf(weights: Weights, cover: Cover): number {
  const all = total(weights);
  if (all === 0) return 0;
  let got = 0;
  for (const [t, x] of weights) got += cover.said.has(t) ? x : cover.named.has(t) ? NAMED_ONLY * x : 0;
  return got / all;
}

/**
 * An answer answers a question when it covers `ANSWERED_AT` of it and is about more than its article's
 * topic: it says a word of the question that its article's title does not name, or a quoted section's own
 * heading names most of the question ("Sales tax" for "why was I charged sales tax?"). A question made only
 * of an article's topic words ("what's your returns policy?") asks for the whole article, which one
 * section does not give.
 */
function answers(weights: Weights, cover: Cover): boolean {
  const words = new Map([...weights].filter(([t]) => !t.includes('+')));
  const specific =
    [...words.keys()].some((t) => cover.said.has(t) && !cover.topic.has(t)) ||
    found(words, cover.headed) > 0.5 * total(words);
  return specific && coverageOf(weights, cover) >= ANSWERED_AT;
}

/**
 * How well a section matches: the question's weight found in its best line (a paragraph, list item or table
 * row, with the headings above it), plus a share of what its other lines add, and its own heading counted
 * once more (a section named after the question is about it). A section whose words are scattered over
 * unrelated lines ranks below one that says them together.
 */
function matchOf(s: Section, weights: Weights): number {
  const whole = found(weights, s.all);
  const best = Math.max(0, ...[...s.lineTerms.keys()].map((i) => found(weights, featuresOf(s, [i]))));
  return best + 0.5 * (whole - best) + 0.25 * found(weights, s.ownHeading);
}

/**
 * The section to quote for `weights` among `sections` (retrieval's order): the best match, where a section of
 * another article than retrieval's leading one must match clearly better to win. Retrieval weighed far more
 * than these few sections can (meaning, synonyms, the routed intent), so its leading article is the prior;
 * the words of the question can still overrule it when another article says them and the leading one does
 * not. A section must hold at least one word of the question.
 */
function bestSection(
  sections: readonly Section[],
  weights: Weights,
  exclude: ReadonlySet<Section>,
  otherArticle: number,
) {
  return rankSections(sections, weights, exclude, otherArticle)[0]?.s;
}

function rankSections(
  sections: readonly Section[],
  weights: Weights,
  exclude: ReadonlySet<Section>,
  otherArticle: number,
) {
  const words = [...weights.keys()].filter((t) => !t.includes('+') && !t.startsWith('#'));
  const lead = sections[0]?.passage.articleId;
  return sections
    .filter((s) => !exclude.has(s) && words.some((t) => s.all.has(t)))
    .map((s) => ({
      s,
      score:
        matchOf(s, weights) *
        (s.passage.articleId === lead ? 1 : otherArticle) *
        (1 + ANSWERED_SECTION * (s.passage.scores.answered ?? 0)),
    }))
    .sort((a, b) => b.score - a.score || a.s.order - b.s.order);
}

/**
 * How clearly the quoted sections beat the best one left out, as a share of the best score (0: a tie, 1: nothing
 * else matched): when a section left out matches the question about as well, the answer could as well have been
 * there. Two sections quoted at a near tie are measured against the third: the tie between them is no doubt
 * about the answer, since both are quoted.
 */
function sectionMargin(ranked: ReadonlyArray<{ score: number }>, quotedAtTie = false): number {
  const [best, runnerUp] = ranked;
  const lastQuoted = quotedAtTie ? runnerUp : best;
  const leftOut = ranked[quotedAtTie ? 2 : 1];
  if (!best || !lastQuoted || best.score <= 0) return 0;
  return leftOut ? Math.max(0, (lastQuoted.score - leftOut.score) / best.score) : 1;
}

/** A section's quoted blocks and what they hold. */
interface Quoted {
  blocks: string[];
  features: Set<string>;
  heading: Set<string>;
  topic: Set<string>;
  headed: Set<string>;
}

/** The blocks of a section worth quoting for the question, as quoted text, and the terms they hold. */
function quoteSection(s: Section, weights: Weights): Quoted {
  const whole = s.words <= SHORT_SECTION;
  const scored = s.blocks.map((b) => ({ b, score: found(weights, featuresOf(s, b.lines, false)) }));
  const best = Math.max(0, ...scored.map((x) => x.score));
  const chosen: Array<{ b: Block; lines: number[] }> = [];
  for (const { b, score } of scored) {
    if (whole) {
      chosen.push({ b, lines: b.lines });
      continue;
    }
    if (score === 0 || score <= KEEP_SHARE * best) continue;
    // The items or rows of a long list or table that match nearly as well as its best one. Words of a
    // table's header row name its columns ("price per month"), so they do not tell one row from another.
    const matching = (lines: number[], header?: number) => {
      const columns = header === undefined ? new Set<string>() : featuresOf(s, [header], false);
      const rowWeights = new Map([...weights].filter(([t]) => !columns.has(t)));
      const score = (i: number) => found(rowWeights, featuresOf(s, [i], false));
      const top = Math.max(0, ...lines.map(score));
      return lines.filter((i) => score(i) > 0 && score(i) > KEEP_SHARE * top);
    };
    if (b.kind === 'paragraph') chosen.push({ b, lines: b.lines });
    else if (b.kind === 'list')
      chosen.push({ b, lines: b.lines.length <= WHOLE_LIST ? b.lines : matching(b.lines) });
    else {
      const rows = b.lines.filter((i) => i !== b.header);
      const keep = rows.length <= WHOLE_TABLE ? rows : matching(rows, b.header);
      chosen.push({ b, lines: [...(b.header !== undefined ? [b.header] : []), ...keep] });
    }
  }
  // Nothing in it matches but its heading or title does: its opening says what it is about.
  if (chosen.length === 0 && s.blocks[0]) chosen.push({ b: s.blocks[0], lines: s.blocks[0].lines });
  const blocks: string[] = [];
  const quotedLines: number[] = [];
  for (const { b, lines } of chosen) {
    if (b.intro !== undefined && !quotedLines.includes(b.intro)) {
      blocks.push(lineText(s.passage.text, b.intro));
      quotedLines.push(b.intro);
    }
    blocks.push(lines.map((i) => lineText(s.passage.text, i)).join('\n'));
    quotedLines.push(...lines);
  }
  return {
    blocks,
    features: featuresOf(s, quotedLines, false),
    heading: s.heading,
    topic: s.topic,
    headed: s.ownHeading,
  };
}

/**
 * The help-centre answer to `question` from `passages` (retrieval's order, best first): the best matching
 * section quoted in whole blocks, plus a second section for a question the first leaves unanswered.
 * Undefined when no section shares a telling word with the question.
 */
export function answerFromSections(
  question: string,
  passages: readonly Passage[],
  opts: {
    wordWeight?: WordWeight;
    similar?: Similarity;
    /**
     * What the customer's records say of the case (an order's status, "cancelled"): it counts like the
     * statements around a question in choosing a section, never in what the answer must cover.
     */
    context?: string;
    /**
     * Whether a word is a real word (the word-vector vocabulary). With it, a question word that is neither
     * a real word nor a word of the sections is read as the section word one edit away ("expidited shiping"
     * as "expedited shipping"), so a typo does not hide what the question asks.
     */
    isWord?: (word: string) => boolean;
    /**
     * A word's rank in general English (word vectors): a misspelling of no section word is read as the commonest
     * word one edit away ("wiht" -> "with").
     */
    commonRank?: (word: string) => number | undefined;
    /** Retrieval's lead margin: the clearer its leading article, the more another article's section must match. */
    leadMargin?: number;
  } = {},
): HelpAnswer | undefined {
  const wordWeight = opts.wordWeight ?? (() => 1);
  const sections = passages.filter((p) => !LINK_SECTION.test(ownTitleOf(p))).map(sectionOf);
  if (sections.length === 0) return undefined;
  const { idf, held } = termWeights(sections);
  const core = questionCore(
    opts.isWord ? mendedAgainst(sections, opts.isWord, opts.commonRank).mend(question) : question,
  );
  const asks = asksOf(core);
  if (asks.length === 0) return undefined;
  const perAsk = asks.map((a) => askWeights(a, idf, wordWeight, held));
  const whole = merge(perAsk.map((a) => a.select));
  if (opts.context) weigh(opts.context, idf, wordWeight, CONTEXT_WEIGHT, whole);

  const otherArticle = otherArticleWeight(opts.leadMargin);
  const ranked = rankSections(sections, whole, new Set(), otherArticle);
  const first = ranked[0]?.s;
  if (!first) return undefined;
  const quoted: Array<Quoted & { s: Section }> = [{ s: first, ...quoteSection(first, whole) }];
  const covered = (extra: Quoted[] = []): Cover => {
    const all = [...quoted, ...extra];
    return {
      said: new Set(all.flatMap((q) => [...q.features])),
      named: new Set(all.flatMap((q) => [...q.heading])),
      topic: new Set(all.flatMap((q) => [...q.topic])),
      headed: new Set(all.flatMap((q) => [...q.headed])),
    };
  };
  // A message with several questions may need a section for each; a single question gets one section.
  for (const { select, cover: weights } of perAsk.length > 1 ? perAsk : []) {
    if (quoted.length >= MAX_SECTIONS) break;
    if (answers(weights, covered())) continue;
    const before = coverageOf(weights, covered());
    const next = bestSection(sections, select, new Set(quoted.map((q) => q.s)), otherArticle);
    if (!next) continue;
    const quote = quoteSection(next, select);
    const after = coverageOf(weights, covered([quote]));
    if (after - before >= SECOND_SECTION_GAIN) quoted.push({ s: next, ...quote });
  }
  // Two sections of the leading article that match the question about as well: which one answers it is a
  // guess ("can I make a second change?" matches the article's general rules as well as its section on doing
  // every change in one go), so both are quoted and the customer reads the one that applies.
  const runnerUp = ranked[1];
  const quotedAtTie =
    quoted.length === 1 &&
    runnerUp !== undefined &&
    runnerUp.s.passage.articleId === first.passage.articleId &&
    runnerUp.score >= NEAR_TIE * ranked[0]!.score;
  if (quotedAtTie) quoted.push({ s: runnerUp.s, ...quoteSection(runnerUp.s, whole) });
  // Quoted in retrieval's order, so the answer reads as the help centre does.
  quoted.sort((a, b) => a.s.order - b.s.order);
  const cover = covered();
  const questions = asks.map((a) => a.question).join('\n');
  const quotedText = quoted.flatMap((q) => q.blocks).join('\n');
  const asked = kindsAsked(questions);
  const given = new Set(
    [...kindsGiven(quotedText), ...quoted.flatMap((q) => kindsHeaded(q.s.passage.section))].map((k) => k.key),
  );
  return {
    quotes: quoted.map((q) => ({ passage: q.s.passage, blocks: q.blocks })),
    coverage: {
      share: round(coverageOf(merge(perAsk.map((a) => a.cover)), cover)),
      asks: asks.length,
      answered: perAsk.filter((a) => answers(a.cover, cover)).length,
      sections: quoted.length,
      margin: round(sectionMargin(ranked, quotedAtTie)),
      kindsAsked: asked.length,
      kindsGiven: asked.filter((k) => given.has(k.key)).length,
      ...(opts.similar
        ? { similarity: round(softCoverage(questions, quotedText, opts.similar, wordWeight)) }
        : {}),
    },
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** A speller whose vocabulary is the sections' words, the more often written the likelier a mend. */
function mendedAgainst(
  sections: readonly Section[],
  isWord: (word: string) => boolean,
  commonRank?: (word: string) => number | undefined,
): SpellingMender {
  const counts = new Map<string, number>();
  for (const s of sections)
    for (const w of `${s.passage.title} ${s.passage.section} ${s.passage.text}`
      .toLowerCase()
      .match(/\p{L}{4,}/gu) ?? [])
      counts.set(w, (counts.get(w) ?? 0) + 1);
  // The mender prefers the lowest weight: the most written word.
  return new SpellingMender(new Map([...counts].map(([w, n]) => [w, 1 / n])), isWord, commonRank);
}
