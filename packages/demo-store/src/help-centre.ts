import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { describeIssues, packagePath } from './files.js';

export const DEFAULT_HELP_CENTRE_DIR = packagePath('help-centre');

export interface HelpArticle {
  id: string;
  title: string;
  url?: string;
  /** ISO date (YYYY-MM-DD) of the last content change. */
  updatedAt: string;
  /** The article body without front matter. */
  markdown: string;
}

const frontMatterSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug'),
    title: z.string().min(1),
    updated_at: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
      .refine((d) => !Number.isNaN(Date.parse(d)), 'is not a real date'),
    url: z.string().url().optional(),
  })
  .strict();

/**
 * A deliberately tiny front-matter reader: `---`, then one `key: value` per line, then `---`.
 * Articles only need flat strings, and a strict format fails loudly where a YAML parser would
 * quietly accept a typo as a nested value.
 */
export function parseArticle(file: string, text: string): HelpArticle {
  const fail = (problem: string): never => {
    throw new Error(`${file}: ${problem}`);
  };
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[0] !== '---') fail('must start with a "---" front matter line');
  const end = lines.indexOf('---', 1);
  if (end === -1) fail('front matter is not closed with "---"');

  const fields: Record<string, string> = {};
  for (const line of lines.slice(1, end)) {
    const match = /^([a-z_]+):\s*(.*?)\s*$/.exec(line);
    if (!match) fail(`front matter line is not "key: value": ${JSON.stringify(line)}`);
    const [, key = '', rawValue = ''] = match as RegExpExecArray;
    if (key in fields) fail(`front matter key "${key}" appears twice`);
    fields[key] = rawValue.replace(/^"(.*)"$/, '$1');
  }
  const parsed = frontMatterSchema.safeParse(fields);
  if (!parsed.success) return fail(`front matter: ${describeIssues(parsed.error)}`);
  const meta = parsed.data;

  const markdown = lines
    .slice(end + 1)
    .join('\n')
    .trim();
  if (!/^## \S/m.test(markdown)) fail('body has no "## " section heading');

  return {
    id: meta.id,
    title: meta.title,
    ...(meta.url !== undefined ? { url: meta.url } : {}),
    updatedAt: meta.updated_at,
    markdown,
  };
}

/** Reads every `*.md` article of the help centre, sorted by id; the file name must be `<id>.md`. */
export async function loadHelpCentre(dir: string = DEFAULT_HELP_CENTRE_DIR): Promise<HelpArticle[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.md')).sort();
  const articles = await Promise.all(
    files.map(async (f) => {
      const file = join(dir, f);
      const article = parseArticle(file, await readFile(file, 'utf8'));
      if (article.id !== basename(f, '.md'))
        throw new Error(`${file}: id "${article.id}" does not match the file name`);
      return article;
    }),
  );
  return articles.sort((a, b) => a.id.localeCompare(b.id));
}
