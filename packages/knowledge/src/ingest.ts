import type { Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { chunkArticle } from './chunker.js';
import type { ChunkOptions } from './chunker.js';
import { errnoCode, IngestError, IngestPathError } from './errors.js';
import type { IngestLimits } from './limits.js';
import { IngestBudget } from './limits.js';
import { readBounded } from './sources/bounded-read.js';
import { exportKind, folderKind, HTML_EXTENSIONS, MARKDOWN_EXTENSIONS } from './sources/detect.js';
import { readFolder } from './sources/folder.js';
import { parseHtmlArticle } from './sources/html.js';
import { parseJsonText } from './sources/json-file.js';
import { parseMarkdownArticle } from './sources/markdown.js';
import { isInside, walkTree } from './sources/tree.js';
import { parseIntercomExport, parseZendeskExport } from './sources/vendors.js';
import type { Article, ChunkRecord, IngestResult, SkippedItem } from './types.js';

export const SOURCE_KINDS = ['markdown-dir', 'html-dir', 'zendesk', 'intercom'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export interface SourceSpec {
  /**
   * Detected when absent: a folder is markdown-dir or html-dir by which files it holds more of, a `.json`
   * file is a Zendesk or Intercom export by its shape.
   */
  kind?: SourceKind | undefined;
  /** A folder for markdown-dir/html-dir, a JSON file for zendesk/intercom. */
  path: string;
  /** Scope for diffs; defaults to `<kind>:<label>`. Give a stable name when the path may move. */
  sourceId?: string | undefined;
  /**
   * Names the source in origins, messages and the default source id; its absolute path by default. Give one
   * (e.g. `<root name>/faq`) wherever a server path must not be shown.
   */
  label?: string | undefined;
  /**
   * Real path of the folder the source, and every link inside it, must resolve into; by default the
   * source's own real path (a link out of the named folder is refused).
   */
  boundary?: string | undefined;
}

export interface IngestOptions {
  chunking?: ChunkOptions;
  /** Throw on the first malformed file instead of reporting it in `summary.skipped`. */
  strict?: boolean;
  /** Caps on reading the source; `DEFAULT_INGEST_LIMITS` for any not given. Ignored when `budget` is given. */
  limits?: Partial<IngestLimits>;
  /** A budget already running, when the caller counts one time limit across more than the read. */
  budget?: IngestBudget;
}

/** An ingested source with the kind it was read as (the detected one when the spec gave none). */
export interface SourceIngest extends IngestResult {
  kind: SourceKind;
}

/** Chunks articles as they arrive, so an article's HTML is dropped once chunked. */
class ChunkCollector {
  private readonly chunks: ChunkRecord[] = [];
  private readonly empty: SkippedItem[] = [];
  private articles = 0;

  constructor(
    private readonly sourceId: string,
    private readonly options: IngestOptions,
  ) {
    if (!sourceId) throw new Error('sourceId must be a non-empty string');
  }

  add(article: Article): void {
    const own = chunkArticle(article, this.sourceId, this.options.chunking);
    if (own.length === 0) {
      this.empty.push({
        origin: article.origin,
        articleId: article.id,
        reason: 'empty',
        detail: 'article has no text',
      });
      return;
    }
    this.articles++;
    for (const c of own) this.chunks.push(c);
  }

  result(skipped: readonly SkippedItem[]): IngestResult {
    const all = [...skipped, ...this.empty];
    return {
      sourceId: this.sourceId,
      chunks: this.chunks,
      summary: { sourceId: this.sourceId, articles: this.articles, chunks: this.chunks.length, skipped: all },
    };
  }
}

/** Chunks already-read articles; an article whose body has no text is reported as skipped. */
export function ingestArticles(
  sourceId: string,
  articles: Article[],
  options: IngestOptions = {},
  skipped: SkippedItem[] = [],
): IngestResult {
  const collector = new ChunkCollector(sourceId, options);
  for (const article of articles) collector.add(article);
  return collector.result(skipped);
}

async function inspect(path: string, label: string): Promise<{ real: string; info: Stats }> {
  try {
    const real = await realpath(path);
    return { real, info: await stat(real) };
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new IngestPathError(label, 'no such file or folder');
    throw new IngestPathError(label, 'cannot be read', code);
  }
}

/**
 * Reads one source (folder or vendor export) into chunk records plus a summary of what was skipped, within
 * the limits (file count, depth, per-file and total bytes, time): a folder is listed first, then its files
 * are read and chunked one at a time. Errors name the source by its label, never by its server path.
 */
export async function ingestSource(spec: SourceSpec, options: IngestOptions = {}): Promise<SourceIngest> {
  if (spec.kind !== undefined && !(SOURCE_KINDS as readonly string[]).includes(spec.kind))
    throw new IngestError(spec.label ?? spec.path, `unknown source kind ${JSON.stringify(spec.kind)}`);
  const budget = options.budget ?? new IngestBudget(options.limits);
  const given = resolve(spec.path);
  const label = spec.label ?? given;
  const { real, info } = await inspect(given, label);
  if (spec.boundary !== undefined && !isInside(spec.boundary, real))
    throw new IngestPathError(label, 'is outside the source root');
  const strict = options.strict === true;
  const idFor = (kind: SourceKind) => spec.sourceId ?? `${kind}:${label}`;

  if (info.isDirectory()) {
    if (spec.kind === 'zendesk' || spec.kind === 'intercom')
      throw new IngestError(label, `a ${spec.kind} export is a .json file, not a folder`);
    const tree = await walkTree(real, { boundary: spec.boundary ?? real, label, budget });
    const kind = spec.kind ?? folderKind(tree.files);
    if (!kind) throw new IngestError(label, 'no markdown or HTML files to ingest');
    const collector = new ChunkCollector(idFor(kind), options);
    const skipped = await readFolder(
      tree,
      {
        label,
        extensions: kind === 'markdown-dir' ? MARKDOWN_EXTENSIONS : HTML_EXTENSIONS,
        parseFile: kind === 'markdown-dir' ? parseMarkdownArticle : parseHtmlArticle,
        strict,
        budget,
      },
      (article) => collector.add(article),
    );
    return { kind, ...collector.result(skipped) };
  }

  if (!info.isFile()) throw new IngestPathError(label, 'is not a regular file or folder');
  if (spec.kind === 'markdown-dir' || spec.kind === 'html-dir')
    throw new IngestPathError(label, 'is not a folder');
  if (spec.kind === undefined && extname(given).toLowerCase() !== '.json')
    throw new IngestError(label, 'expected a folder or a .json export (give the kind to override)');
  const text = await readBounded(
    { path: real, rel: '', size: info.size, dev: info.dev, ino: info.ino },
    label,
    budget,
  );
  const data = parseJsonText(label, text);
  const kind = spec.kind ?? exportKind(data);
  if (kind === null)
    throw new IngestError(
      label,
      'not a Zendesk ({ "articles": [...] }) or Intercom ({ "type": "list", "data": [...] }) export',
    );
  const parsed = kind === 'zendesk' ? parseZendeskExport(label, data) : parseIntercomExport(label, data);
  if (strict) {
    const invalid = parsed.skipped.find((s) => s.reason === 'invalid');
    if (invalid) throw new IngestError(invalid.origin, invalid.detail);
  }
  budget.checkTime(label);
  return { kind, ...ingestArticles(idFor(kind), parsed.articles, options, parsed.skipped) };
}
