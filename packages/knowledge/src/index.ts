// Public API of @parley/knowledge: ingestion into chunk records, diffs against stored chunks, and the
// embedded hybrid index built from those records.
export type { Article, ChunkRecord, IngestResult, IngestSummary, SkippedItem, SkipReason } from './types.js';
export { errnoCode, IngestError, IngestPathError } from './errors.js';
export { ingestSource, ingestArticles, SOURCE_KINDS } from './ingest.js';
export type { SourceKind, SourceSpec, IngestOptions, SourceIngest } from './ingest.js';
export { DEFAULT_INGEST_LIMITS, IngestBudget, IngestLimitError } from './limits.js';
export type { IngestLimitName, IngestLimits } from './limits.js';
export { exportKind } from './sources/detect.js';
export { isInside } from './sources/tree.js';
export { chunkArticle, chunkId, DEFAULT_CHUNK_OPTIONS } from './chunker.js';
export type { ChunkOptions } from './chunker.js';
export { markdownArticleWith, parseMarkdownArticle } from './sources/markdown.js';
export { parseHtmlArticle } from './sources/html.js';
export { parseZendeskExport, parseIntercomExport } from './sources/vendors.js';
export { diffChunks } from './diff.js';
export type { ChunkDiff } from './diff.js';
export { HybridIndex, groupByArticle, denseText, DEFAULT_SEARCH, PLAIN_BM25 } from './hybrid-index.js';
export type {
  AssociationSettings,
  SearchSettings,
  SearchResult,
  HybridIndexOptions,
  IndexStats,
  ArticleHit,
} from './hybrid-index.js';
export { DEFAULT_BM25 } from './bm25.js';
export { DEFAULT_DENSE } from './dense.js';
export type { DenseOptions } from './dense.js';
export type { Bm25Options } from './bm25.js';
export { wordVectorEmbedder, loadDefaultEmbedder, hashingEmbedder } from './embedder.js';
export type { Embedder, Reranker } from './embedder.js';
export { contentHash, normaliseText } from './text.js';
export { providerEmbedder, isQueryAware } from './provider-embedder.js';
export type { QueryAwareEmbedder } from './provider-embedder.js';
export { providerReranker } from './provider-reranker.js';
export { QdrantSearchIndex, createQdrantSearchIndex } from './qdrant-index.js';
export type { QdrantSearchIndexOptions, QdrantSearchSettings } from './qdrant-index.js';
export { documentSparseVector, queryTermIndices, termIndex, TermStats } from './sparse-vector.js';
export { WordNet, loadWordNet } from './wordnet.js';
export type { Thesaurus, Related, RelatedOptions, WordNetPos } from './wordnet.js';
export {
  TermAssociations,
  buildAssociations,
  loadTermAssociations,
  readLabelledTexts,
  DEFAULT_ASSOCIATION_BUILD,
} from './associations.js';
export type { Association, AssociationBuildOptions, LabelledText } from './associations.js';
