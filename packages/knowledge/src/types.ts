/** One help-centre article after its source format has been read, before chunking. */
export interface Article {
  /** Stable id from the source (front matter id, vendor id, or the file path). */
  id: string;
  title: string;
  url: string | null;
  /** ISO 8601, or null when the source has none. */
  updatedAt: string | null;
  /** Body as HTML: markdown is rendered first so every format shares one sectioniser. */
  html: string;
  /** Where the article came from (file path, or file path plus JSON pointer), for error messages. */
  origin: string;
}

/**
 * A retrievable unit: one heading section of one article, or a window of a long section. This is the
 * record a store persists; the index is built from these records alone.
 */
export interface ChunkRecord {
  /** Stable across re-ingests: derived from source, article id, section path and ordinal, never content. */
  id: string;
  /** The ingested source this chunk belongs to; diffs never cross sources. */
  sourceId: string;
  articleId: string;
  title: string;
  url: string | null;
  /** Heading path inside the article, outermost first; empty for text before the first heading. */
  sectionPath: string[];
  /** `sectionPath` joined with " > " ("" for the lead section). */
  section: string;
  /** Window number inside the section (0 unless the section was split). */
  ordinal: number;
  text: string;
  updatedAt: string | null;
  /** sha256 hex of the normalised chunk text. */
  contentHash: string;
}

export type SkipReason = 'invalid' | 'draft' | 'empty' | 'unsupported';

export interface SkippedItem {
  /** File path, optionally with a JSON path (`export.json#/articles/3`). */
  origin: string;
  articleId?: string;
  reason: SkipReason;
  detail: string;
}

export interface IngestSummary {
  sourceId: string;
  articles: number;
  chunks: number;
  skipped: SkippedItem[];
}

export interface IngestResult {
  sourceId: string;
  chunks: ChunkRecord[];
  summary: IngestSummary;
}
