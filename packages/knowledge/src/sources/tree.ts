import type { Stats } from 'node:fs';
import { lstat, opendir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { errnoCode, IngestPathError } from '../errors.js';
import type { IngestBudget } from '../limits.js';
import { IngestLimitError } from '../limits.js';

/** Whether `path` is `boundary` or below it; both must already be real (resolved) absolute paths. */
export function isInside(boundary: string, path: string): boolean {
  const rel = relative(boundary, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/** `<label>/<rel>`, or the label alone for the source itself (a label `/` does not double the slash). */
export function underLabel(label: string, rel: string): string {
  if (!rel) return label;
  return label.endsWith('/') ? `${label}${rel}` : `${label}/${rel}`;
}

/** A regular file found by the walk, with the identity it had then (checked again when it is opened). */
export interface TreeFile {
  /** Real path (links resolved). */
  path: string;
  /** Path below the source folder, `/`-separated, as listed (through links, not their targets). */
  rel: string;
  size: number;
  dev: number;
  ino: number;
}

export interface Tree {
  /** In path order. */
  files: TreeFile[];
  /** Entries that are neither files nor folders (sockets, devices, links to nothing), by `rel`. */
  passedOver: { rel: string; detail: string }[];
}

export interface WalkOptions {
  /** Real path of the folder every link must resolve into. */
  boundary: string;
  /** Names the source in errors (`<label>/<rel>`), so no server path is shown. */
  label: string;
  budget: IngestBudget;
}

/**
 * Lists the regular files under `dir` (a real path) one folder at a time, within the budget's file count,
 * depth and time: nothing is read, and the listing never holds more names than the file-count limit.
 * Hidden entries (`.git`, `.DS_Store`) are passed over without being opened. A link is followed only when its
 * real target is inside the boundary; one that leads out refuses the whole source (IngestPathError), so a
 * planted link cannot pull a server file into the knowledge store. Each folder is entered once (by device
 * and inode), so link cycles end.
 */
export async function walkTree(dir: string, opts: WalkOptions): Promise<Tree> {
  const { boundary, label, budget } = opts;
  const files: TreeFile[] = [];
  const passedOver: Tree['passedOver'] = [];
  const entered = new Set<string>();
  const named = (rel: string) => underLabel(label, rel);

  const fail = (rel: string, err: unknown): never => {
    if (err instanceof IngestLimitError || err instanceof IngestPathError) throw err;
    throw new IngestPathError(named(rel), 'cannot be read', errnoCode(err));
  };

  async function listNames(real: string, rel: string): Promise<string[]> {
    const names: string[] = [];
    try {
      for await (const entry of await opendir(real)) {
        budget.countEntry(named(rel));
        names.push(entry.name);
      }
    } catch (err) {
      fail(rel, err);
    }
    return names.sort();
  }

  /** What a listed entry is, following a link that stays inside the boundary; null when it vanished. */
  async function inspect(
    listed: string,
    rel: string,
  ): Promise<{ target: string; info: Stats } | { passOver: string } | null> {
    try {
      const info = await lstat(listed);
      if (!info.isSymbolicLink()) return { target: listed, info };
      let target: string;
      try {
        target = await realpath(listed);
      } catch (err) {
        const code = errnoCode(err);
        if (code === 'ENOENT' || code === 'ELOOP') return { passOver: 'a link that leads nowhere' };
        throw err;
      }
      if (!isInside(boundary, target))
        throw new IngestPathError(named(rel), 'is a link that leads outside the source root');
      return { target, info: await stat(target) };
    } catch (err) {
      // Removed between the listing and now: as if it had not been there.
      if (errnoCode(err) === 'ENOENT') return null;
      return fail(rel, err);
    }
  }

  async function visit(real: string, rel: string, depth: number, info: Stats): Promise<void> {
    const key = `${info.dev}:${info.ino}`;
    if (entered.has(key)) return;
    entered.add(key);
    budget.checkDepth(depth, named(rel));
    budget.checkTime(named(rel));
    for (const name of await listNames(real, rel)) {
      if (name.startsWith('.')) continue;
      const childRel = rel ? `${rel}/${name}` : name;
      const child = await inspect(join(real, name), childRel);
      if (child === null) continue;
      if ('passOver' in child) passedOver.push({ rel: childRel, detail: child.passOver });
      else if (child.info.isDirectory()) await visit(child.target, childRel, depth + 1, child.info);
      else if (child.info.isFile()) {
        const { size, dev, ino } = child.info;
        files.push({ path: child.target, rel: childRel, size, dev, ino });
      } else passedOver.push({ rel: childRel, detail: 'not a regular file or folder' });
    }
  }

  let rootInfo: Stats;
  try {
    rootInfo = await stat(dir);
  } catch (err) {
    return fail('', err);
  }
  if (!rootInfo.isDirectory()) throw new IngestPathError(label, 'is not a folder');
  await visit(dir, '', 0, rootInfo);
  // Path order across folders, as a flat sorted listing would give ("a.md" before "a/b.md").
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return { files, passedOver };
}
