import { z } from 'zod';
import { pages, zodPath } from './json-file.js';
import type { Article, SkippedItem } from '../types.js';

export interface ParsedExport {
  articles: Article[];
  skipped: SkippedItem[];
}

const id = z.union([z.number().int(), z.string().min(1)]).transform(String);

// Zendesk Help Center API article (GET /api/v2/help_center/articles): only the fields retrieval uses.
const zendeskArticle = z.object({
  id,
  title: z.string(),
  body: z.string().nullable().optional(),
  html_url: z.string().nullable().optional(),
  updated_at: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO 8601 date'),
  locale: z.string().optional(),
  draft: z.boolean().optional(),
});

// Intercom Articles API list item (GET /articles): updated_at is unix seconds, state published|draft.
const intercomArticle = z.object({
  id,
  title: z.string(),
  body: z.string().nullable().optional(),
  url: z.string().nullable().optional(),
  updated_at: z.number(),
  state: z.enum(['published', 'draft']).optional(),
});

interface Normalised {
  id: string;
  title: string;
  body: string | null | undefined;
  url: string | null;
  updatedAt: string;
  draft: boolean;
}

function collect(
  file: string,
  data: unknown,
  listKey: string,
  read: (raw: unknown) => { ok: true; value: Normalised } | { ok: false; field: string; message: string },
): ParsedExport {
  const articles: Article[] = [];
  const skipped: SkippedItem[] = [];
  const seen = new Map<string, string>();
  for (const page of pages(file, data, listKey)) {
    const items = page.value[listKey] as unknown[];
    items.forEach((raw, i) => {
      const origin = `${file}#${page.pointer}/${listKey}/${i}`;
      const rawId = (raw as { id?: unknown } | null)?.id;
      const articleId = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : undefined;
      const parsed = read(raw);
      if (!parsed.ok) {
        skipped.push({
          origin,
          articleId,
          reason: 'invalid',
          detail: `field ${parsed.field}: ${parsed.message}`,
        });
        return;
      }
      const a = parsed.value;
      if (seen.has(a.id)) {
        skipped.push({
          origin,
          articleId: a.id,
          reason: 'invalid',
          detail: `duplicate article id (first at ${seen.get(a.id)})`,
        });
        return;
      }
      seen.set(a.id, origin);
      if (a.draft) {
        skipped.push({ origin, articleId: a.id, reason: 'draft', detail: 'unpublished draft' });
        return;
      }
      if (!a.body?.trim()) {
        skipped.push({ origin, articleId: a.id, reason: 'empty', detail: 'article has no body' });
        return;
      }
      articles.push({ id: a.id, title: a.title, url: a.url, updatedAt: a.updatedAt, html: a.body, origin });
    });
  }
  return { articles, skipped };
}

/** A vendor's article validated by its schema, then mapped to the common shape; a failure names the field. */
function reader<T>(
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  normalise: (article: T) => Normalised,
): (raw: unknown) => { ok: true; value: Normalised } | { ok: false; field: string; message: string } {
  return (raw) => {
    const r = schema.safeParse(raw);
    if (r.success) return { ok: true, value: normalise(r.data) };
    const issue = r.error.issues[0]!;
    return { ok: false, field: zodPath(issue.path) || '(article)', message: issue.message };
  };
}

/** Reads a Zendesk Help Center articles export: `{ articles: [...] }` or an array of such pages. */
export function parseZendeskExport(file: string, data: unknown): ParsedExport {
  return collect(
    file,
    data,
    'articles',
    reader(zendeskArticle, (a) => ({
      id: a.id,
      title: a.title,
      body: a.body,
      url: a.html_url ?? null,
      updatedAt: new Date(a.updated_at).toISOString(),
      draft: a.draft === true,
    })),
  );
}

/** Reads an Intercom articles export: `{ type: "list", data: [...] }` or an array of such pages. */
export function parseIntercomExport(file: string, data: unknown): ParsedExport {
  return collect(
    file,
    data,
    'data',
    reader(intercomArticle, (a) => ({
      id: a.id,
      title: a.title,
      body: a.body,
      url: a.url ?? null,
      updatedAt: new Date(a.updated_at * 1000).toISOString(),
      draft: a.state === 'draft',
    })),
  );
}
