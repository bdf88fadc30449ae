/** The message can never succeed (bad data, a rule says no): dead-letter it now, do not retry. */
export class PermanentError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

/** A dependency asked us to come back later (rate limit, lock held): retry after exactly this delay. */
export class RetryAfterError extends Error {
  constructor(
    message: string,
    readonly delayMs: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'RetryAfterError';
  }
}
