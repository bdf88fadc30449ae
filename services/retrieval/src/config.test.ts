import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@parley/config';
import { configProblems } from '@parley/config/testing';
import { DEFAULT_ANSWERED_QUESTIONS_FILE } from '@parley/demo-store';
import {
  ANSWERED_QUESTIONS_WEIGHT,
  ARTICLE_CLASSIFIER_WEIGHT,
  DEMO_INTENT_PRIOR_WEIGHT,
  readIngestLimits,
  readServiceConfig,
} from './config.js';

describe('readServiceConfig', () => {
  it('gives working defaults', () => {
    const c = readServiceConfig({});
    expect([c.port, c.topK, c.minConfidence, c.seed, c.embedder]).toEqual([
      8082,
      5,
      0,
      'if-empty',
      { kind: 'local' },
    ]);
    expect([c.index, c.reranker, c.reindexIntervalMs, c.sources, c.adminKeys]).toEqual([
      { kind: 'embedded' },
      null,
      7 * 86_400_000,
      [],
      [],
    ]);
    expect(c.helpCentreDir).toMatch(/demo-store\/help-centre$/);
  });

  it("turns the intent prior on by default only for the demo store's own taxonomy and help centre", () => {
    expect(readServiceConfig({}).intentPriorWeight).toBe(DEMO_INTENT_PRIOR_WEIGHT);
    expect(readServiceConfig({ RETRIEVAL_HELP_CENTRE_DIR: '/srv/kb' }).intentPriorWeight).toBe(0);
    expect(readServiceConfig({ RETRIEVAL_TAXONOMY_FILE: '/srv/taxonomy.json' }).intentPriorWeight).toBe(0);
    expect(
      readServiceConfig({ RETRIEVAL_HELP_CENTRE_DIR: '/srv/kb', RETRIEVAL_INTENT_PRIOR_WEIGHT: '0.3' })
        .intentPriorWeight,
    ).toBe(0.3);
    expect(readServiceConfig({ RETRIEVAL_INTENT_PRIOR_WEIGHT: '0' }).intentPriorWeight).toBe(0);
  });

  it("answers from the demo store's answered questions only with its own help centre, unless a file is given", () => {
    expect(readServiceConfig({}).answeredQuestions).toEqual({
      file: DEFAULT_ANSWERED_QUESTIONS_FILE,
      weight: ANSWERED_QUESTIONS_WEIGHT,
      classifierWeight: ARTICLE_CLASSIFIER_WEIGHT,
    });
    expect(readServiceConfig({ RETRIEVAL_HELP_CENTRE_DIR: '/srv/kb' }).answeredQuestions).toBeNull();
    expect(
      readServiceConfig({
        RETRIEVAL_HELP_CENTRE_DIR: '/srv/kb',
        RETRIEVAL_ANSWERED_QUESTIONS_FILE: '/srv/answered.jsonl',
        RETRIEVAL_ANSWERED_QUESTIONS_WEIGHT: '0.7',
        RETRIEVAL_ARTICLE_CLASSIFIER_WEIGHT: '0.4',
      }).answeredQuestions,
    ).toEqual({ file: '/srv/answered.jsonl', weight: 0.7, classifierWeight: 0.4 });
    expect(readServiceConfig({ RETRIEVAL_ANSWERED_QUESTIONS_FILE: 'none' }).answeredQuestions).toBeNull();
    // Either use of the questions keeps them: the neighbours' vote or the classifier learned from them.
    expect(readServiceConfig({ RETRIEVAL_ANSWERED_QUESTIONS_WEIGHT: '0' }).answeredQuestions).toMatchObject({
      weight: 0,
      classifierWeight: ARTICLE_CLASSIFIER_WEIGHT,
    });
    expect(
      readServiceConfig({
        RETRIEVAL_ANSWERED_QUESTIONS_WEIGHT: '0',
        RETRIEVAL_ARTICLE_CLASSIFIER_WEIGHT: '0',
      }).answeredQuestions,
    ).toBeNull();
    expect(configProblems(() => readServiceConfig({ RETRIEVAL_ANSWERED_QUESTIONS_WEIGHT: '9' }))).toEqual([
      expect.stringContaining('RETRIEVAL_ANSWERED_QUESTIONS_WEIGHT'),
    ]);
    expect(configProblems(() => readServiceConfig({ RETRIEVAL_ARTICLE_CLASSIFIER_WEIGHT: '-1' }))).toEqual([
      expect.stringContaining('RETRIEVAL_ARTICLE_CLASSIFIER_WEIGHT'),
    ]);
  });

  it('reads overrides', () => {
    const c = readServiceConfig({
      RETRIEVAL_TOP_K: '8',
      RETRIEVAL_MIN_CONFIDENCE: '0.2',
      RETRIEVAL_SEED_HELP_CENTRE: 'sync',
    });
    expect([c.topK, c.minConfidence, c.seed]).toEqual([8, 0.2, 'sync']);
  });

  it('names every bad variable', () => {
    expect(
      configProblems(() =>
        readServiceConfig({
          RETRIEVAL_TOP_K: '0',
          RETRIEVAL_SEED_HELP_CENTRE: 'always',
          RETRIEVAL_MIN_CONFIDENCE: '2',
          RETRIEVAL_INTENT_PRIOR_WEIGHT: 'strong',
        }),
      ),
    ).toEqual([
      'RETRIEVAL_TOP_K: must be at least 1 (got "0")',
      'RETRIEVAL_MIN_CONFIDENCE: must be at most 1 (got "2")',
      'RETRIEVAL_INTENT_PRIOR_WEIGHT: must be a number (got "strong")',
      'RETRIEVAL_SEED_HELP_CENTRE: must be one of if-empty, sync, off (got "always")',
    ]);
  });

  it('reads the index, provider, re-index and source settings', () => {
    const c = readServiceConfig({
      RETRIEVAL_INDEX: 'qdrant',
      QDRANT_URL: 'http://127.0.0.1:6333',
      QDRANT_API_KEY: 'k',
      QDRANT_COLLECTION: 'kb_test',
      RETRIEVAL_EMBEDDER: 'cohere',
      RETRIEVAL_EMBEDDER_API_KEY: 'ck',
      RETRIEVAL_RERANKER: 'cohere',
      RETRIEVAL_RERANKER_API_KEY: 'rk',
      RETRIEVAL_RERANK_DEPTH: '30',
      RETRIEVAL_REINDEX_INTERVAL: '12h',
      RETRIEVAL_SOURCES: 'faq=markdown-dir:/srv/faq, zd=zendesk:/srv/zd.json',
      RETRIEVAL_ADMIN_KEYS: 'a1,a2',
    });
    expect(c.index).toEqual({
      kind: 'qdrant',
      url: 'http://127.0.0.1:6333',
      apiKey: 'k',
      collection: 'kb_test',
    });
    expect(c.embedder).toEqual({
      kind: 'provider',
      config: { provider: 'cohere', model: 'embed-english-v3.0', apiKey: 'ck', dim: 1024 },
    });
    expect(c.reranker).toEqual({ provider: 'cohere', model: 'rerank-v3.5', apiKey: 'rk' });
    expect([c.rerankDepth, c.reindexIntervalMs, c.adminKeys]).toEqual([30, 12 * 3_600_000, ['a1', 'a2']]);
    expect(c.sources).toEqual([
      { id: 'faq', kind: 'markdown-dir', path: '/srv/faq' },
      { id: 'zd', kind: 'zendesk', path: '/srv/zd.json' },
    ]);
    expect(readServiceConfig({ RETRIEVAL_REINDEX_INTERVAL: '0' }).reindexIntervalMs).toBe(0);
    expect(readServiceConfig({ RETRIEVAL_EMBEDDER: 'word-vectors' }).embedder).toEqual({ kind: 'local' });
  });

  it('names missing settings that a choice needs', () => {
    expect(() =>
      readServiceConfig({
        RETRIEVAL_INDEX: 'qdrant',
        RETRIEVAL_EMBEDDER: 'openai',
        RETRIEVAL_RERANKER: 'cohere',
        RETRIEVAL_SOURCES: 'faq=pdf:/x',
      }),
    ).toThrow(
      new ConfigError([
        'RETRIEVAL_SOURCES: "faq=pdf:/x": kind must be one of markdown-dir, html-dir, zendesk, intercom',
        'QDRANT_URL: required when RETRIEVAL_INDEX=qdrant',
        'RETRIEVAL_EMBEDDER_API_KEY: required when RETRIEVAL_EMBEDDER=openai',
        'RETRIEVAL_RERANKER_API_KEY: required when RETRIEVAL_RERANKER=cohere',
      ]),
    );
    expect(() => readServiceConfig({ RETRIEVAL_REINDEX_INTERVAL: 'weekly' })).toThrow(
      'RETRIEVAL_REINDEX_INTERVAL: must be 0 or a number with a unit s, m, h or d (e.g. 7d)',
    );
  });

  it('confines HTTP ingestion to the demo help centre and caps every ingestion by default', () => {
    const c = readServiceConfig({});
    expect(c.kbRoots).toEqual([{ name: 'help-centre', dir: c.helpCentreDir }]);
    expect(c.ingestLimits).toEqual({
      maxFiles: 10_000,
      maxBytes: 64 * 1024 * 1024,
      maxFileBytes: 16 * 1024 * 1024,
      maxDepth: 12,
      timeLimitMs: 120_000,
    });
    expect(readIngestLimits({})).toEqual(c.ingestLimits);
  });

  it('reads knowledge roots and ingestion limits with units', () => {
    const c = readServiceConfig({
      RETRIEVAL_KB_ROOTS: '/srv/kb,/srv/faq',
      RETRIEVAL_KB_MAX_FILES: '500',
      RETRIEVAL_KB_MAX_BYTES: '1g',
      RETRIEVAL_KB_MAX_FILE_BYTES: '512k',
      RETRIEVAL_KB_MAX_DEPTH: '0',
      RETRIEVAL_KB_TIME_LIMIT: '90s',
    });
    expect(c.kbRoots).toEqual([
      { name: 'kb', dir: '/srv/kb' },
      { name: 'faq', dir: '/srv/faq' },
    ]);
    expect(c.ingestLimits).toEqual({
      maxFiles: 500,
      maxBytes: 1024 ** 3,
      maxFileBytes: 512 * 1024,
      maxDepth: 0,
      timeLimitMs: 90_000,
    });
    expect(readServiceConfig({ RETRIEVAL_KB_ROOTS: 'none' }).kbRoots).toEqual([]);
    expect(
      readIngestLimits({ RETRIEVAL_KB_MAX_BYTES: '4096', RETRIEVAL_KB_MAX_FILE_BYTES: '1k' }),
    ).toMatchObject({ maxBytes: 4096, maxFileBytes: 1024 });
  });

  it('names bad roots and limits', () => {
    expect(
      configProblems(() =>
        readServiceConfig({
          RETRIEVAL_KB_MAX_FILES: '0',
          RETRIEVAL_KB_MAX_BYTES: 'lots',
          RETRIEVAL_KB_MAX_DEPTH: '65',
          RETRIEVAL_KB_TIME_LIMIT: '0s',
        }),
      ),
    ).toEqual([
      'RETRIEVAL_KB_MAX_FILES: must be at least 1 (got "0")',
      'RETRIEVAL_KB_MAX_BYTES: must be a number of bytes, optionally with a unit k, m or g (e.g. 16m) (got "lots")',
      'RETRIEVAL_KB_MAX_DEPTH: must be at most 64 (got "65")',
      'RETRIEVAL_KB_TIME_LIMIT: must be at least 1s (got "0s")',
    ]);
    expect(
      configProblems(() =>
        readServiceConfig({
          RETRIEVAL_KB_ROOTS: 'relative/kb',
          RETRIEVAL_KB_MAX_BYTES: '1m',
          RETRIEVAL_KB_MAX_FILE_BYTES: '2m',
        }),
      ),
    ).toEqual([
      'RETRIEVAL_KB_MAX_FILE_BYTES: must not be more than RETRIEVAL_KB_MAX_BYTES',
      'RETRIEVAL_KB_ROOTS: "relative/kb" is not an absolute path',
    ]);
    expect(configProblems(() => readServiceConfig({ RETRIEVAL_KB_TIME_LIMIT: '2h' }))).toEqual([
      'RETRIEVAL_KB_TIME_LIMIT: must be at most 1h (got "2h")',
    ]);
    expect(configProblems(() => readIngestLimits({ RETRIEVAL_KB_MAX_FILE_BYTES: '1g' }))).toEqual([
      'RETRIEVAL_KB_MAX_FILE_BYTES: must be at most 256 MiB (got "1g")',
    ]);
  });
});
