import type { AnsweredQuestion } from '@parley/demo-store';
import type { Example, IntentModel } from '@parley/intent-model';
import { holdOutEvery, trainIntentModel } from '@parley/intent-model';
import type { WordVectors } from '@parley/word-vectors';

/** How many of the classifier's most likely articles get a boost. */
const TOP_ARTICLES = 5;
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
    private readonly model: IntentModel,
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
    const articles = new Set(examples.map((e) => e.intent));
    if (weight <= 0 || questions.length < MIN_CLASSIFIER_QUESTIONS || articles.size < 2) return undefined;
    const { rest, held } = holdOutEvery(examples, VALIDATION_EVERY);
    return new ArticleClassifier(trainIntentModel(rest, held, vectors), weight, questions.length);
  }

  /** Article id -> boost: the classifier's probability that the article answers `query`, times the weight. */
  boosts(query: string): Map<string, number> {
    const { ranked } = this.model.predict(query, { topK: TOP_ARTICLES });
    return new Map(ranked.map((r) => [r.intent, this.weight * r.p]));
  }
}
