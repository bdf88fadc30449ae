import type { AnsweredQuestion } from '@parley/demo-store';
import type { Example, IntentModel } from '@parley/intent-model';
import { holdOutEvery, trainIntentModel } from '@parley/intent-model';
import type { WordVectors } from '@parley/word-vectors';
import { sectionKey } from './answered-questions.js';

/** How many of the classifier's most likely articles get a boost. */
const TOP_ARTICLES = 5;
/** How many of the most likely sections get a vote. */
const TOP_SECTIONS = 20;
/** Every n-th question of each article calibrates the classifier instead of training it. */
const VALIDATION_EVERY = 8;
/** Fewer answered questions than this, or fewer than two articles: too little to learn from, no classifier. */
export const MIN_CLASSIFIER_QUESTIONS = 40;

/**
 * Which article answers a question, learned from the questions answered before: the intent classifier of
 * `@parley/intent-model` (word and character n-grams with the sentence's word vectors, a linear model and a
 * small network, calibrated), trained with the answering article as the label. Nearest neighbours among the
 * answered questions vote only when a question is worded like one of them; a classifier learns which words
 * tell the articles apart across all of them, so it also places wording no single answered question shares.
 * Like the other priors it only reorders the candidates the search found.
 */
export class ArticleClassifier {
  private constructor(
    private readonly articles: IntentModel,
    /** Which section held the answer (`sectionKey`), where the questions name one; undefined when too few do. */
    private readonly sections: IntentModel | undefined,
    /** How much the classifier's probability for an article adds to the article's ranking score. */
    readonly weight: number,
    /** The questions it was trained and calibrated on. */
    readonly size: number,
  ) {}

  /** Trained on `questions` (one example per answering article), or undefined when there are too few. */
  static train(
    questions: readonly AnsweredQuestion[],
    vectors: WordVectors | undefined,
    weight: number,
  ): ArticleClassifier | undefined {
    const examples: Example[] = questions.flatMap((q) =>
      q.articles.map((a) => ({ text: q.text, intent: a })),
    );
    if (weight <= 0 || !enough(questions.length, examples)) return undefined;
    // The sections the questions name (those holding their expected facts), one example per section.
    const bySection: Example[] = questions.flatMap((q) =>
      (q.sections ?? []).map((s) => ({ text: q.text, intent: sectionKey(s.articleId, s.section) })),
    );
    const named = new Set(bySection.map((e) => e.text)).size;
    const articles = fit(examples, vectors);
    if (!articles) return undefined;
    const sections = enough(named, bySection) ? fit(bySection, vectors) : undefined;
    return new ArticleClassifier(articles, sections, weight, questions.length);
  }

  /** Article id -> boost: the classifier's probability that the article answers `query`, times the weight. */
  boosts(query: string): Map<string, number> {
    const { ranked } = this.articles.predict(query, { topK: TOP_ARTICLES });
    return new Map(ranked.map((r) => [r.intent, this.weight * r.p]));
  }

  /**
   * `sectionKey(article, section)` -> vote: the probability that the section holds the answer to `query`, times
   * the weight, for the likeliest sections; empty when the questions name too few sections to learn them.
   */
  sectionVotes(query: string): Map<string, number> {
    if (!this.sections) return new Map();
    const { ranked } = this.sections.predict(query, { topK: TOP_SECTIONS });
    return new Map(ranked.map((r) => [r.intent, this.weight * r.p]));
  }
}

function enough(questions: number, examples: readonly Example[]): boolean {
  return questions >= MIN_CLASSIFIER_QUESTIONS && new Set(examples.map((e) => e.intent)).size >= 2;
}

/**
 * Trained on all but every n-th question of each label and calibrated on those; with few questions a label,
 * every fourth or every second; undefined when no label has two questions to spare one.
 */
function fit(examples: Example[], vectors: WordVectors | undefined): IntentModel | undefined {
  for (const every of [VALIDATION_EVERY, 4, 2]) {
    const { rest, held } = holdOutEvery(examples, every);
    if (held.length > 0 && rest.length > 0) return trainIntentModel(rest, held, vectors);
  }
  return undefined;
}
