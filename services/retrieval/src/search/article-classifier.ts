import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AnsweredQuestion } from '@parley/demo-store';
import type { Example } from '@parley/intent-model';
import { decodeModel, holdOutEvery, IntentModel, saveModel, trainIntentModel } from '@parley/intent-model';
import type { WordVectors } from '@parley/word-vectors';
import { defaultCacheDir } from '@parley/word-vectors';
import { sectionKey } from './answered-questions.js';

/** How many of the classifier's most likely articles get a boost. */
const TOP_ARTICLES = 5;
/** How many of the most likely sections get a vote. */
const TOP_SECTIONS = 20;
/** Every n-th question of each article calibrates the classifier instead of training it. */
const VALIDATION_EVERY = 8;
/** Bumped whenever what is trained, or how, changes: a cached classifier of another version is never read. */
const CACHE_VERSION = 1;
/** Where trained classifiers are kept, beside the word vectors' cache, named by what they were trained on. */
export const DEFAULT_CLASSIFIER_CACHE_DIR = join(
  dirname(defaultCacheDir().replace(/\/$/, '')),
  'article-classifier',
);

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

  /**
   * The classifier of `questions` from `cacheDir` when one trained on exactly these questions (and word vectors)
   * is there, else trained and written there for the next start: training takes seconds of CPU, reading it
   * milliseconds. A cache that cannot be written is skipped; the classifier is the same either way.
   */
  static async load(
    questions: readonly AnsweredQuestion[],
    vectors: WordVectors | undefined,
    weight: number,
    cacheDir: string = DEFAULT_CLASSIFIER_CACHE_DIR,
  ): Promise<ArticleClassifier | undefined> {
    if (weight <= 0) return undefined;
    const base = join(cacheDir, digestOf(questions, vectors));
    const cached = await readCached(base, vectors);
    if (cached) return new ArticleClassifier(cached.articles, cached.sections, weight, questions.length);
    const trained = ArticleClassifier.train(questions, vectors, weight);
    if (!trained) return undefined;
    await writeCached(base, trained.articles, trained.sections);
    return trained.packed();
  }

  /**
   * The same classifier holding its weights as bytes (`IntentModel.packed`), as a read from the cache gives
   * it: a service keeps 6 MB instead of 22, and scores the same whether it trained or read the classifier.
   */
  packed(): ArticleClassifier {
    return new ArticleClassifier(this.articles.packed(), this.sections?.packed(), this.weight, this.size);
  }

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

function digestOf(questions: readonly AnsweredQuestion[], vectors: WordVectors | undefined): string {
  const what = questions.map((q) => [q.text, q.articles, q.sections ?? []]);
  return createHash('sha256')
    .update(JSON.stringify({ version: CACHE_VERSION, vectors: vectors?.size ?? 0, what }))
    .digest('hex')
    .slice(0, 32);
}

async function readCached(
  base: string,
  vectors: WordVectors | undefined,
): Promise<{ articles: IntentModel; sections: IntentModel | undefined } | undefined> {
  try {
    // Read for prediction only: byte weights, taken from each file's buffer without a float copy.
    const read = (buf: Buffer) => new IntentModel(decodeModel(buf, base, { int8: true }), vectors);
    const articles = read(await readFile(`${base}.articles`));
    const sectionsFile = await readFile(`${base}.sections`);
    const sections = sectionsFile.length === 0 ? undefined : read(sectionsFile);
    return { articles, sections };
  } catch {
    // Absent, partly written by another process or from other code: trained afresh.
    return undefined;
  }
}

async function writeCached(
  base: string,
  articles: IntentModel,
  sections: IntentModel | undefined,
): Promise<void> {
  try {
    await mkdir(dirname(base), { recursive: true });
    // Sections first, articles last (each written aside and renamed into place by `saveModel`): a reader
    // finding the articles' file finds both complete. No section classifier is an empty file.
    if (sections) await saveModel(sections, `${base}.sections`);
    else await writeFile(`${base}.sections`, '');
    await saveModel(articles, `${base}.articles`);
  } catch {
    // A read-only disk: every start trains.
  }
}
