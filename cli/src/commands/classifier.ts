import { DEFAULT_ANSWERED_QUESTIONS_FILE, loadAnsweredQuestions } from '@parley/demo-store';
import {
  ArticleClassifier,
  DEFAULT_CLASSIFIER_CACHE_DIR,
} from '@parley/retrieval-service/search/article-classifier';
import { withProgress } from '@parley/runtime/progress';
import { loadWordVectors } from '@parley/word-vectors';
import { strictArgs, UsageError } from '../args.js';
import type { Io } from '../io.js';

export const USAGE = 'usage: parley classifier build [--questions <answered.jsonl>] [--cache-dir <dir>]';

export interface ClassifierArgs {
  questions: string;
  cacheDir: string;
}

export function parse(argv: readonly string[]): ClassifierArgs {
  const { values, positionals } = strictArgs(
    argv,
    { questions: { type: 'string' }, 'cache-dir': { type: 'string' } },
    USAGE,
    { min: 1, max: 1 },
  );
  if (positionals[0] !== 'build')
    throw new UsageError(`unknown classifier command ${JSON.stringify(positionals[0])}\n${USAGE}`);
  return {
    questions: values.questions ?? DEFAULT_ANSWERED_QUESTIONS_FILE,
    cacheDir: values['cache-dir'] ?? DEFAULT_CLASSIFIER_CACHE_DIR,
  };
}

/**
 * Trains retrieval's article and section classifiers on the answered questions and keeps them in the cache the
 * service reads at start, so a container whose disk is read-only does not train them at every start.
 */
export async function run(args: ClassifierArgs, io: Io): Promise<number> {
  const questions = await loadAnsweredQuestions(args.questions);
  const vectors = await loadWordVectors();
  const classifier = await withProgress(
    'training the article classifier',
    () => ArticleClassifier.load(questions, vectors, 1, args.cacheDir),
    io.err,
  );
  if (!classifier) {
    io.err.write(`${args.questions}: too few answered questions to learn from (${questions.length})\n`);
    return 1;
  }
  io.out(`${JSON.stringify({ cacheDir: args.cacheDir, questions: classifier.size })}\n`);
  return 0;
}
