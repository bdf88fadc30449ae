import type { EnvSource, PlatformConfig } from '@parley/config';
import { ConfigError, env, readEnv, readPlatformConfig } from '@parley/config';
import {
  DEFAULT_ANSWERED_QUESTIONS_FILE,
  DEFAULT_HELP_CENTRE_DIR,
  DEFAULT_TAXONOMY_FILE,
} from '@parley/demo-store';
import type { IngestLimits, SourceKind } from '@parley/knowledge';
import type { EmbedderConfig, RerankerConfig } from '@parley/providers';
import { z } from 'zod';
import type { KnowledgeRoot } from './ingest/roots.js';
import { parseKnowledgeRoots } from './ingest/roots.js';
import type { SeedMode } from './knowledge/store.js';

const KINDS = ['markdown-dir', 'html-dir', 'zendesk', 'intercom'] as const;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `7d`, `12h`, `30m`, `90s`, or `0` (off). */
const duration = (defaultValue: string) =>
  z
    .string()
    .regex(/^(0|\d+[smhd])$/, 'must be 0 or a number with a unit s, m, h or d (e.g. 7d)')
    .transform((v) => (v === '0' ? 0 : Number(v.slice(0, -1)) * UNIT_MS[v.slice(-1) as keyof typeof UNIT_MS]))
    .default(defaultValue);

const UNIT_BYTES = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as const;

/** Bytes: `65536`, `64k`, `16m`, `1g` (binary units), within [1, max]. */
const byteSize = (defaultValue: string, max: number) =>
  z
    .string()
    .regex(/^\d+[kmg]?$/i, 'must be a number of bytes, optionally with a unit k, m or g (e.g. 16m)')
    .transform((v) => {
      const unit = v.slice(-1).toLowerCase();
      return unit in UNIT_BYTES
        ? Number(v.slice(0, -1)) * UNIT_BYTES[unit as keyof typeof UNIT_BYTES]
        : Number(v);
    })
    .pipe(
      z
        .number()
        .min(1, 'must be at least 1 byte')
        .max(max, `must be at most ${max / 1024 ** 2} MiB`),
    )
    .default(defaultValue);

const optional = () => z.string().min(1).optional();

/**
 * Where `POST /v1/kb/ingest` may read files, and the caps on every ingestion from disk (the endpoint, the CLI
 * and the scheduled re-index). Defaults as `DEFAULT_INGEST_LIMITS` of the knowledge package.
 */
export const ingestEnv = {
  /** Absolute folders, comma separated; `none` turns path ingestion over HTTP off. */
  RETRIEVAL_KB_ROOTS: env.string({ default: DEFAULT_HELP_CENTRE_DIR }),
  RETRIEVAL_KB_MAX_FILES: env.int({ default: 10_000, min: 1, max: 1_000_000 }),
  RETRIEVAL_KB_MAX_BYTES: byteSize('64m', 1024 ** 3),
  RETRIEVAL_KB_MAX_FILE_BYTES: byteSize('16m', 256 * 1024 ** 2),
  RETRIEVAL_KB_MAX_DEPTH: env.int({ default: 12, min: 0, max: 64 }),
  RETRIEVAL_KB_TIME_LIMIT: z
    .string()
    .regex(/^\d+[smh]$/, 'must be a number with a unit s, m or h (e.g. 2m)')
    .transform((v) => Number(v.slice(0, -1)) * UNIT_MS[v.slice(-1) as keyof typeof UNIT_MS])
    .pipe(z.number().min(1000, 'must be at least 1s').max(3_600_000, 'must be at most 1h'))
    .default('2m'),
};

/**
 * The intent prior's weight on the demo store, chosen on its retrieval set's dev half with the demo router's
 * intents (see README). The taxonomy's descriptions were written for that help centre, so the prior is fitted
 * to it: another help centre or taxonomy gets no prior until its own weight is set.
 */
export const DEMO_INTENT_PRIOR_WEIGHT = 0.5;

/**
 * The answered questions' weight, chosen on the golden set's dev half (the questions come from its training
 * half; see README). A deployment's own answered questions get the same weight unless it sets one.
 */
export const ANSWERED_QUESTIONS_WEIGHT = 1;

/**
 * The article classifier's weight (a classifier learned from the answered questions, `ArticleClassifier`), chosen
 * on the demo store's answered questions written by other hands than the golden splits' (see README).
 */
export const ARTICLE_CLASSIFIER_WEIGHT = 1;

export const retrievalEnv = {
  RETRIEVAL_PORT: env.port(8082),
  RETRIEVAL_CONCURRENCY: env.int({ default: 4, min: 1, max: 64 }),
  RETRIEVAL_TOP_K: env.int({ default: 5, min: 1, max: 50 }),
  /** Passages below this confidence (0..1) are dropped; 0 keeps the top k whatever their score. */
  RETRIEVAL_MIN_CONFIDENCE: env.decimal({ default: 0, min: 0, max: 1 }),
  RETRIEVAL_HELP_CENTRE_DIR: env.string({ default: DEFAULT_HELP_CENTRE_DIR }),
  /** The router's taxonomy: its intent descriptions are the intent prior's queries. */
  RETRIEVAL_TAXONOMY_FILE: env.string({ default: DEFAULT_TAXONOMY_FILE }),
  /**
   * Weight of the intent prior (a sure intent's article confidence added to an article's own); 0 turns it
   * off. Unset: on (`DEMO_INTENT_PRIOR_WEIGHT`) only for the demo store's own taxonomy and help centre, where
   * it was measured; off for any other pair until a deployment measures and sets it.
   */
  RETRIEVAL_INTENT_PRIOR_WEIGHT: env.decimal({ min: 0, max: 5 }).optional(),
  /**
   * Questions answered before, one JSON object a line: `{"id","text","articles":[...]}`; the articles of the
   * most alike lift the same articles among a ticket's candidates. Unset: the demo store's own with its own help
   * centre, none with any other; `none`: off.
   */
  RETRIEVAL_ANSWERED_QUESTIONS_FILE: env.string().optional(),
  /** How much an answered question's match adds to its articles' ranking score; 0 turns it off. */
  RETRIEVAL_ANSWERED_QUESTIONS_WEIGHT: env.decimal({ default: ANSWERED_QUESTIONS_WEIGHT, min: 0, max: 5 }),
  /**
   * How much the probability of a classifier trained on the answered questions (which article answers a question)
   * adds to an article's ranking score; 0 turns it off.
   */
  RETRIEVAL_ARTICLE_CLASSIFIER_WEIGHT: env.decimal({ default: ARTICLE_CLASSIFIER_WEIGHT, min: 0, max: 5 }),
  /** if-empty: ingest the help centre only into an empty store; sync: diff and apply changes; off: never. */
  RETRIEVAL_SEED_HELP_CENTRE: env.oneOf(['if-empty', 'sync', 'off'], 'if-empty'),
  /** Extra sources re-synced by the scheduled re-index: `<id>=<kind>:<path>`, comma separated. */
  RETRIEVAL_SOURCES: env.list(),
  RETRIEVAL_REINDEX_INTERVAL: duration('7d'),
  RETRIEVAL_ADMIN_KEYS: env.list(),
  RETRIEVAL_INDEX: env.oneOf(['embedded', 'qdrant'], 'embedded'),
  QDRANT_URL: env.url(['http', 'https']).optional(),
  QDRANT_API_KEY: optional(),
  QDRANT_COLLECTION: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,255}$/, 'must be letters, digits, _ or -')
    .default('parley_kb'),
  /** local (word vectors, `word-vectors` is the same), hashing (exact words only), openai, cohere. */
  RETRIEVAL_EMBEDDER: env.oneOf(['local', 'word-vectors', 'hashing', 'openai', 'cohere'], 'local'),
  RETRIEVAL_EMBEDDER_MODEL: optional(),
  RETRIEVAL_EMBEDDER_API_KEY: optional(),
  RETRIEVAL_EMBEDDER_URL: env.url(['http', 'https']).optional(),
  RETRIEVAL_EMBEDDER_DIM: env.int({ min: 1, max: 65_536 }).optional(),
  RETRIEVAL_RERANKER: env.oneOf(['none', 'cohere'], 'none'),
  RETRIEVAL_RERANKER_MODEL: env.string({ default: 'rerank-v3.5' }),
  RETRIEVAL_RERANKER_API_KEY: optional(),
  RETRIEVAL_RERANKER_URL: env.url(['http', 'https']).optional(),
  /** Candidates the reranker reorders. */
  RETRIEVAL_RERANK_DEPTH: env.int({ default: 20, min: 1, max: 200 }),
  ...ingestEnv,
};

export interface ConfiguredSource {
  id: string;
  kind: SourceKind;
  path: string;
}

export type EmbedderChoice =
  { kind: 'local' } | { kind: 'hashing' } | { kind: 'provider'; config: EmbedderConfig };

export interface RetrievalConfig {
  platform: PlatformConfig;
  port: number;
  concurrency: number;
  topK: number;
  minConfidence: number;
  helpCentreDir: string;
  taxonomyFile: string;
  intentPriorWeight: number;
  /** The answered questions, their neighbours' weight and the weight of a classifier trained on them; null: none. */
  answeredQuestions: { file: string; weight: number; classifierWeight: number } | null;
  seed: SeedMode;
  sources: ConfiguredSource[];
  /** 0 disables the scheduled re-index. */
  reindexIntervalMs: number;
  adminKeys: string[];
  /** Folders `POST /v1/kb/ingest` may read under (empty: none). */
  kbRoots: KnowledgeRoot[];
  ingestLimits: IngestLimits;
  index: { kind: 'embedded' } | { kind: 'qdrant'; url: string; apiKey?: string; collection: string };
  embedder: EmbedderChoice;
  reranker: RerankerConfig | null;
  rerankDepth: number;
}

const EMBEDDER_DEFAULTS = {
  openai: { model: 'text-embedding-3-small', dim: 1536 },
  cohere: { model: 'embed-english-v3.0', dim: 1024 },
} as const;

export function parseSource(entry: string): ConfiguredSource {
  const m = /^([^=]+)=([a-z-]+):(.+)$/.exec(entry);
  if (!m) throw new Error(`"${entry}" is not <id>=<kind>:<path>`);
  const kind = m[2]!;
  if (!(KINDS as readonly string[]).includes(kind))
    throw new Error(`"${entry}": kind must be one of ${KINDS.join(', ')}`);
  return { id: m[1]!.trim(), kind: kind as SourceKind, path: m[3]!.trim() };
}

type IngestEnv = z.infer<z.ZodObject<typeof ingestEnv>>;

function ingestLimits(e: IngestEnv, problems: string[]): IngestLimits {
  if (e.RETRIEVAL_KB_MAX_FILE_BYTES > e.RETRIEVAL_KB_MAX_BYTES)
    problems.push('RETRIEVAL_KB_MAX_FILE_BYTES: must not be more than RETRIEVAL_KB_MAX_BYTES');
  return {
    maxFiles: e.RETRIEVAL_KB_MAX_FILES,
    maxBytes: e.RETRIEVAL_KB_MAX_BYTES,
    maxFileBytes: e.RETRIEVAL_KB_MAX_FILE_BYTES,
    maxDepth: e.RETRIEVAL_KB_MAX_DEPTH,
    timeLimitMs: e.RETRIEVAL_KB_TIME_LIMIT,
  };
}

/** The ingestion caps alone, for `pnpm kb` (which needs none of the service's other settings). */
export function readIngestLimits(source: EnvSource): IngestLimits {
  const problems: string[] = [];
  const limits = ingestLimits(readEnv(ingestEnv, source), problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return limits;
}

export function readServiceConfig(source: EnvSource): RetrievalConfig {
  const e = readEnv(retrievalEnv, source);
  const problems: string[] = [];
  const limits = ingestLimits(e, problems);
  let kbRoots: KnowledgeRoot[] = [];
  try {
    kbRoots = parseKnowledgeRoots(e.RETRIEVAL_KB_ROOTS);
  } catch (err) {
    problems.push(`RETRIEVAL_KB_ROOTS: ${(err as Error).message}`);
  }
  const sources = e.RETRIEVAL_SOURCES.flatMap((entry) => {
    try {
      return [parseSource(entry)];
    } catch (err) {
      problems.push(`RETRIEVAL_SOURCES: ${(err as Error).message}`);
      return [];
    }
  });
  if (e.RETRIEVAL_INDEX === 'qdrant' && !e.QDRANT_URL)
    problems.push('QDRANT_URL: required when RETRIEVAL_INDEX=qdrant');
  let embedder: EmbedderChoice;
  const which = e.RETRIEVAL_EMBEDDER;
  if (which === 'openai' || which === 'cohere') {
    if (!e.RETRIEVAL_EMBEDDER_API_KEY)
      problems.push(`RETRIEVAL_EMBEDDER_API_KEY: required when RETRIEVAL_EMBEDDER=${which}`);
    embedder = {
      kind: 'provider',
      config: {
        provider: which,
        model: e.RETRIEVAL_EMBEDDER_MODEL ?? EMBEDDER_DEFAULTS[which].model,
        apiKey: e.RETRIEVAL_EMBEDDER_API_KEY ?? '',
        dim: e.RETRIEVAL_EMBEDDER_DIM ?? EMBEDDER_DEFAULTS[which].dim,
        ...(e.RETRIEVAL_EMBEDDER_URL ? { baseUrl: e.RETRIEVAL_EMBEDDER_URL } : {}),
      },
    };
  } else embedder = { kind: which === 'hashing' ? 'hashing' : 'local' };
  let reranker: RerankerConfig | null = null;
  if (e.RETRIEVAL_RERANKER === 'cohere') {
    if (!e.RETRIEVAL_RERANKER_API_KEY)
      problems.push('RETRIEVAL_RERANKER_API_KEY: required when RETRIEVAL_RERANKER=cohere');
    reranker = {
      provider: 'cohere',
      model: e.RETRIEVAL_RERANKER_MODEL,
      apiKey: e.RETRIEVAL_RERANKER_API_KEY ?? '',
      ...(e.RETRIEVAL_RERANKER_URL ? { baseUrl: e.RETRIEVAL_RERANKER_URL } : {}),
    };
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    platform: readPlatformConfig(source),
    port: e.RETRIEVAL_PORT,
    concurrency: e.RETRIEVAL_CONCURRENCY,
    topK: e.RETRIEVAL_TOP_K,
    minConfidence: e.RETRIEVAL_MIN_CONFIDENCE,
    helpCentreDir: e.RETRIEVAL_HELP_CENTRE_DIR,
    taxonomyFile: e.RETRIEVAL_TAXONOMY_FILE,
    intentPriorWeight:
      e.RETRIEVAL_INTENT_PRIOR_WEIGHT ??
      (e.RETRIEVAL_TAXONOMY_FILE === DEFAULT_TAXONOMY_FILE &&
      e.RETRIEVAL_HELP_CENTRE_DIR === DEFAULT_HELP_CENTRE_DIR
        ? DEMO_INTENT_PRIOR_WEIGHT
        : 0),
    answeredQuestions: answeredQuestions(
      e.RETRIEVAL_ANSWERED_QUESTIONS_FILE,
      {
        weight: e.RETRIEVAL_ANSWERED_QUESTIONS_WEIGHT,
        classifierWeight: e.RETRIEVAL_ARTICLE_CLASSIFIER_WEIGHT,
      },
      e.RETRIEVAL_HELP_CENTRE_DIR,
    ),
    // oneOf validated the values; its declared type is only widened to string.
    seed: e.RETRIEVAL_SEED_HELP_CENTRE as SeedMode,
    sources,
    reindexIntervalMs: e.RETRIEVAL_REINDEX_INTERVAL,
    adminKeys: e.RETRIEVAL_ADMIN_KEYS,
    kbRoots,
    ingestLimits: limits,
    index:
      e.RETRIEVAL_INDEX === 'qdrant'
        ? {
            kind: 'qdrant',
            url: e.QDRANT_URL!,
            ...(e.QDRANT_API_KEY ? { apiKey: e.QDRANT_API_KEY } : {}),
            collection: e.QDRANT_COLLECTION,
          }
        : { kind: 'embedded' },
    embedder,
    reranker,
    rerankDepth: e.RETRIEVAL_RERANK_DEPTH,
  };
}

/** The configured file, else the demo store's with its own help centre; none with both weights 0 or `none`. */
function answeredQuestions(
  file: string | undefined,
  weights: { weight: number; classifierWeight: number },
  helpCentreDir: string,
): RetrievalConfig['answeredQuestions'] {
  if ((weights.weight === 0 && weights.classifierWeight === 0) || file === 'none') return null;
  if (file) return { file, ...weights };
  return helpCentreDir === DEFAULT_HELP_CENTRE_DIR
    ? { file: DEFAULT_ANSWERED_QUESTIONS_FILE, ...weights }
    : null;
}
