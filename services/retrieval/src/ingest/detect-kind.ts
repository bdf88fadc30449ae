import { readdir, readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { SourceKind } from '@parley/knowledge';

/** Bad ingest input: the message names the path or field and the problem (an HTTP 400, a CLI usage error). */
export class IngestInputError extends Error {
  override name = 'IngestInputError';
}

/** Which vendor an export's JSON is from, by its shape; null when it is neither. */
export function exportKind(data: unknown): 'zendesk' | 'intercom' | null {
  const page = Array.isArray(data) ? (data[0] as unknown) : data;
  if (typeof page !== 'object' || page === null) return null;
  const p = page as Record<string, unknown>;
  if (Array.isArray(p.articles)) return 'zendesk';
  if (p.type === 'list' && Array.isArray(p.data)) return 'intercom';
  return null;
}

/**
 * The source kind of a path: a folder is markdown-dir or html-dir by which files it holds more of; a JSON
 * file is a Zendesk or Intercom export by its shape.
 */
export async function detectKind(path: string): Promise<SourceKind> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new IngestInputError(`${path}: no such file or directory`);
  if (info.isDirectory()) {
    const entries = await readdir(path, { withFileTypes: true, recursive: true });
    let md = 0;
    let html = 0;
    for (const e of entries) {
      if (!e.isFile()) continue;
      const ext = extname(e.name).toLowerCase();
      if (ext === '.md' || ext === '.markdown') md++;
      else if (ext === '.html' || ext === '.htm') html++;
    }
    if (md === 0 && html === 0) throw new IngestInputError(`${path}: no markdown or HTML files to ingest`);
    return md >= html ? 'markdown-dir' : 'html-dir';
  }
  if (extname(path).toLowerCase() !== '.json')
    throw new IngestInputError(`${path}: expected a folder or a .json export (give --kind to override)`);
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new IngestInputError(`${path}: invalid JSON: ${(err as Error).message}`);
  }
  const kind = exportKind(data);
  if (!kind)
    throw new IngestInputError(
      `${path}: not a Zendesk ({ "articles": [...] }) or Intercom ({ "type": "list", "data": [...] }) export`,
    );
  return kind;
}
