import { kindsAsked, kindsGiven, kindsHeaded } from './answer-kinds.js';
import { Bm25Index } from './bm25.js';
import type { Bm25Options, WeightedTerm } from './bm25.js';
import { TermNeighbours } from './expansion.js';
import { analyseWords, stem } from './text.js';
import { SpellingVocabulary } from './spelling.js';
import { withoutCourtesy } from '@parley/wording';
import type { Thesaurus, WordNetPos } from './wordnet.js';
import type { TermAssociations } from './associations.js';
import { sifWeight } from '@parley/word-vectors';
import { DenseIndex } from './dense.js';
import type { DenseOptions } from './dense.js';
import type { Embedder, Reranker } from './embedder.js';
import type { ChunkRecord } from './types.js';

export interface SearchSettings {
  /** Results returned (chunks), after thresholding. */
  topK: number;
  /** Results whose `confidence` is below this are dropped (0 keeps everything). */
  minConfidence: number;
  /** Candidates taken from each list (BM25, dense) before fusion; also the rerank pool. */
  candidateDepth: number;
  /** Use the dense list. Defaults to true when the index has an embedder; true without one is an error. */
  dense: boolean;
  /** Reorder the fused candidates with the index's reranker; true without one is an error. */
  rerank: boolean;
  /** Reciprocal rank fusion constant (`fusion: 'rrf'` only): larger flattens the advantage of top ranks. */
  rrfK: number;
  /**
   * `weighted`: articles are scored by a weighted sum of normalised evidence from four lists (chunk and
   * whole-article BM25, chunk and whole-article cosine); `rrf`: chunk-level reciprocal rank fusion.
   */
  fusion: 'weighted' | 'rrf';
  /** Weights of the four lists in `weighted` fusion; a list with weight 0 is not searched. */
  weights: FusionWeights;
  /** How much an article's other matching sections add to its best section's chunk-BM25 evidence. */
  sectionDamping: number;
  /** Query expansion with word-vector neighbours (needs an embedder with `words`); weight 0 turns it off. */
  expansion: ExpansionSettings;
  /** Soft word-match rerank of the best articles (needs an embedder with `words`); weight 0 turns it off. */
  softMatch: SoftMatchSettings;
  /** Query expansion with thesaurus relations (needs `thesaurus` on the index); weight 0 turns it off. */
  thesaurus: ThesaurusSettings;
  /** Query expansion with learned term associations (needs `associations` on the index); weight 0 turns it off. */
  associations: AssociationSettings;
  /**
   * Weight of the kind of answer the query asks for (`#duration` for "how long", `#money` for "how much"...)
   * as a query term, matched by the sections that give one; 0 turns it off.
   */
  answerKinds: number;
  /**
   * Search with the request alone: greetings, sign-offs, courtesy phrases and a signature removed first
   * (`withoutCourtesy` of `@parley/wording`), so "Good morning team ... Kind regards, Tom" does not match the
   * articles that mention a team or kind.
   */
  stripCourtesy: boolean;
  /**
   * What the dense side embeds of a query: `content` its content words (the sparse lists' stop list left
   * out, so the frame of a support question, "how do I", "can you tell me", does not pull the query's vector
   * towards every other question), `text` the query as written.
   */
  denseQuery: 'content' | 'text';
  /** Misspelt query words corrected against the index's words (needs an embedder with `words`). */
  spelling: SpellingSettings;
}

export interface SpellingSettings {
  /**
   * Weight of the index word a misspelt query word stands for (a typed word has 1); 0 turns correction
   * off. With `denseQuery: 'content'` the corrected word is also what the dense side embeds.
   */
  weight: number;
}

export interface AssociationSettings {
  /** Weight of an associated term, multiplied by its association score (a typed word keeps weight 1). */
  weight: number;
  /** Associations added per query term, strongest first. */
  neighbours: number;
}

export interface ThesaurusSettings {
  /** Weight of a synonym of a query word (a term the user typed keeps weight 1). */
  weight: number;
  /** Weight of a word of a direct hypernym (a broader word: "smash" -> "break"); 0 leaves them out. */
  hypernymWeight: number;
  /** Senses of each query word used, most frequent first. */
  senses: number;
  /** Parts of speech looked up. */
  pos: WordNetPos[];
}

export interface SoftMatchSettings {
  /** Weight of the soft-match score added to the fused score of each reranked article. */
  weight: number;
  /** Articles reranked. */
  depth: number;
  /** Cosine at or below which a query word counts as unmatched; 1 is an exact match. */
  threshold: number;
}

export interface FusionWeights {
  chunkBm25: number;
  articleBm25: number;
  /** BM25 over article titles alone: in an FAQ the title is the question a user paraphrases. */
  articleTitle: number;
  chunkDense: number;
  articleDense: number;
}

export interface ExpansionSettings {
  /** Weight of an expansion term relative to a query word, multiplied by its cosine similarity. */
  weight: number;
  /** Neighbours added per query word. */
  neighbours: number;
  /** Cosine below which a neighbour is not added. */
  minSimilarity: number;
}

export const DEFAULT_SEARCH: Omit<SearchSettings, 'dense'> = {
  topK: 5,
  minConfidence: 0,
  candidateDepth: 50,
  rerank: false,
  rrfK: 60,
  fusion: 'weighted',
  // Chosen on the dev halves of the two retrieval sets (see README); the chunk cosine list added nothing
  // there once the article cosine list was in, and it is the costliest scan at 100k chunks.
  weights: { chunkBm25: 0.5, articleBm25: 0.25, articleTitle: 0.5, chunkDense: 0, articleDense: 0.25 },
  sectionDamping: 0.5,
  expansion: { weight: 0.3, neighbours: 3, minSimilarity: 0.6 },
  softMatch: { weight: 0.25, depth: 20, threshold: 0.45 },
  // Synonyms from the two most frequent senses, below a typed word and above a word-vector neighbour
  // (see README); hypernyms helped one dev set and hurt the other.
  thesaurus: { weight: 0.5, hypernymWeight: 0, senses: 2, pos: ['noun', 'verb', 'adj'] },
  // Learned associations below a word-vector neighbour: dev-neutral, +1.6 MRR on both held-out halves.
  associations: { weight: 0.3, neighbours: 4 },
  // The kind of answer asked for at half a typed word, matched by sections only (see README): +0.3 MRR on
  // the demo store's set, +0.2 on the CDC FAQ, neutral on the FAQ fixture.
  answerKinds: 0.5,
  stripCourtesy: true,
  denseQuery: 'content',
  spelling: { weight: 0.8 },
};

/**
 * Plain BM25: the sections' BM25 list alone, each article ranked by its best section, with every aid off (no
 * cosine lists, whole-article or title lists, damped sum of other sections, word-vector, synonym or
 * association expansion, answer-kind terms, or soft-match rerank). The baseline the defaults must never score below.
 */
export const PLAIN_BM25: Omit<
  SearchSettings,
  'topK' | 'minConfidence' | 'candidateDepth' | 'rerank' | 'rrfK'
> = {
  dense: false,
  fusion: 'weighted',
  weights: { chunkBm25: 1, articleBm25: 0, articleTitle: 0, chunkDense: 0, articleDense: 0 },
  sectionDamping: 0,
  expansion: { ...DEFAULT_SEARCH.expansion, weight: 0 },
  softMatch: { ...DEFAULT_SEARCH.softMatch, weight: 0 },
  thesaurus: { ...DEFAULT_SEARCH.thesaurus, weight: 0, hypernymWeight: 0 },
  associations: { ...DEFAULT_SEARCH.associations, weight: 0 },
  answerKinds: 0,
  stripCourtesy: false,
  denseQuery: 'text',
  spelling: { weight: 0 },
};

export interface SearchResult {
  chunk: ChunkRecord;
  /** Raw scores; bm25/dense are computed for every result, even one outside that list's candidates. */
  scores: { bm25: number; dense: number | null; fused: number; rerank: number | null };
  /** 1-based rank in each candidate list, null when the chunk was not among that list's candidates. */
  ranks: { bm25: number | null; dense: number | null; fused: number; rerank: number | null };
  /** Calibrated evidence in 0..1, comparable across queries (see README: "Confidence"). */
  confidence: number;
}

export interface HybridIndexOptions {
  embedder?: Embedder;
  reranker?: Reranker;
  /** Related words for query expansion (`loadWordNet()`); used when `thesaurus.weight` > 0. */
  thesaurus?: Thesaurus;
  /** Learned term associations for query expansion (`loadTermAssociations()`). */
  associations?: TermAssociations;
  bm25?: Bm25Options;
  /** Overrides of `bm25` for the whole-article documents. */
  articleBm25?: Bm25Options;
  dense?: DenseOptions;
}

export interface IndexStats {
  chunks: number;
  vocabulary: number;
  memoryBytes: { sparse: number; dense: number };
}

/** The query text the dense side embeds (`SearchSettings.denseQuery`); the query itself when no content word is left. */
export function denseQueryText(
  query: string,
  mode: 'content' | 'text',
  corrections: ReadonlyMap<string, { word: string }> = new Map(),
): string {
  if (mode === 'text') return query;
  const content = analyseWords(query)
    .map((w) => corrections.get(w.word)?.word ?? w.word)
    .join(' ');
  return content || query;
}

/** What the dense side embeds for a chunk: its title and heading give a short section its topic. */
export function denseText(chunk: Pick<ChunkRecord, 'title' | 'section' | 'text'>): string {
  return [chunk.title, chunk.section, chunk.text].filter(Boolean).join('\n');
}

function validate(s: SearchSettings): void {
  const int = (name: keyof SearchSettings, min: number): void => {
    const v = s[name] as number;
    if (!Number.isInteger(v) || v < min)
      throw new Error(`search setting ${name} must be an integer >= ${min}, got ${v}`);
  };
  int('topK', 1);
  int('candidateDepth', 1);
  if (!(s.minConfidence >= 0 && s.minConfidence <= 1))
    throw new Error(`search setting minConfidence must be in 0..1, got ${s.minConfidence}`);
  if (!(s.rrfK >= 0) || !Number.isFinite(s.rrfK))
    throw new Error(`search setting rrfK must be a finite number >= 0, got ${s.rrfK}`);
  if (s.fusion !== 'weighted' && s.fusion !== 'rrf')
    throw new Error(`search setting fusion must be weighted or rrf, got ${String(s.fusion)}`);
  if (s.denseQuery !== 'content' && s.denseQuery !== 'text')
    throw new Error(`search setting denseQuery must be content or text, got ${String(s.denseQuery)}`);
  if (typeof s.stripCourtesy !== 'boolean')
    throw new Error(`search setting stripCourtesy must be true or false, got ${String(s.stripCourtesy)}`);
  const nonNegative = (name: string, v: number): void => {
    if (!(v >= 0) || !Number.isFinite(v))
      throw new Error(`search setting ${name} must be a finite number >= 0, got ${v}`);
  };
  for (const [k, v] of Object.entries(s.weights)) nonNegative(`weights.${k}`, v);
  if (Object.values(s.weights).every((v) => v === 0))
    throw new Error('search setting weights must not all be 0');
  nonNegative('sectionDamping', s.sectionDamping);
  nonNegative('expansion.weight', s.expansion.weight);
  nonNegative('softMatch.weight', s.softMatch.weight);
  nonNegative('thesaurus.weight', s.thesaurus.weight);
  nonNegative('associations.weight', s.associations.weight);
  nonNegative('answerKinds', s.answerKinds);
  nonNegative('spelling.weight', s.spelling.weight);

  if (!Number.isInteger(s.associations.neighbours) || s.associations.neighbours < 0)
    throw new Error(
      `search setting associations.neighbours must be an integer >= 0, got ${s.associations.neighbours}`,
    );

  nonNegative('thesaurus.hypernymWeight', s.thesaurus.hypernymWeight);
  if (!Number.isInteger(s.thesaurus.senses) || s.thesaurus.senses < 0)
    throw new Error(`search setting thesaurus.senses must be an integer >= 0, got ${s.thesaurus.senses}`);
  for (const p of s.thesaurus.pos)
    if (p !== 'noun' && p !== 'verb' && p !== 'adj')
      throw new Error(`search setting thesaurus.pos must hold noun, verb or adj, got ${String(p)}`);
  if (!Number.isInteger(s.softMatch.depth) || s.softMatch.depth < 0)
    throw new Error(`search setting softMatch.depth must be an integer >= 0, got ${s.softMatch.depth}`);
  if (!(s.softMatch.threshold >= -1 && s.softMatch.threshold < 1))
    throw new Error(
      `search setting softMatch.threshold must be in -1..1 (exclusive), got ${s.softMatch.threshold}`,
    );
  if (!Number.isInteger(s.expansion.neighbours) || s.expansion.neighbours < 0)
    throw new Error(
      `search setting expansion.neighbours must be an integer >= 0, got ${s.expansion.neighbours}`,
    );
  if (!(s.expansion.minSimilarity >= -1 && s.expansion.minSimilarity <= 1))
    throw new Error(
      `search setting expansion.minSimilarity must be in -1..1, got ${s.expansion.minSimilarity}`,
    );
}

/** The answer kinds a text gives, as the terms the sparse lists hold for them. */
const kindKeys = (chunk: ChunkRecord): string[] => [
  ...new Set([...kindsGiven(chunk.text), ...kindsHeaded(chunk.section)].map((k) => k.key)),
];

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** An FAQ entry is titled by its question: "Can I change my delivery address?". */
export function isQuestionTitle(title: string): boolean {
  return /\?\s*$/.test(title);
}

/** One article as the index sees it: its live chunk slots and its slot in the whole-article lists. */
interface ArticleEntry {
  key: string;
  slot: number;
  chunks: Set<number>;
  /** Word-vector rows of the article's distinct terms, for the soft-match rerank. */
  rows: Int32Array;
}

const articleKey = (c: Pick<ChunkRecord, 'sourceId' | 'articleId'>): string =>
  `${c.sourceId}\u0000${c.articleId}`;

/**
 * In-memory hybrid index over chunk records. Every article is indexed twice: as its sections (chunks) and
 * as one whole-article document (title, every heading and all text), each in a BM25 list and a cosine
 * list. Searches score articles from the four lists and return chunks, each article's best section first.
 * Updates are incremental; removed slots are reclaimed by compaction once they are a quarter of the index.
 */
export class HybridIndex {
  private readonly sparse: Bm25Index;
  private readonly dense: DenseIndex | undefined;
  private readonly articleSparse: Bm25Index;
  private readonly titleSparse: Bm25Index;
  private readonly articleDense: DenseIndex | undefined;
  private readonly neighbours: TermNeighbours | undefined;
  private readonly spelling: SpellingVocabulary | undefined;
  private readonly embedder: Embedder | undefined;
  private readonly reranker: Reranker | undefined;
  private readonly thesaurus: Thesaurus | undefined;
  private readonly associations: TermAssociations | undefined;
  private records: (ChunkRecord | undefined)[] = [];
  private readonly slotOf = new Map<string, number>();
  private nextSlot = 0;
  private readonly articles = new Map<string, ArticleEntry>();
  private articleAt: (ArticleEntry | undefined)[] = [];
  private nextArticleSlot = 0;
  private readonly dirty = new Set<string>();

  constructor(options: HybridIndexOptions = {}) {
    this.sparse = new Bm25Index(options.bm25);
    this.articleSparse = new Bm25Index({ ...options.bm25, ...options.articleBm25 });
    this.titleSparse = new Bm25Index({ ...options.bm25, titleWeight: 1 });
    this.embedder = options.embedder;
    this.reranker = options.reranker;
    this.thesaurus = options.thesaurus;
    this.associations = options.associations;
    this.dense = options.embedder ? new DenseIndex(options.embedder.dim, options.dense) : undefined;
    this.articleDense = options.embedder ? new DenseIndex(options.embedder.dim, options.dense) : undefined;
    this.neighbours = options.embedder?.words ? new TermNeighbours(options.embedder.words) : undefined;
    // Telling a misspelling from a word the index lacks needs a vocabulary: the word-vector table's.
    this.spelling = options.embedder?.words ? new SpellingVocabulary() : undefined;
  }

  get size(): number {
    return this.slotOf.size;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  get(id: string): ChunkRecord | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.records[slot];
  }

  /** Adds or replaces chunks by id. A chunk whose indexed content is unchanged is not re-embedded. */
  async upsert(chunks: readonly ChunkRecord[]): Promise<void> {
    const seen = new Set<string>();
    const changed: ChunkRecord[] = [];
    for (const chunk of chunks) {
      if (seen.has(chunk.id)) throw new Error(`duplicate chunk id ${chunk.id} in one upsert`);
      seen.add(chunk.id);
      const old = this.get(chunk.id);
      if (
        old &&
        old.contentHash === chunk.contentHash &&
        old.title === chunk.title &&
        old.section === chunk.section &&
        articleKey(old) === articleKey(chunk)
      ) {
        this.records[this.slotOf.get(chunk.id)!] = chunk;
      } else changed.push(chunk);
    }
    const vectors =
      this.embedder && changed.length > 0 ? await this.embedder.embed(changed.map(denseText)) : [];
    if (this.embedder && vectors.length !== changed.length) {
      throw new Error(`embedder returned ${vectors.length} vectors for ${changed.length} texts`);
    }
    // Applied synchronously after the await so a concurrent search never sees half an upsert.
    changed.forEach((chunk, i) => {
      this.removeOne(chunk.id);
      const slot = this.nextSlot++;
      this.records[slot] = chunk;
      this.slotOf.set(chunk.id, slot);
      this.sparse.add(slot, {
        title: chunk.title,
        heading: chunk.section,
        text: chunk.text,
        markers: kindKeys(chunk),
      });
      this.dense?.add(slot, vectors[i]!);
      if (this.neighbours)
        for (const { word, term } of analyseWords(denseText(chunk))) {
          this.neighbours.add(term, word);
          this.spelling?.add(word, term);
        }
      const key = articleKey(chunk);
      let entry = this.articles.get(key);
      if (!entry) {
        entry = { key, slot: -1, chunks: new Set(), rows: new Int32Array(0) };
        this.articles.set(key, entry);
      }
      entry.chunks.add(slot);
      this.dirty.add(key);
    });
    this.refreshArticles();
    this.maybeCompact();
  }

  /** Removes chunks by id; unknown ids are ignored. Returns how many were removed. */
  remove(ids: Iterable<string>): number {
    let removed = 0;
    for (const id of ids) if (this.removeOne(id)) removed++;
    this.refreshArticles();
    this.maybeCompact();
    return removed;
  }

  private removeOne(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    const key = articleKey(this.records[slot]!);
    this.articles.get(key)?.chunks.delete(slot);
    this.dirty.add(key);
    this.sparse.remove(slot);
    this.dense?.remove(slot);
    this.records[slot] = undefined;
    this.slotOf.delete(id);
    return true;
  }

  /** Re-indexes the whole-article documents of articles whose chunks changed. */
  private refreshArticles(): void {
    for (const key of this.dirty) {
      const entry = this.articles.get(key);
      if (!entry) continue;
      if (entry.slot >= 0) {
        this.articleSparse.remove(entry.slot);
        this.titleSparse.remove(entry.slot);
        this.articleDense?.remove(entry.slot);
        this.articleAt[entry.slot] = undefined;
        entry.slot = -1;
      }
      if (entry.chunks.size === 0) {
        this.articles.delete(key);
        continue;
      }
      const slots = [...entry.chunks].sort((a, b) => a - b);
      const chunks = slots.map((slot) => this.records[slot]!);
      const headings = new Set<string>();
      for (const c of chunks) for (const h of c.sectionPath) headings.add(h);
      const slot = this.nextArticleSlot++;
      entry.slot = slot;
      this.articleAt[slot] = entry;
      const fields = {
        title: chunks[0]!.title,
        heading: [...headings].join('\n'),
        text: chunks.map((c) => c.text).join('\n'),
      };
      this.articleSparse.add(slot, fields);
      // Only an FAQ entry's title is the question a customer paraphrases; a topic label ("Refunds") is not.
      if (isQuestionTitle(fields.title))
        this.titleSparse.add(slot, { title: fields.title, heading: '', text: '' });
      if (this.neighbours) {
        const rows = new Set<number>();
        for (const { term } of analyseWords(`${fields.title}\n${fields.heading}\n${fields.text}`)) {
          const row = this.neighbours.row(term);
          if (row !== undefined) rows.add(row);
        }
        entry.rows = Int32Array.from(rows);
      }
      if (this.dense && this.articleDense) {
        // The article's direction is the sum of its sections' unit vectors: no re-embedding needed.
        const sum = new Float32Array(this.dense.dim);
        for (const s of slots) {
          const v = this.dense.vectorOf(s);
          if (v) for (let i = 0; i < sum.length; i++) sum[i]! += v[i]!;
        }
        this.articleDense.add(slot, sum);
      }
    }
    this.dirty.clear();
  }

  private maybeCompact(): void {
    this.maybeCompactArticles();
    const dead = this.nextSlot - this.slotOf.size;
    if (dead < 1024 || dead < this.nextSlot / 4) return;
    const map = new Int32Array(this.nextSlot).fill(-1);
    const records: (ChunkRecord | undefined)[] = [];
    let next = 0;
    for (let slot = 0; slot < this.nextSlot; slot++) {
      const record = this.records[slot];
      if (!record) continue;
      map[slot] = next;
      records[next] = record;
      this.slotOf.set(record.id, next);
      next++;
    }
    this.sparse.compact(map, next * 2);
    this.dense?.compact(map, next * 2);
    for (const entry of this.articles.values())
      entry.chunks = new Set([...entry.chunks].map((slot) => map[slot]!));
    this.records = records;
    this.nextSlot = next;
  }

  private maybeCompactArticles(): void {
    const dead = this.nextArticleSlot - this.articles.size;
    if (dead < 1024 || dead < this.nextArticleSlot / 4) return;
    const map = new Int32Array(this.nextArticleSlot).fill(-1);
    const at: (ArticleEntry | undefined)[] = [];
    let next = 0;
    for (let slot = 0; slot < this.nextArticleSlot; slot++) {
      const entry = this.articleAt[slot];
      if (!entry) continue;
      map[slot] = next;
      at[next] = entry;
      entry.slot = next;
      next++;
    }
    this.articleSparse.compact(map, next * 2);
    this.titleSparse.compact(map, next * 2);
    this.articleDense?.compact(map, next * 2);
    this.articleAt = at;
    this.nextArticleSlot = next;
  }

  settings(overrides: Partial<SearchSettings> = {}): SearchSettings {
    const s: SearchSettings = {
      ...DEFAULT_SEARCH,
      dense: this.embedder !== undefined,
      ...overrides,
      weights: { ...DEFAULT_SEARCH.weights, ...overrides.weights },
      expansion: { ...DEFAULT_SEARCH.expansion, ...overrides.expansion },
      softMatch: { ...DEFAULT_SEARCH.softMatch, ...overrides.softMatch },
      thesaurus: { ...DEFAULT_SEARCH.thesaurus, ...overrides.thesaurus },
      associations: { ...DEFAULT_SEARCH.associations, ...overrides.associations },
      spelling: { ...DEFAULT_SEARCH.spelling, ...overrides.spelling },
    };
    validate(s);
    if (s.dense && !this.dense)
      throw new Error('dense search requested but the index was built without an embedder');
    if (s.rerank && !this.reranker)
      throw new Error('rerank requested but the index was built without a reranker');
    return s;
  }

  /**
   * The query's analysed terms at weight 1, plus each word's expansions: its nearest index terms in
   * word-vector space (`expansion.weight x cosine`), its thesaurus synonyms (`thesaurus.weight`) and its
   * learned associations (`associations.weight x score`). A term the user typed always keeps weight 1.
   */
  queryTerms(query: string, overrides: Partial<SearchSettings> = {}): WeightedTerm[] {
    const s = this.settings(overrides);
    const pairs = analyseWords(query);
    const fixes = this.corrections(query, s);
    const weights = new Map<string, number>();
    for (const { term } of pairs) weights.set(term, 1);
    const { weight, neighbours, minSimilarity } = s.expansion;
    const th = s.thesaurus;
    const as = s.associations;
    const useNeighbours = this.neighbours && weight > 0 && neighbours > 0;
    const useThesaurus = this.thesaurus && (th.weight > 0 || th.hypernymWeight > 0) && th.senses > 0;
    const useAssociations = this.associations && as.weight > 0 && as.neighbours > 0;
    // An expansion matching nothing in the index is dropped; a term offered twice keeps its best weight.
    const offer = (t: string, w: number): void => {
      if (this.sparse.df(t) === 0) return;
      if (w > (weights.get(t) ?? 0)) weights.set(t, Math.min(w, 1));
    };
    const seen = new Set<string>();
    for (const { word, term } of pairs) {
      if (seen.has(word)) continue;
      seen.add(word);
      if (useNeighbours) {
        // One extra: the word's own term is usually its nearest neighbour.
        let added = 0;
        for (const n of this.neighbours!.neighbours(word, neighbours + 1, minSimilarity)) {
          if (added === neighbours) break;
          if (n.term === term || this.sparse.df(n.term) === 0) continue;
          added++;
          offer(n.term, weight * n.similarity);
        }
      }
      if (useThesaurus) {
        const options = { pos: th.pos, senses: th.senses, hypernyms: th.hypernymWeight > 0 };
        for (const r of this.thesaurus!.related(word, options)) {
          // Hyphenated lemmas would split into several index words; one term per relation is clearer.
          if (!/^[a-z]+$/.test(r.word)) continue;
          offer(stem(r.word), r.relation === 'synonym' ? th.weight : th.hypernymWeight);
        }
      }
      if (useAssociations) {
        let added = 0;
        for (const a of this.associations!.related(term)) {
          if (added === as.neighbours) break;
          if (this.sparse.df(a.term) === 0) continue;
          added++;
          offer(a.term, as.weight * a.score);
        }
      }
    }
    for (const fix of fixes.values()) offer(fix.term, s.spelling.weight);
    if (s.answerKinds > 0) for (const kind of kindsAsked(query)) offer(kind.key, s.answerKinds);
    return [...weights].map(([term, w]) => ({ term, weight: w }));
  }

  async search(rawQuery: string, overrides: Partial<SearchSettings> = {}): Promise<SearchResult[]> {
    const s = this.settings(overrides);
    const query = s.stripCourtesy ? withoutCourtesy(rawQuery) : rawQuery;
    const qVector = s.dense
      ? (await this.embedder!.embed([denseQueryText(query, s.denseQuery, this.corrections(query, s))]))[0]
      : undefined;
    if (s.dense && !qVector) throw new Error('embedder returned no vector for the query');

    // From here to the rerank await everything is synchronous, so the scorers below stay valid.
    // Only what is returned is made into results: the reranker's pool, or the first topK confident enough.
    const wanted = s.rerank
      ? { count: s.candidateDepth, minConfidence: Number.NEGATIVE_INFINITY }
      : { count: s.topK, minConfidence: s.minConfidence };
    let results =
      s.fusion === 'rrf' ? this.rrfSearch(query, qVector, s) : this.weightedSearch(query, qVector, s, wanted);

    if (s.rerank && results.length > 0) {
      const pool = results.slice(0, s.candidateDepth);
      const scores = await this.reranker!.rerank(
        query,
        pool.map((r) => denseText(r.chunk)),
      );
      if (scores.length !== pool.length || scores.some((x) => !Number.isFinite(x))) {
        throw new Error(
          `reranker returned ${scores.length} scores for ${pool.length} documents (all must be finite)`,
        );
      }
      pool.forEach((r, i) => (r.scores.rerank = scores[i]!));
      results = pool
        .map((r) => r)
        .sort((a, b) => b.scores.rerank! - a.scores.rerank! || a.ranks.fused - b.ranks.fused);
      results.forEach((r, i) => (r.ranks.rerank = i + 1));
    }

    return results.filter((r) => r.confidence >= s.minConfidence).slice(0, s.topK);
  }

  /**
   * Article-level fusion. Each list's evidence is normalised to 0..1 against what the query could
   * attain (BM25: share of the query's idf-weighted terms matched; cosine: height above the query's mean
   * similarity to the index as a share of the headroom to 1), so the weighted sum is comparable across
   * queries and doubles as the confidence. An article's chunk-BM25 evidence is its best section plus a
   * damped sum of its other matching sections. Chunks are returned article by article score, each
   * article's best section carrying the article's score and its other sections proportionally less.
   */
  private weightedSearch(
    query: string,
    qVector: Float32Array | undefined,
    s: SearchSettings,
    wanted: { count: number; minConfidence: number },
  ): SearchResult[] {
    const w = s.weights;
    const terms = this.queryTerms(query, s);
    const useDense = qVector !== undefined && this.dense !== undefined;
    const chunkSparse = this.sparse.search(terms, s.candidateDepth);
    const articleSparse = w.articleBm25 > 0 ? this.articleSparse.search(terms, s.candidateDepth) : undefined;
    // Without FAQ-style titles the title list is left out altogether, so it changes neither the ranking
    // nor the confidence of an index of articles.
    const titleSparse =
      w.articleTitle > 0 && this.titleSparse.size > 0
        ? this.titleSparse.search(terms, s.candidateDepth)
        : undefined;
    // Chunk cosines are always read for the sections that can be returned (which of an article's sections comes
    // first); the full scan only runs when the chunk list has a weight, since it is the costliest list at scale.
    const chunkDense = useDense
      ? w.chunkDense > 0
        ? this.dense!.search(qVector, s.candidateDepth)
        : this.dense!.scorer(qVector)
      : undefined;
    const articleDense =
      useDense && w.articleDense > 0 ? this.articleDense!.search(qVector, s.candidateDepth) : undefined;

    const sparseRank = new Map(chunkSparse.hits.map((h, i) => [h.slot, i + 1]));
    const denseRank = new Map((chunkDense?.hits ?? []).map((h, i) => [h.slot, i + 1]));
    const candidates = new Set<ArticleEntry>();
    for (const h of chunkSparse.hits) candidates.add(this.articleOfChunk(h.slot));
    for (const h of chunkDense?.hits ?? []) candidates.add(this.articleOfChunk(h.slot));
    for (const h of articleSparse?.hits ?? []) candidates.add(this.articleAt[h.slot]!);
    for (const h of titleSparse?.hits ?? []) candidates.add(this.articleAt[h.slot]!);
    for (const h of articleDense?.hits ?? []) candidates.add(this.articleAt[h.slot]!);

    const sparseNorm = (x: number, max: number): number => (max > 0 ? clamp01(x / max) : 0);
    const denseNorm = (cos: number, mean: number): number => clamp01((cos - mean) / (1 - mean));

    interface Scored {
      slot: number;
      bm25: number;
      cosine: number | null;
      evidence: number;
    }
    // One section's figures, read for the sections of the articles that can supply a result (below).
    const scored = (slot: number): Scored => {
      const bm25 = chunkSparse.scoreOf(slot);
      const cosine = chunkDense ? chunkDense.scoreOf(slot) : null;
      // Which section of the article to show first: its own word and meaning match, equally weighted.
      const evidence =
        sparseNorm(bm25, chunkSparse.maxScore) +
        (chunkDense && cosine !== null ? denseNorm(cosine, chunkDense.mean) : 0);
      return { slot, bm25, cosine, evidence };
    };
    const articles: { entry: ArticleEntry; score: number; confidence: number }[] = [];
    // A section's cosine counts in an article's score only through the chunk list's weight; without it the
    // cosines are read below, for the sections of the articles that can supply a result.
    const denseCounts = chunkDense !== undefined && w.chunkDense !== 0;
    for (const entry of candidates) {
      let bestSparse = 0;
      let sumSparse = 0;
      let bestDense = 0;
      for (const slot of entry.chunks) {
        const ns = sparseNorm(chunkSparse.scoreOf(slot), chunkSparse.maxScore);
        bestSparse = Math.max(bestSparse, ns);
        sumSparse += ns;
        if (denseCounts)
          bestDense = Math.max(bestDense, denseNorm(chunkDense.scoreOf(slot), chunkDense.mean));
      }
      // Each list's weight and evidence summed in this order, the same sums as ever.
      let score = 0;
      let weightSum = 0;
      let attained = 0;
      const add = (weight: number, listed: number, attainable: number): void => {
        score += weight * listed;
        weightSum += weight;
        attained += weight * attainable;
      };
      add(w.chunkBm25, bestSparse + s.sectionDamping * (sumSparse - bestSparse), bestSparse);
      if (articleSparse) {
        const x = sparseNorm(articleSparse.scoreOf(entry.slot), articleSparse.maxScore);
        add(w.articleBm25, x, x);
      }
      if (titleSparse) {
        const x = sparseNorm(titleSparse.scoreOf(entry.slot), titleSparse.maxScore);
        add(w.articleTitle, x, x);
      }
      if (chunkDense) add(w.chunkDense, bestDense, bestDense);
      if (articleDense) {
        const x = denseNorm(articleDense.scoreOf(entry.slot), articleDense.mean);
        add(w.articleDense, x, x);
      }
      const confidence = weightSum > 0 ? clamp01(attained / weightSum) : 0;
      articles.push({ entry, score, confidence });
    }

    // Ties break on identity, never on slots, so an index built incrementally answers like a fresh one.
    const byKey = (a: { entry: ArticleEntry }, b: { entry: ArticleEntry }): number =>
      a.entry.key < b.entry.key ? -1 : a.entry.key > b.entry.key ? 1 : 0;
    articles.sort((a, b) => b.score - a.score || byKey(a, b));
    const soft = s.softMatch;
    if (this.neighbours && soft.weight > 0 && soft.depth > 0) {
      const pool = articles.slice(0, soft.depth);
      const scoreOf = this.softMatcher(query, soft.threshold);
      for (const a of pool) a.score += soft.weight * scoreOf(a.entry);
      pool.sort((a, b) => b.score - a.score || byKey(a, b));
      articles.splice(0, pool.length, ...pool);
    }
    // Sections of the articles up to the `wanted.count`-th confident enough one, the last that can supply a result:
    // each article's best section carries its score and no section of a later article scores above it (the
    // articles are in score order, ties in this order), so those best sections alone fill the results ahead of
    // any later section. The articles not confident enough among them stay, for the results' fused ranks.
    const flat: { chunk: Scored; score: number; confidence: number; order: number }[] = [];
    let supplying = 0;
    for (let order = 0; order < articles.length && supplying < wanted.count; order++) {
      const a = articles[order]!;
      if (a.confidence >= wanted.minConfidence) supplying++;
      const chunks = [...a.entry.chunks].map(scored);
      chunks.sort((x, y) => y.evidence - x.evidence || this.byId(x.slot, y.slot));
      const top = chunks[0]!.evidence;
      chunks.forEach((c, i) => {
        // The best section carries the article's score; the others scale with their own evidence.
        const score = i === 0 ? a.score : top > 0 ? (a.score * c.evidence) / top : 0;
        flat.push({ chunk: c, score, confidence: a.confidence, order });
      });
    }
    flat.sort(
      (a, b) =>
        b.score - a.score ||
        a.order - b.order ||
        b.chunk.evidence - a.chunk.evidence ||
        this.byId(a.chunk.slot, b.chunk.slot),
    );
    const results: SearchResult[] = [];
    for (let i = 0; i < flat.length && results.length < wanted.count; i++) {
      const f = flat[i]!;
      if (f.confidence < wanted.minConfidence) continue;
      results.push({
        chunk: this.records[f.chunk.slot]!,
        scores: { bm25: f.chunk.bm25, dense: f.chunk.cosine, fused: f.score, rerank: null },
        ranks: {
          bm25: sparseRank.get(f.chunk.slot) ?? null,
          dense: chunkDense ? (denseRank.get(f.chunk.slot) ?? null) : null,
          fused: i + 1,
          rerank: null,
        },
        confidence: f.confidence,
      });
    }
    return results;
  }

  /**
   * Soft word matching: each query word is matched to its most similar word in the article (1 for the
   * word itself), rescaled so `threshold` and below count as no match, and the matches are averaged with
   * SIF weights so rare words count more. Unlike the averaged sentence vector, one strongly related word
   * is not drowned by the rest of a long article.
   */
  private softMatcher(query: string, threshold: number): (entry: ArticleEntry) => number {
    const words = this.embedder!.words!;
    const seen = new Set<string>();
    const neighbours = this.neighbours!;
    const parts: { weight: number; word: string }[] = [];
    for (const { word, term } of analyseWords(query)) {
      if (seen.has(term)) continue;
      seen.add(term);
      const rank = words.rank(word);
      if (rank === undefined || !neighbours.hasVector(word)) continue;
      parts.push({ weight: sifWeight(rank), word });
    }
    const total = parts.reduce((a, p) => a + p.weight, 0);
    return (entry) => {
      if (total === 0) return 0;
      let score = 0;
      for (const { weight, word } of parts) {
        // An entry's rows never change under its slot (a changed article is given a new one).
        const best = Math.max(threshold, neighbours.maxSimilarity(word, entry.slot, entry.rows)!);
        score += (weight * (best - threshold)) / (1 - threshold);
      }
      return score / total;
    };
  }

  /**
   * Query words the index and the word-vector table both lack, each with the index word it most likely
   * misspells (`spelling.weight` 0: none).
   */
  private corrections(query: string, s: SearchSettings): Map<string, { word: string; term: string }> {
    const fixes = new Map<string, { word: string; term: string }>();
    if (!this.spelling || s.spelling.weight <= 0) return fixes;
    const table = this.embedder!.words!;
    const live = (term: string): boolean => this.sparse.df(term) > 0;
    for (const { word, term } of analyseWords(query)) {
      if (fixes.has(word) || live(term) || table.rank(word) !== undefined) continue;
      const fix = this.spelling.correct(word, live);
      if (fix) fixes.set(word, fix);
    }
    return fixes;
  }

  private byId(a: number, b: number): number {
    const x = this.records[a]!.id;
    const y = this.records[b]!.id;
    return x < y ? -1 : x > y ? 1 : 0;
  }

  private articleOfChunk(slot: number): ArticleEntry {
    return this.articles.get(articleKey(this.records[slot]!))!;
  }

  /** Chunk-level reciprocal rank fusion of the BM25 and cosine lists (the earlier default). */
  private rrfSearch(query: string, qVector: Float32Array | undefined, s: SearchSettings): SearchResult[] {
    const sparse = this.sparse.search(this.queryTerms(query, s), s.candidateDepth);
    const dense = qVector && this.dense ? this.dense.search(qVector, s.candidateDepth) : undefined;

    const fused = new Map<number, { bm25: number | null; dense: number | null; fused: number }>();
    const addList = (hits: { slot: number }[], key: 'bm25' | 'dense'): void => {
      hits.forEach((hit, i) => {
        const entry = fused.get(hit.slot) ?? { bm25: null, dense: null, fused: 0 };
        entry[key] = i + 1;
        entry.fused += 1 / (s.rrfK + i + 1);
        fused.set(hit.slot, entry);
      });
    };
    addList(sparse.hits, 'bm25');
    if (dense) addList(dense.hits, 'dense');

    const ordered = [...fused.entries()].sort((a, b) => b[1].fused - a[1].fused || a[0] - b[0]);
    return ordered.map(([slot, r], i) => {
      const bm25 = sparse.scoreOf(slot);
      const cosine = dense ? dense.scoreOf(slot) : null;
      const sparseConf = sparse.maxScore > 0 ? clamp01(bm25 / sparse.maxScore) : 0;
      // How far above the query's average similarity to the whole index this chunk sits, as a share of
      // the headroom to a perfect match: raw cosines of averaged word vectors are high for any text.
      const denseConf = dense && cosine !== null ? clamp01((cosine - dense.mean) / (1 - dense.mean)) : null;
      const confidence = denseConf === null ? sparseConf : (sparseConf + denseConf) / 2;
      return {
        chunk: this.records[slot]!,
        scores: { bm25, dense: cosine, fused: r.fused, rerank: null },
        ranks: { bm25: r.bm25, dense: r.dense, fused: i + 1, rerank: null },
        confidence,
      };
    });
  }

  stats(): IndexStats {
    return {
      chunks: this.size,
      vocabulary: this.sparse.vocabularySize,
      memoryBytes: {
        sparse:
          this.sparse.memoryBytes() +
          this.articleSparse.memoryBytes() +
          this.titleSparse.memoryBytes() +
          (this.neighbours?.memoryBytes() ?? 0),
        dense: (this.dense?.memoryBytes() ?? 0) + (this.articleDense?.memoryBytes() ?? 0),
      },
    };
  }
}

export interface ArticleHit {
  articleId: string;
  sourceId: string;
  /** The article's best-ranked chunk. */
  best: SearchResult;
  /** 1-based rank among articles. */
  rank: number;
}

/** Collapses chunk results to articles, keeping each article's best-ranked chunk, in result order. */
export function groupByArticle(results: readonly SearchResult[]): ArticleHit[] {
  const seen = new Set<string>();
  const out: ArticleHit[] = [];
  for (const r of results) {
    const key = `${r.chunk.sourceId}\u0000${r.chunk.articleId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ articleId: r.chunk.articleId, sourceId: r.chunk.sourceId, best: r, rank: out.length + 1 });
  }
  return out;
}
