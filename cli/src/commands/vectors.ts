import { cacheFile, DEFAULT_MAX_WORDS, loadWordVectors } from '@parley/word-vectors';
import { strictArgs, UsageError } from '../args.js';
import type { Io } from '../io.js';
import { withProgress } from '@parley/runtime/progress';

export const USAGE = 'usage: parley vectors build [--cache-dir <dir>] [--max-words <n>]';

export interface VectorsArgs {
  cacheDir?: string;
  maxWords: number;
}

export function parse(argv: readonly string[]): VectorsArgs {
  const { values, positionals } = strictArgs(
    argv,
    { 'cache-dir': { type: 'string' }, 'max-words': { type: 'string' } },
    USAGE,
    { min: 1, max: 1 },
  );
  if (positionals[0] !== 'build')
    throw new UsageError(`unknown vectors command ${JSON.stringify(positionals[0])}\n${USAGE}`);
  const maxWords = values['max-words'] === undefined ? DEFAULT_MAX_WORDS : Number(values['max-words']);
  if (!Number.isInteger(maxWords) || maxWords <= 0)
    throw new UsageError(`--max-words must be a positive integer\n${USAGE}`);
  return { maxWords, ...(values['cache-dir'] !== undefined ? { cacheDir: values['cache-dir'] } : {}) };
}

/** Builds the binary word-vector cache ahead of time (otherwise the first process to load it pays). */
export async function run(args: VectorsArgs, io: Io): Promise<number> {
  const vectors = await withProgress('building the word-vector cache', () => loadWordVectors(args), io.err);
  io.out(`${JSON.stringify({ file: cacheFile(args), words: vectors.size, dim: vectors.dim })}\n`);
  return 0;
}
