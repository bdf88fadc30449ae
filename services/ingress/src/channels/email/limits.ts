/** How much of a hostile email the parser will read: each is an INGRESS_EMAIL_* variable. */
export interface EmailLimits {
  /** MIME parts (nodes) in the message, the message itself included. */
  maxParts: number;
  /** Bytes in the header section of any one part, the message's own headers included. */
  maxHeaderBytes: number;
  /** Message ids named by In-Reply-To and References together. */
  maxThreadIds: number;
  /** Characters of HTML converted to text; the rest of the HTML is not read. */
  maxHtmlChars: number;
}

/**
 * A message past one of the parser's limits (too many parts, ids, header bytes; too slow or too big to parse).
 * The HTTP layer answers it 422 naming `path` (what was over) and the limit: the same message sent again would
 * be refused again, so a provider must not be told to retry it.
 */
export class EmailLimitExceeded extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'EmailLimitExceeded';
  }
}

/** A message the parser failed on (a malformed structure it could not read): refused 422, not retried. */
export class EmailUnparseable extends Error {
  constructor(readonly reason: string) {
    super(`message: the message could not be parsed (${reason})`);
    this.name = 'EmailUnparseable';
  }
}
