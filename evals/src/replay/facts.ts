// The facts an answer gives a customer, to tell which of them a candidate's answer lost (pure): order ids,
// tracking ids, order statuses, amounts of money, and the sentences it quotes from the articles it cites (the
// article's key sentence, as the customer reads it).
import { normalise } from '../golden/grade.js';

export interface AnswerFact {
  kind: 'order' | 'tracking' | 'status' | 'amount' | 'sentence';
  /** Normalised (a sentence as the answer wrote it): what is looked for in the other answer. */
  text: string;
}

/**
 * Words and figures only, lower case: a sentence matches its article whatever became of the markup around it
 * (bold, links and list marks leave spaces before punctuation in the stored sections).
 */
export function loose(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[^a-z0-9$%]+/g, ' ')
    .trim()} `;
}

const ORDER = /(?<![A-Za-z0-9])#?W\d{7}(?!\d)/gi;
const TRACKING = /(?<![\d#A-Za-z])\d{9,}(?!\d)/g;
const AMOUNT = /\$\s?\d[\d,]*(?:\.\d{1,2})?/g;
const STATUS =
  /\b(?:pending|processed|delivered|cancell?ed|return requested|exchange requested|not (?:yet )?been packed|handed to the carrier|will not ship)\b/gi;

const sentencesOf = (text: string): string[] =>
  text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim().replace(/^(?:[-*•]|\d+\.)\s+/, ''))
    .filter(Boolean);

/** Words of a sentence worth calling a fact: greetings and sign-offs are not. */
const MIN_SENTENCE_WORDS = 5;

/** The facts of `body`, each once, in order of appearance within each kind. */
export function answerFacts(body: string, citedArticles: readonly string[]): AnswerFact[] {
  const facts: AnswerFact[] = [];
  const seen = new Set<string>();
  const add = (kind: AnswerFact['kind'], raw: string) => {
    const text =
      kind === 'order'
        ? `#${raw.replace(/^#/, '').toUpperCase()}`
        : kind === 'sentence'
          ? raw.replace(/\s+/g, ' ')
          : normalise(raw);
    const key = `${kind}:${text}`;
    if (seen.has(key)) return;
    seen.add(key);
    facts.push({ kind, text });
  };
  for (const m of body.matchAll(ORDER)) add('order', m[0]);
  for (const m of body.matchAll(TRACKING)) add('tracking', m[0]);
  for (const m of body.matchAll(STATUS)) add('status', m[0].replace(/canceled/i, 'cancelled'));
  for (const m of body.matchAll(AMOUNT)) add('amount', m[0].replace(/\s/g, ''));
  const articles = citedArticles.map(loose);
  for (const s of sentencesOf(body)) {
    const words = loose(s);
    if (words.trim().split(' ').length >= MIN_SENTENCE_WORDS && articles.some((a) => a.includes(words)))
      add('sentence', s);
  }
  return facts;
}

/** Whether `body` states the fact (case and spacing aside; an order id with or without its `#`). */
export function states(body: string, fact: AnswerFact): boolean {
  if (fact.kind === 'sentence') return loose(body).includes(loose(fact.text));
  const text = normalise(body).replace(/\bcanceled\b/g, 'cancelled');
  if (fact.kind === 'order')
    return new RegExp(`(?<![a-z0-9])#?${fact.text.slice(1).toLowerCase()}(?!\\d)`).test(text);
  if (fact.kind === 'amount') return text.replace(/\$\s/g, '$').includes(fact.text);
  return text.includes(fact.text);
}

/** The facts of the original answer the candidate's answer does not state (all of them when it has none). */
export function lostFacts(original: readonly AnswerFact[], candidateBody: string | undefined): AnswerFact[] {
  return original.filter((f) => candidateBody === undefined || !states(candidateBody, f));
}
