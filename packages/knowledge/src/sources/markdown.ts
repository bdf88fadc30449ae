import { marked } from 'marked';
import { parseDocument } from 'yaml';
import { IngestError } from '../errors.js';
import type { Article } from '../types.js';

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

interface FrontMatter {
  id?: string;
  title?: string;
  url?: string;
  updatedAt?: string;
}

function stringField(file: string, data: Record<string, unknown>, key: string): string | undefined {
  const value = data[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (typeof value === 'number' && key === 'id') return String(value);
  throw new IngestError(
    file,
    `front matter "${key}" must be a non-empty string, got ${JSON.stringify(value)}`,
    { field: key },
  );
}

function readFrontMatter(file: string, yamlText: string): FrontMatter {
  const doc = parseDocument(yamlText);
  const error = doc.errors[0];
  if (error) {
    // +1: the YAML starts on the line after the opening "---".
    const pos = error.linePos?.[0];
    throw new IngestError(
      file,
      `invalid front matter: ${error.message.split('\n')[0]}`,
      pos ? { line: pos.line + 1, column: pos.col } : {},
    );
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data))
    throw new IngestError(file, 'front matter must be a YAML mapping', { line: 2 });
  const record = data as Record<string, unknown>;
  const updatedAt = stringField(file, record, 'updated_at');
  if (updatedAt !== undefined && Number.isNaN(Date.parse(updatedAt))) {
    throw new IngestError(file, `front matter "updated_at" is not a date: ${JSON.stringify(updatedAt)}`, {
      field: 'updated_at',
    });
  }
  return {
    id: stringField(file, record, 'id'),
    title: stringField(file, record, 'title'),
    url: stringField(file, record, 'url'),
    updatedAt: updatedAt === undefined ? undefined : new Date(updatedAt).toISOString(),
  };
}

/**
 * Reads one markdown article. Front matter (id, title, url, updated_at) is optional: the id falls back to
 * `fallbackId` (the file's relative path) and the title to the first level-1 heading, then to `fallbackTitle`.
 */
export function parseMarkdownArticle(
  text: string,
  opts: { origin: string; fallbackId: string; fallbackTitle?: string },
): Article {
  const match = FRONT_MATTER.exec(text);
  const meta = match ? readFrontMatter(opts.origin, match[1]!) : {};
  const body = match ? text.slice(match[0].length) : text;
  const heading = /^#[ \t]+(.+?)[ \t#]*$/m.exec(body)?.[1];
  const title = meta.title ?? heading?.trim() ?? opts.fallbackTitle ?? opts.fallbackId;
  const html = marked.parse(body, { async: false, gfm: true });
  return {
    id: meta.id ?? opts.fallbackId,
    title,
    url: meta.url ?? null,
    updatedAt: meta.updatedAt ?? null,
    html,
    origin: opts.origin,
  };
}

/**
 * A markdown article whose metadata its own loader has already read (a help centre whose titles a YAML reader
 * would reject): the body is rendered as `parseMarkdownArticle` renders it, and the given id, title, url and date
 * stand whatever its front matter says.
 */
export function markdownArticleWith(
  markdown: string,
  meta: { origin: string; id: string; title: string; url?: string | null; updatedAt: string },
): Article {
  const parsed = parseMarkdownArticle(markdown, {
    origin: meta.origin,
    fallbackId: meta.id,
    fallbackTitle: meta.title,
  });
  return {
    ...parsed,
    id: meta.id,
    title: meta.title,
    url: meta.url ?? null,
    updatedAt: new Date(meta.updatedAt).toISOString(),
  };
}
