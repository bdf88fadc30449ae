/** The request could not be served now (database down, pool exhausted, too slow): answer 503 + Retry-After. */
export class UnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UnavailableError';
  }
}

// Connection-level failures and Postgres error classes 08 (connection), 53 (resources), 57P (shutdown).
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  'EHOSTUNREACH',
]);
const PG_UNAVAILABLE = /^(08|53|57P)/;
const POOL_MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated|connection timeout|Cannot use a pool after calling end|not queryable/i;

/** True for errors that mean "the database cannot serve us right now" rather than a bug or bad data. */
export function isUnavailable(err: unknown): boolean {
  if (err instanceof UnavailableError) return true;
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || PG_UNAVAILABLE.test(code))) return true;
  // Statement timeout (57014): the database is too slow to answer within our budget.
  if (code === '57014') return true;
  if (POOL_MESSAGES.test(err.message)) return true;
  return err instanceof AggregateError && err.errors.some(isUnavailable);
}

/**
 * Runs `work` with a time budget. When the budget runs out the caller gets an UnavailableError at once;
 * `guard`, called by the work inside its transaction, makes a late transaction roll back instead of
 * committing a ticket the caller was told failed.
 */
export async function withDeadline<T>(ms: number, work: (guard: () => void) => Promise<T>): Promise<T> {
  let expired = false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      expired = true;
      reject(new UnavailableError(`request took longer than ${ms} ms`));
    }, ms);
  });
  const guard = () => {
    if (expired) throw new UnavailableError('request deadline passed');
  };
  const running = work(guard);
  // When the deadline wins, the work's own failure has nobody left to report to.
  running.catch(() => undefined);
  try {
    return await Promise.race([running, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
