import { resolve } from 'node:path';
import { chunkArticle } from './chunker.js';
import type { ChunkOptions } from './chunker.js';
import { IngestError } from './errors.js';
import { readFolder } from './sources/folder.js';
import { parseHtmlArticle } from './sources/html.js';
import { readJsonFile } from './sources/json-file.js';
import { parseMarkdownArticle } from './sources/markdown.js';
import { parseIntercomExport, parseZendeskExport } from './sources/vendors.js';
import type { Article, IngestResult, SkippedItem } from './types.js';

export type SourceKind = 'markdown-dir' | 'html-dir' | 'zendesk' | 'intercom';

export interface SourceSpec {
  kind: SourceKind;
  /** A folder for markdown-dir/html-dir, a JSON file for zendesk/intercom. */
  path: string;
  /** Scope for diffs; defaults to `<kind>:<absolute path>`. Give a stable name when the path may move. */
  sourceId?: string;
}

export interface IngestOptions {
  chunking?: ChunkOptions;
  /** Throw on the first malformed file instead of reporting it in `summary.skipped`. */
  strict?: boolean;
}

/** Chunks already-read articles; an article whose body has no text is reported as skipped. */
export function ingestArticles(
  sourceId: string,
  articles: Article[],
  options: IngestOptions = {},
  skipped: SkippedItem[] = [],
): IngestResult {
  if (!sourceId) throw new Error('sourceId must be a non-empty string');
  const chunks = [];
  const skippedAll = [...skipped];
  let count = 0;
  for (const article of articles) {
    const own = chunkArticle(article, sourceId, options.chunking);
    if (own.length === 0) {
      skippedAll.push({
        origin: article.origin,
        articleId: article.id,
        reason: 'empty',
        detail: 'article has no text',
      });
      continue;
    }
    count++;
    chunks.push(...own);
  }
  return {
    sourceId,
    chunks,
    summary: { sourceId, articles: count, chunks: chunks.length, skipped: skippedAll },
  };
}

/** Reads one source (folder or vendor export) into chunk records plus a summary of what was skipped. */
export async function ingestSource(spec: SourceSpec, options: IngestOptions = {}): Promise<IngestResult> {
  const path = resolve(spec.path);
  const sourceId = spec.sourceId ?? `${spec.kind}:${path}`;
  const strict = options.strict === true;
  let parsed: { articles: Article[]; skipped: SkippedItem[] };
  switch (spec.kind) {
    case 'markdown-dir':
      parsed = await readFolder(path, ['.md', '.markdown'], parseMarkdownArticle, strict);
      break;
    case 'html-dir':
      parsed = await readFolder(path, ['.html', '.htm'], parseHtmlArticle, strict);
      break;
    case 'zendesk':
      parsed = parseZendeskExport(path, await readJsonFile(path));
      break;
    case 'intercom':
      parsed = parseIntercomExport(path, await readJsonFile(path));
      break;
    default:
      throw new IngestError(
        spec.path,
        `unknown source kind ${JSON.stringify((spec as { kind: unknown }).kind)}`,
      );
  }
  if (strict) {
    const invalid = parsed.skipped.find((s) => s.reason === 'invalid');
    if (invalid) throw new IngestError(invalid.origin, invalid.detail);
  }
  return ingestArticles(sourceId, parsed.articles, options, parsed.skipped);
}
