// `pnpm evals retrieval --set <file.json> | --golden train|dev [--index embedded|qdrant] [--dense true|false]
//   [--thesaurus true|false] [--associations true|false] [--plain true] [--split all|dev|held-out] [--seed 1]
//   [--perturb typo|casing|politeness|signoff|all|context|typography] [--json]`
// `--perturb` searches every query as written another way (`src/robustness/perturb.ts`, seeded by --seed).
// `--plain true` is the baseline: plain BM25 over the sections with every aid off (`PLAIN_BM25`).
// Ingests the set's kb through the markdown ingestion path with default settings, runs every query and
// scores at article level (chunks collapsed to articles, best rank kept). Metrics are percentages.
// `--split` keeps one seeded half of the queries: methods are developed on `dev` and `held-out` is only
// reported, so a change that fits the questions of one set shows up as a gap between the halves.
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import {
  HybridIndex,
  createQdrantSearchIndex,
  groupByArticle,
  ingestArticles,
  loadDefaultEmbedder,
  loadTermAssociations,
  loadWordNet,
  parseMarkdownArticle,
  PLAIN_BM25,
} from '@parley/knowledge';
import type {
  Embedder,
  HybridIndexOptions,
  SearchSettings,
  TermAssociations,
  Thesaurus,
} from '@parley/knowledge';
import { mulberry32, shuffleInPlace } from '@parley/intent-model/rng';
import { UsageError, requireOption } from '../dispatch.js';
import { loadGoldenRetrievalSet, RETRIEVAL_GOLDEN_SPLITS } from '../golden/retrieval-set.js';
import { perturb, PERTURBATIONS } from '../robustness/perturb.js';
import type { Perturbation } from '../robustness/perturb.js';
import type { SuiteArgs } from '../dispatch.js';

export interface RetrievalSet {
  kb: { id: string; title: string; body: string }[];
  queries: { text: string; relevant_ids: string[] }[];
}

export function parseRetrievalSet(file: string, data: unknown): RetrievalSet {
  const fail = (field: string, problem: string): never => {
    throw new UsageError(`${file}: field ${field}: ${problem}`);
  };
  if (typeof data !== 'object' || data === null)
    return fail('/', 'expected an object with "kb" and "queries"');
  const { kb, queries } = data as Record<string, unknown>;
  if (!Array.isArray(kb) || kb.length === 0) return fail('kb', 'expected a non-empty array');
  if (!Array.isArray(queries) || queries.length === 0) return fail('queries', 'expected a non-empty array');
  const ids = new Set<string>();
  kb.forEach((a: Record<string, unknown>, i) => {
    for (const key of ['id', 'title', 'body']) {
      if (typeof a?.[key] !== 'string' || !(a[key] as string).trim())
        fail(`kb[${i}].${key}`, 'expected a non-empty string');
    }
    if (ids.has(a.id as string)) fail(`kb[${i}].id`, `duplicate id ${JSON.stringify(a.id)}`);
    ids.add(a.id as string);
  });
  queries.forEach((q: Record<string, unknown>, i) => {
    if (typeof q?.text !== 'string' || !q.text.trim())
      fail(`queries[${i}].text`, 'expected a non-empty string');
    const rel = q.relevant_ids;
    if (!Array.isArray(rel) || rel.length === 0 || rel.some((r) => typeof r !== 'string')) {
      fail(`queries[${i}].relevant_ids`, 'expected a non-empty array of article ids');
    }
    for (const r of rel as string[])
      if (!ids.has(r)) fail(`queries[${i}].relevant_ids`, `unknown article id ${JSON.stringify(r)}`);
  });
  return data as RetrievalSet;
}

/** Article-level ranking metrics for one query; `ranked` holds article ids best first. */
export function scoreQuery(
  ranked: string[],
  relevant: string[],
): { hitAt1: number; hitAt5: number; rrAt10: number; ndcgAt10: number } {
  const rel = new Set(relevant);
  const first = ranked.findIndex((id) => rel.has(id));
  let dcg = 0;
  ranked.slice(0, 10).forEach((id, i) => {
    if (rel.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(rel.size, 10); i++) ideal += 1 / Math.log2(i + 2);
  return {
    hitAt1: first === 0 ? 1 : 0,
    hitAt5: first >= 0 && first < 5 ? 1 : 0,
    rrAt10: first >= 0 && first < 10 ? 1 / (first + 1) : 0,
    ndcgAt10: dcg / ideal,
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

export type Split = 'all' | 'dev' | 'held-out';

/**
 * Seeded half split of a set's queries: `dev` is what methods are tuned on, `held-out` is only reported.
 * A Fisher-Yates shuffle, so the halves do not follow the file's article order.
 */
export function splitQueries<T>(queries: readonly T[], split: Split, seed = 1): T[] {
  if (split === 'all') return [...queries];
  const order = queries.map((_, i) => i);
  // Seeded, so the halves are the same on every run.
  shuffleInPlace(order, mulberry32(seed));
  const half = Math.ceil(order.length / 2);
  const picked = split === 'dev' ? order.slice(0, half) : order.slice(half);
  return picked.sort((a, b) => a - b).map((i) => queries[i]!);
}

/**
 * Area under the ROC curve of `score` for separating positives from negatives (ties count half):
 * the probability that a random positive outscores a random negative. NaN without both classes.
 */
export function auroc(items: readonly { score: number; positive: boolean }[]): number {
  const pos = items.filter((x) => x.positive).map((x) => x.score);
  const neg = items.filter((x) => !x.positive).map((x) => x.score);
  if (pos.length === 0 || neg.length === 0) return Number.NaN;
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

export type QueryHook = (query: RetrievalSet['queries'][number], ranked: string[]) => void;

export async function evaluate(
  set: RetrievalSet,
  opts: {
    embedder?: Embedder;
    /** WordNet synonyms for query expansion in the embedded index. */
    thesaurus?: Thesaurus;
    /** Learned term associations for query expansion in the embedded index. */
    associations?: TermAssociations;
    origin: string;
    split?: Split;
    seed?: number;
    /** Search a Qdrant collection (created if missing) instead of the embedded index. */
    qdrant?: { url: string; apiKey?: string; collection: string };
    /** Index options and search settings to compare against the defaults (development only). */
    index?: Omit<HybridIndexOptions, 'embedder'>;
    search?: Partial<SearchSettings>;
    /** Sees every query's ranking (article ids, best first): the release gate keeps per-query outcomes. */
    onQuery?: QueryHook;
    /** Searches each query as a customer might also write it (typos, casing, courtesy), seeded by `seed`. */
    perturb?: Perturbation;
  },
): Promise<Record<string, number>> {
  const articles = set.kb.map((a, i) => ({
    ...parseMarkdownArticle(a.body, { origin: `${opts.origin}#/kb/${i}`, fallbackId: a.id }),
    id: a.id,
    title: a.title,
  }));
  const { chunks, summary } = ingestArticles('eval', articles);
  const index = opts.qdrant
    ? await qdrantIndex(opts.qdrant, opts.embedder)
    : new HybridIndex({
        ...opts.index,
        embedder: opts.embedder,
        thesaurus: opts.thesaurus,
        associations: opts.associations,
      });
  const t0 = performance.now();
  await index.upsert(chunks);
  const indexMs = performance.now() - t0;

  const totals = { hitAt1: 0, hitAt5: 0, rrAt10: 0, ndcgAt10: 0 };
  const latencies: number[] = [];
  const confidences: { score: number; positive: boolean }[] = [];
  const queries = splitQueries(set.queries, opts.split ?? 'all', opts.seed);
  for (const [i, q] of queries.entries()) {
    const text = opts.perturb ? perturb(q.text, opts.perturb, opts.seed ?? 1, i) : q.text;
    const start = performance.now();
    // Default settings except topK: enough chunks to fill ten distinct articles.
    const results =
      index instanceof HybridIndex
        ? await index.search(text, { ...opts.search, topK: 50 })
        : await index.search(text, { topK: 50 });
    latencies.push(performance.now() - start);
    const hits = groupByArticle(results);
    const ranked = hits.map((h) => h.articleId);
    const s = scoreQuery(ranked, q.relevant_ids);
    opts.onQuery?.(q, ranked);
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += s[k];
    if (hits[0]) confidences.push({ score: hits[0].best.confidence, positive: s.hitAt1 === 1 });
  }
  const n = queries.length;
  return {
    n,
    recallAt1: round((100 * totals.hitAt1) / n),
    recallAt5: round((100 * totals.hitAt5) / n),
    mrrAt10: round((100 * totals.rrAt10) / n),
    ndcgAt10: round((100 * totals.ndcgAt10) / n),
    // How well the top result's confidence separates right from wrong top-1 answers (0.5 is chance).
    confidenceAuroc: round(auroc(confidences), 3),
    indexMs: round(indexMs),
    p50Ms: round(percentile(latencies, 50), 2),
    p99Ms: round(percentile(latencies, 99), 2),
    articles: summary.articles,
    chunks: summary.chunks,
  };
}

async function readRetrievalSet(file: string): Promise<RetrievalSet> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return parseRetrievalSet(file, data);
}

/** `--golden train|dev`: the golden split's help-centre questions over the demo help centre. */
async function goldenSet(split: string): Promise<RetrievalSet> {
  const allowed: readonly string[] = RETRIEVAL_GOLDEN_SPLITS;
  if (!allowed.includes(split))
    throw new UsageError(`--golden must be ${RETRIEVAL_GOLDEN_SPLITS.join(' or ')}, got ${split}`);
  return loadGoldenRetrievalSet(split as (typeof RETRIEVAL_GOLDEN_SPLITS)[number]);
}

/** The eval's collection (created if missing); a re-run overwrites the same point ids. */
async function qdrantIndex(
  q: { url: string; apiKey?: string; collection: string },
  embedder: Embedder | undefined,
): Promise<ReturnType<typeof createQdrantSearchIndex>> {
  if (!embedder) throw new UsageError('--index qdrant needs the dense side (--dense true)');
  const index = createQdrantSearchIndex({ ...q, embedder });
  await index.ensureCollection();
  return index;
}

export async function run(
  args: SuiteArgs,
  env: Readonly<Record<string, string | undefined>> = process.env,
  onQuery?: QueryHook,
): Promise<Record<string, unknown>> {
  const golden = args.options.golden;
  const file = golden === undefined ? requireOption(args, 'set') : `golden:${golden}`;
  const kind = args.options.index ?? 'embedded';
  if (kind === 'qdrant' && !env.QDRANT_URL)
    throw new UsageError('qdrant index not configured (set QDRANT_URL)');
  if (kind !== 'embedded' && kind !== 'qdrant')
    throw new UsageError(`--index must be embedded or qdrant, got ${kind}`);
  const plain = args.options.plain ?? 'false';
  if (plain !== 'true' && plain !== 'false')
    throw new UsageError(`--plain must be true or false, got ${plain}`);
  if (plain === 'true' && kind !== 'embedded')
    throw new UsageError('--plain true compares against the embedded index only');
  const dense = args.options.dense ?? (plain === 'true' ? 'false' : 'true');
  if (dense !== 'true' && dense !== 'false')
    throw new UsageError(`--dense must be true or false, got ${dense}`);
  const set = golden === undefined ? await readRetrievalSet(file) : await goldenSet(golden);
  const split = args.options.split ?? 'all';
  if (split !== 'all' && split !== 'dev' && split !== 'held-out')
    throw new UsageError(`--split must be all, dev or held-out, got ${split}`);
  const seed = Number(args.options.seed ?? 1);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got ${args.options.seed}`);
  const perturbation = args.options.perturb;
  if (perturbation !== undefined && !(PERTURBATIONS as readonly string[]).includes(perturbation))
    throw new UsageError(`--perturb must be one of ${PERTURBATIONS.join(', ')}, got ${perturbation}`);
  const embedder = dense === 'true' ? await loadDefaultEmbedder() : undefined;
  const useThesaurus = args.options.thesaurus ?? (plain === 'true' ? 'false' : 'true');
  if (useThesaurus !== 'true' && useThesaurus !== 'false')
    throw new UsageError(`--thesaurus must be true or false, got ${useThesaurus}`);
  const thesaurus = useThesaurus === 'true' ? await loadWordNet() : undefined;
  const useAssociations = args.options.associations ?? (plain === 'true' ? 'false' : 'true');
  if (useAssociations !== 'true' && useAssociations !== 'false')
    throw new UsageError(`--associations must be true or false, got ${useAssociations}`);
  const associations = useAssociations === 'true' ? await loadTermAssociations() : undefined;
  const qdrant =
    kind === 'qdrant'
      ? {
          url: env.QDRANT_URL!,
          ...(env.QDRANT_API_KEY ? { apiKey: env.QDRANT_API_KEY } : {}),
          collection: env.QDRANT_COLLECTION ?? 'parley_eval',
        }
      : undefined;
  return {
    index: kind,
    split,
    seed,
    thesaurus: useThesaurus,
    associations: useAssociations,
    plain,
    ...(perturbation ? { perturb: perturbation } : {}),
    ...(await evaluate(set, {
      ...(perturbation ? { perturb: perturbation as Perturbation } : {}),
      ...(plain === 'true' ? { search: PLAIN_BM25 } : {}),
      embedder,
      ...(thesaurus ? { thesaurus } : {}),
      ...(associations ? { associations } : {}),
      origin: file,
      split,
      seed,
      ...(qdrant ? { qdrant } : {}),
      ...(onQuery ? { onQuery } : {}),
    })),
  };
}
