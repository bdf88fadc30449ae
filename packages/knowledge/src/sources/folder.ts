import { basename, extname } from 'node:path';
import { IngestError } from '../errors.js';
import type { IngestBudget } from '../limits.js';
import type { Article, SkippedItem } from '../types.js';
import { readBounded } from './bounded-read.js';
import type { Tree } from './tree.js';
import { underLabel } from './tree.js';

export interface FolderOptions {
  /** Names the folder in origins and messages (`<label>/<relative path>`). */
  label: string;
  extensions: readonly string[];
  parseFile: (text: string, opts: { origin: string; fallbackId: string; fallbackTitle: string }) => Article;
  strict: boolean;
  budget: IngestBudget;
}

/**
 * Reads the listed files with one of `extensions` one at a time (in path order), handing each article to
 * `onArticle` before the next file is read, so only one file's text is held at once. Before reading anything
 * the listed sizes are checked against the per-file and total limits. Other files are reported as
 * unsupported; a file that fails to parse is reported as invalid with the parser's message, or thrown when
 * `strict`. Returns what was skipped.
 */
export async function readFolder(
  tree: Tree,
  opts: FolderOptions,
  onArticle: (article: Article) => void,
): Promise<SkippedItem[]> {
  const { label, extensions, strict, budget } = opts;
  const origin = (rel: string) => underLabel(label, rel);
  const wanted = tree.files.filter((f) => extensions.includes(extname(f.rel).toLowerCase()));
  for (const f of wanted) budget.checkFileBytes(f.size, origin(f.rel));
  budget.checkPlannedBytes(
    wanted.reduce((sum, f) => sum + f.size, 0),
    label,
  );
  const skipped: SkippedItem[] = [];
  const seen = new Map<string, string>();
  for (const file of tree.files) {
    const at = origin(file.rel);
    const ext = extname(file.rel).toLowerCase();
    if (!extensions.includes(ext)) {
      skipped.push({ origin: at, reason: 'unsupported', detail: `not one of ${extensions.join(', ')}` });
      continue;
    }
    const fallbackId = file.rel.slice(0, file.rel.length - ext.length);
    const text = await readBounded(file, at, budget);
    let article: Article;
    try {
      article = opts.parseFile(text, { origin: at, fallbackId, fallbackTitle: basename(fallbackId) });
    } catch (err) {
      if (strict || !(err instanceof IngestError)) throw err;
      skipped.push({ origin: at, articleId: fallbackId, reason: 'invalid', detail: err.message });
      continue;
    }
    budget.checkTime(at);
    const first = seen.get(article.id);
    if (first !== undefined) {
      const problem = `duplicate article id "${article.id}" (first in ${first})`;
      if (strict) throw new IngestError(at, problem, { field: 'id' });
      skipped.push({ origin: at, articleId: article.id, reason: 'invalid', detail: problem });
      continue;
    }
    seen.set(article.id, at);
    onArticle(article);
  }
  for (const p of tree.passedOver)
    skipped.push({ origin: origin(p.rel), reason: 'unsupported', detail: p.detail });
  return skipped;
}
