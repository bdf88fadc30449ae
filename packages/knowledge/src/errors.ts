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
