// `pnpm bench retrieval [--sizes 1000,10000,100000] [--queries 300] [--dense true|false] [--json]`
// Builds the embedded hybrid index over synthetic help-centre chunks at each size and reports build
// rate, query latency percentiles and memory. Text is drawn Zipf-style from a vocabulary of real
// support words (the fixture kb) plus synthetic words, so postings lengths and vocabulary growth
// resemble a real help centre.
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  HybridIndex,
  contentHash,
  hashingEmbedder,
  loadDefaultEmbedder,
  loadTermAssociations,
  loadWordNet,
} from '@parley/knowledge';
import type { ChunkRecord, Embedder } from '@parley/knowledge';
import { UsageError } from '../dispatch.js';
import type { SuiteArgs } from '../dispatch.js';
import { mulberry32 } from '@parley/intent-model/rng';
import { percentile } from '../suites/retrieval.js';

const FIXTURE = fileURLToPath(
  new URL('../../../packages/knowledge/test/fixtures/faq-set.json', import.meta.url),
);

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ten',
  'ra',
  'vo',
  'sel',
  'dor',
  'pa',
  'qu',
  'int',
  'ex',
  'ble',
  'ment',
  'ship',
  'ord',
];

export async function vocabulary(synthetic: number, random: () => number): Promise<string[]> {
  const set = JSON.parse(await readFile(FIXTURE, 'utf8')) as { kb: { body: string }[] };
  const real = [...new Set(set.kb.flatMap((a) => a.body.toLowerCase().match(/[a-z]+/g) ?? []))];
  const made = new Set<string>();
  while (made.size < synthetic) {
    const n = 2 + Math.floor(random() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)]!;
    made.add(w);
  }
  // Real words first: Zipf sampling makes them the frequent ones, as in real text.
  return [...real, ...made];
}

/** Zipf(s=1) sampler over ranks 0..n-1 by inverse CDF on a precomputed table. */
function zipf(n: number, random: () => number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cdf[i] = sum += 1 / (i + 1);
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export function syntheticChunks(count: number, vocab: string[], random: () => number): ChunkRecord[] {
  const pick = zipf(vocab.length, random);
  const phrase = (n: number): string => Array.from({ length: n }, () => vocab[pick()]!).join(' ');
  const chunks: ChunkRecord[] = [];
  for (let i = 0; i < count; i++) {
    const articleId = `a${Math.floor(i / 4)}`;
    const text = `${phrase(40 + Math.floor(random() * 80))}.`;
    const section = phrase(2 + Math.floor(random() * 3));
    chunks.push({
      id: `c${i}`,
      sourceId: 'bench',
      articleId,
      title: phrase(3 + Math.floor(random() * 4)),
      url: null,
      sectionPath: [section],
      section,
      ordinal: 0,
      text,
      updatedAt: null,
      contentHash: contentHash(text),
    });
  }
  return chunks;
}

const mb = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;

function heapBytes(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

async function benchSize(
  size: number,
  queries: number,
  embedder: Embedder | undefined,
  vocab: string[],
): Promise<Record<string, number>> {
  const random = mulberry32(size);
  const chunks = syntheticChunks(size, vocab, random);
  const before = heapBytes();
  const index = new HybridIndex({
    embedder,
    thesaurus: await loadWordNet(),
    associations: await loadTermAssociations(),
  });
  const t0 = performance.now();
  for (let i = 0; i < chunks.length; i += 1000) await index.upsert(chunks.slice(i, i + 1000));
  const buildMs = performance.now() - t0;
  const after = heapBytes();

  const pick = zipf(Math.min(vocab.length, 3000), random);
  const texts = Array.from({ length: queries }, () =>
    Array.from({ length: 3 + Math.floor(random() * 6) }, () => vocab[pick()]!).join(' '),
  );
  for (const q of texts.slice(0, 20)) await index.search(q);
  const latencies: number[] = [];
  for (const q of texts) {
    const start = performance.now();
    await index.search(q);
    latencies.push(performance.now() - start);
  }
  const stats = index.stats();
  return {
    chunks: size,
    buildMs: Math.round(buildMs),
    chunksPerSec: Math.round(size / (buildMs / 1000)),
    p50Ms: Math.round(percentile(latencies, 50) * 100) / 100,
    p99Ms: Math.round(percentile(latencies, 99) * 100) / 100,
    vocabulary: stats.vocabulary,
    indexSparseMB: mb(stats.memoryBytes.sparse),
    indexDenseMB: mb(stats.memoryBytes.dense),
    heapDeltaMB: mb(after - before),
  };
}

export async function run(args: SuiteArgs): Promise<Record<string, unknown>> {
  const sizes = (args.options.sizes ?? '1000,10000,100000').split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new UsageError('--sizes must be comma-separated positive integers');
  const queries = Number(args.options.queries ?? 300);
  if (!Number.isInteger(queries) || queries < 1) throw new UsageError('--queries must be a positive integer');
  const dense = args.options.dense ?? 'true';
  if (dense !== 'true' && dense !== 'false' && dense !== 'hashing')
    throw new UsageError('--dense must be true, false or hashing');
  const embedder =
    dense === 'true' ? await loadDefaultEmbedder() : dense === 'hashing' ? hashingEmbedder(100) : undefined;
  const vocab = await vocabulary(20_000, mulberry32(7));
  const results = [];
  for (const size of sizes) results.push(await benchSize(size, queries, embedder, vocab));
  return { embedder: dense === 'true' ? 'word-vectors-sif' : dense, vocabularyWords: vocab.length, results };
}
