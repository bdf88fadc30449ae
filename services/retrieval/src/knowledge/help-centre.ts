import type { HelpArticle } from '@parley/demo-store';
import { loadHelpCentre } from '@parley/demo-store';
import type { Article, IngestResult } from '@parley/knowledge';
import { ingestArticles, markdownArticleWith } from '@parley/knowledge';

export const HELP_CENTRE_SOURCE = 'help-centre';

/**
 * The demo store's own loader reads the front matter (titles may contain ": ", which a YAML reader rejects);
 * the knowledge package renders the body and chunks it.
 */
export function toArticle(dir: string, a: HelpArticle): Article {
  return markdownArticleWith(a.markdown, { ...a, origin: `${dir}/${a.id}.md` });
}

export async function ingestHelpCentre(dir: string): Promise<IngestResult> {
  const articles = await loadHelpCentre(dir);
  return ingestArticles(
    HELP_CENTRE_SOURCE,
    articles.map((a) => toArticle(dir, a)),
  );
}
