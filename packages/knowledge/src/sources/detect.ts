import { extname } from 'node:path';

/** Which vendor an export's JSON is from, by its shape; null when it is neither. */
export function exportKind(data: unknown): 'zendesk' | 'intercom' | null {
  const page = Array.isArray(data) ? (data[0] as unknown) : data;
  if (typeof page !== 'object' || page === null) return null;
  const p = page as Record<string, unknown>;
  if (Array.isArray(p.articles)) return 'zendesk';
  if (p.type === 'list' && Array.isArray(p.data)) return 'intercom';
  return null;
}

export const MARKDOWN_EXTENSIONS = ['.md', '.markdown'] as const;
export const HTML_EXTENSIONS = ['.html', '.htm'] as const;

/** A folder is markdown-dir or html-dir by which files it holds more of; null when it holds neither. */
export function folderKind(files: readonly { rel: string }[]): 'markdown-dir' | 'html-dir' | null {
  let md = 0;
  let html = 0;
  for (const f of files) {
    const ext = extname(f.rel).toLowerCase();
    if ((MARKDOWN_EXTENSIONS as readonly string[]).includes(ext)) md++;
    else if ((HTML_EXTENSIONS as readonly string[]).includes(ext)) html++;
  }
  if (md === 0 && html === 0) return null;
  return md >= html ? 'markdown-dir' : 'html-dir';
}
