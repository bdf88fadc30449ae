import { pino } from 'pino';
import type { Logger } from 'pino';
import { redactPii } from '@parley/pii';

export type { Logger };

// Deeper than any log object we write on purpose; what lies below is dropped, not walked.
const MAX_DEPTH = 8;

/** An error as it may appear in a log: its type, code and PII-free message, and its cause likewise. */
function errorFields(err: Error, depth: number, path: WeakSet<object>): Record<string, unknown> {
  const code = (err as { code?: unknown }).code;
  return {
    type: err.name,
    message: redactPii(err.message),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(err.cause !== undefined ? { cause: scrub(err.cause, depth + 1, path) } : {}),
  };
}

/**
 * A copy of a log value with PII redacted from every string (keys included), at any depth, in arrays,
 * errors and their causes. Cycles and very deep values are cut rather than followed.
 */
export function scrub(value: unknown, depth = 0, path: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redactPii(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (path.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  path.add(value);
  try {
    if (value instanceof Error) return errorFields(value, depth, path);
    if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1, path));
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[redactPii(key)] = scrub(v, depth + 1, path);
    return out;
  } finally {
    // Only the current path counts as a cycle: the same object twice side by side is logged twice.
    path.delete(value);
  }
}

function hasErrorOnly(first: unknown): Error | undefined {
  if (first instanceof Error) return first;
  const err = (first as { err?: unknown } | null)?.err;
  return typeof first === 'object' && err instanceof Error ? err : undefined;
}

/**
 * Structured JSON logs. Log ids, never customer text: as a second line of defence every string that does
 * reach a log line (message, format arguments, fields at any depth, error messages and causes, child
 * bindings) is scrubbed of PII, and fields named like free text are dropped.
 */
export function createLogger(opts: {
  service: string;
  level?: string;
  destination?: NodeJS.WritableStream;
}): Logger {
  const logger = pino(
    {
      name: opts.service,
      level: opts.level ?? 'info',
      base: { service: opts.service },
      redact: {
        paths: [
          'body',
          'text',
          'subject',
          'email',
          'phone',
          '*.body',
          '*.text',
          '*.subject',
          '*.email',
          '*.phone',
        ],
        censor: '[redacted]',
      },
      formatters: {
        level: (label) => ({ level: label }),
        bindings: (bindings) => scrub(bindings) as Record<string, unknown>,
        log: (object) => scrub(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed: unknown[] = args.map((a, i) => (i === 0 && typeof a === 'object' ? a : scrub(a)));
          // pino would use the raw error message as the log message when none is given.
          const err = hasErrorOnly(args[0]);
          if (err && typeof args[1] !== 'string') scrubbed.splice(1, 0, redactPii(err.message));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
      serializers: {
        // Errors are already reduced to plain fields by the log formatter; one logged some other way is too.
        err: (err: unknown) => (err instanceof Error ? scrub(err) : err),
      },
    },
    opts.destination ?? process.stdout,
  );
  // pino applies the bindings formatter to the root only; a child's bindings are scrubbed here instead.
  // Children are created from their parent by prototype, so they inherit this override too.
  const child = logger.child;
  logger.child = function (this: Logger, bindings, options) {
    return child.call(this, scrub(bindings) as typeof bindings, options);
  } as Logger['child'];
  return logger;
}
