// `tsx packages/word-vectors/src/cli.ts build [--cache-dir <dir>] [--max-words <n>]`: builds the binary cache
// ahead of time (it is otherwise built on first load) and reports where it is and how long loading takes.
import { parseArgs } from 'node:util';
import { cacheFile, DEFAULT_MAX_WORDS, loadWordVectors } from './vectors.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { 'cache-dir': { type: 'string' }, 'max-words': { type: 'string' } },
});
if (positionals[0] !== 'build') {
  process.stderr.write('usage: word-vectors build [--cache-dir <dir>] [--max-words <n>]\n');
  process.exitCode = 2;
} else {
  const maxWords = values['max-words'] === undefined ? DEFAULT_MAX_WORDS : Number(values['max-words']);
  if (!Number.isInteger(maxWords) || maxWords <= 0) throw new Error(`--max-words must be a positive integer`);
  const opts = { cacheDir: values['cache-dir'], maxWords };
  const started = performance.now();
  const vectors = await loadWordVectors(opts);
  process.stdout.write(
    `${JSON.stringify({ file: cacheFile(opts), words: vectors.size, dim: vectors.dim, ms: Math.round(performance.now() - started) })}\n`,
  );
}
