/** Malformed input that stops an ingest: names the file and, when known, the line or field. */
export class IngestError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly where: { line?: number; column?: number; field?: string } = {},
  ) {
    const at = [
      where.line !== undefined
        ? `line ${where.line}${where.column !== undefined ? `:${where.column}` : ''}`
        : '',
      where.field !== undefined ? `field ${where.field}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    super(`${file}${at ? ` (${at})` : ''}: ${problem}`);
    this.name = 'IngestError';
  }
}

/**
 * A path that cannot be read as (part of) a source: missing, unreadable, not a regular file or folder, or a
 * link out of the folder the source must stay in. `at` names it by the source's label, never as a server
 * path; `code` (an errno code such as EACCES, when there was one) is for server-side logs only and never
 * part of the message.
 */
export class IngestPathError extends Error {
  constructor(
    readonly at: string,
    readonly problem: string,
    readonly code?: string,
  ) {
    super(`${at}: ${problem}`);
    this.name = 'IngestPathError';
  }
}

/** The errno code of a failed file-system call, if it has one. */
export function errnoCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
