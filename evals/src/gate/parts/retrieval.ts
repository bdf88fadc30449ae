// Retrieval on the sets the repository ships (`evals retrieval --set <file>` with its defaults), as per-query
// columns: the demo store's set, and every retrieval set under packages/knowledge/test/fixtures and evals/data.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSuiteArgs } from '../../dispatch.js';
import { run as runRetrieval, scoreQuery } from '../../suites/retrieval.js';
import type { PartRun } from '../figures.js';
import { caseDigest } from '../figures.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Folders searched for retrieval sets (JSON files with `kb` and `queries`), besides the demo store's set. */
export const RETRIEVAL_SET_DIRS = ['packages/knowledge/test/fixtures', 'evals/data'];
export const DEMO_RETRIEVAL_SET = 'packages/demo-store/retrieval-set.json';

async function jsonFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory()
        ? jsonFiles(path.join(dir, e.name))
        : Promise.resolve(e.name.endsWith('.json') ? [path.join(dir, e.name)] : []),
    ),
  );
  return nested.flat().sort();
}

const looksLikeSet = (data: unknown): boolean =>
  typeof data === 'object' && data !== null && 'kb' in data && 'queries' in data;

/** The shipped retrieval sets, as paths relative to the repository, the demo store's first. */
export async function retrievalSets(root = ROOT): Promise<string[]> {
  const found: string[] = [DEMO_RETRIEVAL_SET];
  for (const dir of RETRIEVAL_SET_DIRS) {
    for (const file of await jsonFiles(path.join(root, dir))) {
      const data: unknown = JSON.parse(await readFile(file, 'utf8'));
      if (looksLikeSet(data)) found.push(path.relative(root, file));
    }
  }
  return found;
}

/** `retrieval-<file name>`, or `retrieval-<folder>` for a file called retrieval-set.json. */
export function retrievalPartName(file: string): string {
  const base = path.basename(file, '.json');
  return `retrieval-${base === 'retrieval-set' ? path.basename(path.dirname(file)) : base}`;
}

/** Runs the retrieval evaluation on one set (a path relative to the repository) and keeps each query's rank. */
export async function measureRetrieval(file: string, root = ROOT): Promise<PartRun> {
  const keys: string[] = [];
  const rank: number[] = [];
  const ndcg: number[] = [];
  const result = await runRetrieval(
    parseSuiteArgs(['--set', path.join(root, file)]),
    process.env,
    (q, ranked) => {
      const top = ranked.slice(0, 10);
      const relevant = new Set(q.relevant_ids);
      keys.push(`${q.text}\t${[...q.relevant_ids].sort().join(',')}`);
      rank.push(top.findIndex((id) => relevant.has(id)));
      ndcg.push(scoreQuery(ranked, q.relevant_ids).ndcgAt10);
    },
  );
  return {
    part: retrievalPartName(file),
    kind: 'retrieval',
    source: file,
    digest: caseDigest(keys),
    n: keys.length,
    columns: { rank, ndcg: ndcg.map((x) => Math.round(x * 1e4) / 1e4) },
    info: { p99Ms: result.p99Ms as number },
  };
}
