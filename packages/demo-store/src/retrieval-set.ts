import { z } from 'zod';
import { describeIssues, packagePath, readJsonFile } from './files.js';
import { loadHelpCentre } from './help-centre.js';
import type { HelpArticle } from './help-centre.js';

export const DEFAULT_RETRIEVAL_SET_FILE = packagePath('retrieval-set.json');
export const DEFAULT_RETRIEVAL_QUERIES_FILE = packagePath('retrieval-queries.json');

const querySchema = z
  .object({
    text: z.string().trim().min(1),
    relevant_ids: z.array(z.string().min(1)).min(1),
  })
  .strict();

/** The shared retrieval-set format used by evaluation: `{ kb, queries }`. */
export const retrievalSetSchema = z
  .object({
    kb: z
      .array(z.object({ id: z.string().min(1), title: z.string().min(1), body: z.string().min(1) }).strict())
      .min(1),
    queries: z.array(querySchema).min(1),
  })
  .strict()
  .superRefine((set, ctx) => {
    const ids = new Set(set.kb.map((d) => d.id));
    if (ids.size !== set.kb.length)
      ctx.addIssue({ code: 'custom', path: ['kb'], message: 'duplicate document id' });
    set.queries.forEach((q, i) =>
      q.relevant_ids.forEach((id, j) => {
        if (!ids.has(id))
          ctx.addIssue({
            code: 'custom',
            path: ['queries', i, 'relevant_ids', j],
            message: `unknown document "${id}"`,
          });
      }),
    );
  });

export type RetrievalSet = z.infer<typeof retrievalSetSchema>;
export type RetrievalQuery = z.infer<typeof querySchema>;

function parse<T>(file: string, schema: z.ZodType<T>, json: unknown): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`${file}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** The hand-written customer questions, before they are joined to the help centre. */
export async function loadRetrievalQueries(
  file: string = DEFAULT_RETRIEVAL_QUERIES_FILE,
): Promise<RetrievalQuery[]> {
  return parse(file, z.array(querySchema), await readJsonFile(file));
}

/** Joins the help centre (as the kb) with the queries and validates that every relevant id exists. */
export function assembleRetrievalSet(articles: HelpArticle[], queries: RetrievalQuery[]): RetrievalSet {
  const set = {
    kb: articles.map((a) => ({ id: a.id, title: a.title, body: a.markdown })),
    queries,
  };
  return parse('retrieval set', retrievalSetSchema, set);
}

export async function buildRetrievalSet(): Promise<RetrievalSet> {
  const [articles, queries] = await Promise.all([loadHelpCentre(), loadRetrievalQueries()]);
  return assembleRetrievalSet(articles, queries);
}

export async function loadRetrievalSet(file: string = DEFAULT_RETRIEVAL_SET_FILE): Promise<RetrievalSet> {
  return parse(file, retrievalSetSchema, await readJsonFile(file));
}
