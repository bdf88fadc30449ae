import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, relative, sep } from 'node:path';
import { IngestError } from '../errors.js';
import type { Article, SkippedItem } from '../types.js';

export interface ParsedFolder {
  articles: Article[];
  skipped: SkippedItem[];
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * Reads every file with one of `extensions` under `dir` (recursively, in path order). Other files are
 * reported as unsupported; a file that fails to parse is reported as invalid with the parser's message,
 * or thrown when `strict`.
 */
export async function readFolder(
  dir: string,
  extensions: string[],
  parseFile: (text: string, opts: { origin: string; fallbackId: string; fallbackTitle: string }) => Article,
  strict: boolean,
): Promise<ParsedFolder> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new IngestError(dir, 'not a readable directory');
  const articles: Article[] = [];
  const skipped: SkippedItem[] = [];
  const seen = new Map<string, string>();
  for (const file of await listFiles(dir)) {
    const ext = extname(file).toLowerCase();
    const rel = relative(dir, file).split(sep).join('/');
    if (basename(file).startsWith('.')) continue;
    if (!extensions.includes(ext)) {
      skipped.push({ origin: file, reason: 'unsupported', detail: `not one of ${extensions.join(', ')}` });
      continue;
    }
    const fallbackId = rel.slice(0, rel.length - ext.length);
    let article: Article;
    try {
      article = parseFile(await readFile(file, 'utf8'), {
        origin: file,
        fallbackId,
        fallbackTitle: basename(fallbackId),
      });
    } catch (err) {
      if (strict || !(err instanceof IngestError)) throw err;
      skipped.push({ origin: file, articleId: fallbackId, reason: 'invalid', detail: err.message });
      continue;
    }
    const first = seen.get(article.id);
    if (first !== undefined) {
      const problem = `duplicate article id "${article.id}" (first in ${first})`;
      if (strict) throw new IngestError(file, problem, { field: 'id' });
      skipped.push({ origin: file, articleId: article.id, reason: 'invalid', detail: problem });
      continue;
    }
    seen.set(article.id, file);
    articles.push(article);
  }
  return { articles, skipped };
}
