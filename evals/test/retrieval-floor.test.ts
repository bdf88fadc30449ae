// The retrieval defaults never score below plain BM25 on any retrieval set the repository ships: the demo
// store's, the FAQ fixture and a public FAQ (CDC COVID-19 questions, evals/data/cdc-covid-faq). Every aid
// (cosine lists, expansions, synonyms, learned associations, soft match, title list) was chosen on one help
// centre or another; this is the check that none of them costs another help centre what BM25 alone gets.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Embedder, TermAssociations, Thesaurus } from '@parley/knowledge';
import { loadDefaultEmbedder, loadTermAssociations, loadWordNet, PLAIN_BM25 } from '@parley/knowledge';
import { evaluate, parseRetrievalSet } from '../src/suites/retrieval.js';

const SETS = {
  'demo store': '../../packages/demo-store/retrieval-set.json',
  'FAQ fixture': '../../packages/knowledge/test/fixtures/faq-set.json',
  'CDC COVID-19 FAQ': '../data/cdc-covid-faq/retrieval-set.json',
};
const METRICS = ['recallAt1', 'recallAt5', 'mrrAt10', 'ndcgAt10'] as const;

let aids: { embedder: Embedder; thesaurus: Thesaurus; associations: TermAssociations };
beforeAll(async () => {
  aids = {
    embedder: await loadDefaultEmbedder(),
    thesaurus: await loadWordNet(),
    associations: await loadTermAssociations(),
  };
}, 120_000);

describe('retrieval defaults against plain BM25', () => {
  it.each(Object.entries(SETS))(
    'score at least as well as plain BM25 on every metric: %s',
    async (_name, relative) => {
      const file = fileURLToPath(new URL(relative, import.meta.url));
      const set = parseRetrievalSet(file, JSON.parse(await readFile(file, 'utf8')));
      const defaults = await evaluate(set, { origin: file, ...aids });
      const plain = await evaluate(set, { origin: file, search: PLAIN_BM25 });
      const below = METRICS.filter((m) => defaults[m]! < plain[m]!).map(
        (m) => `${m}: defaults ${defaults[m]} < plain BM25 ${plain[m]}`,
      );
      expect(below).toEqual([]);
      // Not a tie by construction: the aids are on, so the rankings differ somewhere.
      expect(METRICS.some((m) => defaults[m]! > plain[m]!)).toBe(true);
    },
    180_000,
  );
});
