import { parse } from 'node-html-parser';
import type { Article } from '../types.js';

function meta(root: ReturnType<typeof parse>, names: string[]): string | undefined {
  for (const name of names) {
    const el = root.querySelector(`meta[name="${name}"]`) ?? root.querySelector(`meta[property="${name}"]`);
    const content = el?.getAttribute('content')?.trim();
    if (content) return content;
  }
  return undefined;
}

/**
 * Reads one HTML article: title from <title>, else the first <h1>; url from the canonical link; id from
 * `<meta name="article-id">`, else the file's relative path; updated_at from article:modified_time or
 * `<meta name="updated_at">`.
 */
export function parseHtmlArticle(
  text: string,
  opts: { origin: string; fallbackId: string; fallbackTitle?: string },
): Article {
  const root = parse(text, { comment: false });
  const body = root.querySelector('body') ?? root;
  const title =
    root.querySelector('title')?.text.trim() ||
    body.querySelector('h1')?.text.trim() ||
    opts.fallbackTitle ||
    opts.fallbackId;
  const url = root.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim() || null;
  const updated = meta(root, ['article:modified_time', 'updated_at']);
  const updatedAt = updated && !Number.isNaN(Date.parse(updated)) ? new Date(updated).toISOString() : null;
  return {
    id: meta(root, ['article-id']) ?? opts.fallbackId,
    title,
    url,
    updatedAt,
    html: body.innerHTML,
    origin: opts.origin,
  };
}
