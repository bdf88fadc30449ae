/** Bad ingest input: the message names the field, or the source by its label, and the problem (HTTP 400, CLI exit 2). */
export class IngestInputError extends Error {
  override name = 'IngestInputError';
}
