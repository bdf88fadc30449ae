import { realpath } from 'node:fs/promises';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import { errnoCode, IngestPathError, isInside } from '@parley/knowledge';

/** A folder the ingest endpoint may read under, known to clients by its last path segment. */
export interface KnowledgeRoot {
  name: string;
  dir: string;
}

/** `RETRIEVAL_KB_ROOTS`: absolute folders, comma separated, with distinct last segments; `none` for none. */
export function parseKnowledgeRoots(value: string): KnowledgeRoot[] {
  if (value.trim() === 'none') return [];
  const roots: KnowledgeRoot[] = [];
  for (const entry of value.split(',').map((s) => s.trim())) {
    if (!entry) continue;
    if (!isAbsolute(entry)) throw new Error(`"${entry}" is not an absolute path`);
    const dir = resolve(entry);
    const name = basename(dir);
    if (!name) throw new Error('the file system root cannot be a knowledge root');
    if (roots.some((r) => r.name === name))
      throw new Error(`two roots are named "${name}" (their last folder names must differ)`);
    roots.push({ name, dir });
  }
  if (roots.length === 0) throw new Error('no folder given (use "none" to turn path ingestion off)');
  return roots;
}

/** Where a file source is, how it is named in responses, and the folder its links must stay in. */
export interface LocatedSource {
  /** Real path of the source. */
  path: string;
  /** Real path of its root. */
  boundary: string;
  /** `<root name>/<path below the root>`, as the client asked for it. */
  label: string;
}

const outside = () => new IngestPathError('path', 'is outside the configured knowledge roots');

/** The root a requested path names, and the path lexically resolved under it; undefined when it names none. */
function lexical(
  requested: string,
  roots: readonly KnowledgeRoot[],
): { root: KnowledgeRoot; path: string } | undefined {
  if (isAbsolute(requested)) {
    const path = resolve(requested);
    // The deepest root holding it, so a nested root names its own sources.
    const root = roots.filter((r) => isInside(r.dir, path)).sort((a, b) => b.dir.length - a.dir.length)[0];
    return root && { root, path };
  }
  const [first, ...rest] = requested.split('/');
  const root = roots.find((r) => r.name === first);
  if (!root) return undefined;
  const path = resolve(root.dir, rest.join('/'));
  return isInside(root.dir, path) ? { root, path } : undefined;
}

/**
 * Resolves a path sent to `POST /v1/kb/ingest`: absolute, or `<root name>/<path below it>`. `..` is resolved
 * lexically first, so nothing outside a root is ever touched on disk (no existence oracle); then links are
 * resolved and the real path must still be inside the root's real path. Percent signs, backslashes and
 * look-alike Unicode are never decoded or normalised: they are ordinary characters of a name that either
 * exists under the root or does not. Errors name the path by its root name or not at all.
 */
export async function locateUnderRoots(
  requested: string,
  roots: readonly KnowledgeRoot[],
): Promise<LocatedSource> {
  if (roots.length === 0)
    throw new IngestPathError('path', 'path ingestion is turned off (no knowledge roots are configured)');
  const found = requested.includes('\0') ? undefined : lexical(requested, roots);
  if (!found) throw outside();
  const { root, path } = found;
  const rel = relative(root.dir, path).split(sep).join('/');
  const label = rel ? `${root.name}/${rel}` : root.name;
  let boundary: string;
  try {
    boundary = await realpath(root.dir);
  } catch (err) {
    throw new IngestPathError(root.name, 'knowledge root is not available', errnoCode(err));
  }
  let real: string;
  try {
    real = await realpath(path);
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new IngestPathError(label, 'no such file or folder');
    throw new IngestPathError(label, 'cannot be read', code);
  }
  if (!isInside(boundary, real)) throw outside();
  return { path: real, boundary, label };
}
