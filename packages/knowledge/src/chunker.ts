import { htmlSections } from './html-sections.js';
import { contentHash, sha256Hex } from './text.js';
import type { Article, ChunkRecord } from './types.js';

export interface ChunkOptions {
  /** A section longer than this many words is split into overlapping windows. */
  maxWords?: number;
  /** Words repeated at the start of the next window so a sentence cut at a boundary is still found. */
  overlapWords?: number;
}

export const DEFAULT_CHUNK_OPTIONS: Required<ChunkOptions> = { maxWords: 200, overlapWords: 30 };

const wordCount = (s: string): number => (s.match(/\S+/g) ?? []).length;

function sentences(block: string): string[] {
  return (
    block
      .match(/[^.!?]+(?:[.!?]+|$)\s*/g)
      ?.map((s) => s.trim())
      .filter(Boolean) ?? [block]
  );
}

/** Packs sentences into windows of at most maxWords, each starting with ~overlapWords of the previous. */
export function splitWindows(blocks: string[], opts: Required<ChunkOptions>): string[] {
  const units: string[] = [];
  for (const block of blocks) {
    if (wordCount(block) <= opts.maxWords) {
      units.push(block);
      continue;
    }
    for (const sentence of sentences(block)) {
      const tokens = sentence.split(/\s+/);
      // A single sentence over the limit is cut by words: rare (tables, run-on lists), still searchable.
      for (let i = 0; i < tokens.length; i += opts.maxWords)
        units.push(tokens.slice(i, i + opts.maxWords).join(' '));
    }
  }
  const windows: string[] = [];
  let current: string[] = [];
  let count = 0;
  for (const unit of units) {
    const n = wordCount(unit);
    if (count > 0 && count + n > opts.maxWords) {
      windows.push(current.join('\n'));
      const carry: string[] = [];
      let carried = 0;
      for (let i = current.length - 1; i >= 0; i--) {
        const w = wordCount(current[i]!);
        if (carried + w > opts.overlapWords) break;
        carry.unshift(current[i]!);
        carried += w;
      }
      if (carried === 0 && opts.overlapWords > 0) {
        const tail = current[current.length - 1]!.split(/\s+/).slice(-opts.overlapWords);
        carry.push(tail.join(' '));
        carried = tail.length;
      }
      current = carry;
      count = carried;
    }
    current.push(unit);
    count += n;
  }
  if (current.length > 0) windows.push(current.join('\n'));
  return windows;
}

/** Chunk id: a function of identity only, so an edited section keeps its id and shows up as an update. */
export function chunkId(sourceId: string, articleId: string, sectionKey: string, ordinal: number): string {
  return sha256Hex(`${sourceId}\u0000${articleId}\u0000${sectionKey}\u0000${ordinal}`).slice(0, 32);
}

export function chunkArticle(article: Article, sourceId: string, options: ChunkOptions = {}): ChunkRecord[] {
  const opts = { ...DEFAULT_CHUNK_OPTIONS, ...options };
  if (opts.maxWords < 1 || opts.overlapWords < 0 || opts.overlapWords >= opts.maxWords) {
    throw new Error(`invalid chunk options: need maxWords >= 1 and 0 <= overlapWords < maxWords`);
  }
  const chunks: ChunkRecord[] = [];
  const seen = new Map<string, number>();
  for (const section of htmlSections(article.html, article.title)) {
    const label = section.path.join(' > ');
    // Two sections with the same heading path (e.g. two "Notes") get distinct, still position-free keys.
    const repeat = seen.get(label) ?? 0;
    seen.set(label, repeat + 1);
    const key = repeat === 0 ? label : `${label}\u0000${repeat}`;
    splitWindows(section.blocks, opts).forEach((text, ordinal) => {
      chunks.push({
        id: chunkId(sourceId, article.id, key, ordinal),
        sourceId,
        articleId: article.id,
        title: article.title,
        url: article.url,
        sectionPath: section.path,
        section: label,
        ordinal,
        text,
        updatedAt: article.updatedAt,
        contentHash: contentHash(text),
      });
    });
  }
  return chunks;
}
