/** Caps on reading one file source; every ingest from disk runs under them. */
export interface IngestLimits {
  /** Files and folders the walk may list (hidden ones included: they are listed before being passed over). */
  maxFiles: number;
  /** Bytes read from all files together. */
  maxBytes: number;
  /** Bytes read from any one file (also bounds the one parse per file that cannot be interrupted). */
  maxFileBytes: number;
  /** Folder nesting below the source folder: 0 reads only the files directly in it. */
  maxDepth: number;
  /** Milliseconds one ingestion may take, checked between steps (folder, file, read, write batch). */
  timeLimitMs: number;
}

const MIB = 1024 * 1024;

/**
 * A source on disk is never bigger than one the endpoint accepts inline (64 MiB); a help centre of a few
 * thousand articles is far inside the counts.
 */
export const DEFAULT_INGEST_LIMITS: IngestLimits = {
  maxFiles: 10_000,
  maxBytes: 64 * MIB,
  maxFileBytes: 16 * MIB,
  maxDepth: 12,
  timeLimitMs: 120_000,
};

export type IngestLimitName = 'files' | 'bytes' | 'file-bytes' | 'depth' | 'time';

function describeLimit(limit: IngestLimitName, max: number): string {
  const bytes = (n: number) =>
    n % MIB === 0 ? `${n / MIB} MiB` : n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`;
  switch (limit) {
    case 'files':
      return `the file-count limit (${max} files and folders)`;
    case 'bytes':
      return `the total size limit (${bytes(max)})`;
    case 'file-bytes':
      return `the per-file size limit (${bytes(max)})`;
    case 'depth':
      return `the folder depth limit (${max} levels)`;
    case 'time':
      return `the time limit (${max / 1000} s)`;
  }
}

/**
 * A cap was exceeded: the ingestion stops and nothing is applied. `at` names where, relative to the source
 * (its label), never as a server path.
 */
export class IngestLimitError extends Error {
  constructor(
    readonly limit: IngestLimitName,
    readonly max: number,
    readonly at?: string,
  ) {
    super(`${at ? `${at}: ` : ''}source exceeds ${describeLimit(limit, max)}`);
    this.name = 'IngestLimitError';
  }
}

/** What one ingestion has used so far against its limits; the clock is injectable so tests are deterministic. */
export class IngestBudget {
  readonly limits: IngestLimits;
  private readonly startedAt: number;
  private entries = 0;
  private bytes = 0;

  constructor(
    limits: Partial<IngestLimits> = {},
    private readonly clock: () => number = Date.now,
  ) {
    this.limits = { ...DEFAULT_INGEST_LIMITS, ...limits };
    this.startedAt = clock();
  }

  checkTime(at?: string): void {
    if (this.clock() - this.startedAt > this.limits.timeLimitMs)
      throw new IngestLimitError('time', this.limits.timeLimitMs, at);
  }

  /** One more file or folder listed. */
  countEntry(at?: string): void {
    if (++this.entries > this.limits.maxFiles) throw new IngestLimitError('files', this.limits.maxFiles, at);
  }

  checkDepth(depth: number, at?: string): void {
    if (depth > this.limits.maxDepth) throw new IngestLimitError('depth', this.limits.maxDepth, at);
  }

  /** Bytes a file holds (before or while reading it): its own cap and the total. */
  checkFileBytes(size: number, at?: string): void {
    if (size > this.limits.maxFileBytes)
      throw new IngestLimitError('file-bytes', this.limits.maxFileBytes, at);
  }

  /** Bytes about to be held: refused when the total would go over. */
  addBytes(n: number, at?: string): void {
    this.bytes += n;
    if (this.bytes > this.limits.maxBytes) throw new IngestLimitError('bytes', this.limits.maxBytes, at);
  }

  /** The total a listing announces, checked before anything is read. */
  checkPlannedBytes(total: number, at?: string): void {
    if (this.bytes + total > this.limits.maxBytes)
      throw new IngestLimitError('bytes', this.limits.maxBytes, at);
  }
}
