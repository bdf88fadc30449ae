import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody as PlatformErrorBody } from '@parley/runtime';
import type { Logger } from '@parley/telemetry';
import { InvalidInput } from '../channels/invalid-input.js';
import type { IngressMetrics } from '../events.js';
import type { Issue } from './schemas.js';
import { isUnavailable } from './unavailable.js';

/** The platform's error body (`{ error, message }`), with each invalid field named when there are several. */
export interface ErrorBody extends PlatformErrorBody {
  issues?: Issue[];
}

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: ErrorBody,
    /** Sent as `Retry-After` (429 and 503). */
    readonly retryAfterSeconds?: number,
  ) {
    super(body.message);
    this.name = 'ApiError';
  }
}

export function invalidRequest(issues: Issue[]): ApiError {
  const message = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return new ApiError(400, { error: 'invalid_request', message, issues });
}

export function notFound(what: string): ApiError {
  return new ApiError(404, { error: 'not_found', message: what });
}

/** Maps fastify's own errors (parsing, limits) and ours onto the API's error bodies. */
export function errorHandler(deps: {
  log: Logger;
  metrics: IngressMetrics;
  bodyLimit: number;
  retryAfterSeconds: number;
  /** What the route scope accepts, named in a 415. */
  mediaType: string;
}) {
  return (err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = classify(err, deps.bodyLimit, deps.mediaType);
    deps.metrics.rejected.inc({ reason: body.error });
    const retryAfter = err instanceof ApiError ? err.retryAfterSeconds : undefined;
    if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
    else if (status === 503) reply.header('retry-after', String(deps.retryAfterSeconds));
    if (status >= 500) {
      // Ids and the error only: request bodies hold customer text.
      deps.log.warn({ err, requestId: request.id, route: request.routeOptions.url }, 'request failed');
    }
    return reply.code(status).send(body);
  };
}

function classify(
  err: FastifyError,
  bodyLimit: number,
  mediaType: string,
): { status: number; body: ErrorBody } {
  if (err instanceof ApiError) return { status: err.statusCode, body: err.body };
  if (err instanceof InvalidInput) return { status: 400, body: invalidRequest([err.issue]).body };
  if (isUnavailable(err)) {
    return {
      status: 503,
      body: {
        error: 'unavailable',
        message: 'the service is overloaded or its database is unreachable; retry later',
      },
    };
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        body: { error: 'payload_too_large', message: `request body exceeds the limit of ${bodyLimit} bytes` },
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        body: { error: 'unsupported_media_type', message: `Content-Type must be ${mediaType}` },
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        status: 400,
        body: { error: 'invalid_json', message: 'request body is empty; expected a JSON object' },
      };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return {
        status: 400,
        body: { error: 'invalid_json', message: `request body is not valid JSON: ${err.message}` },
      };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return {
        status: 400,
        body: { error: 'invalid_request', message: 'Content-Length does not match the body' },
      };
    default:
      break;
  }
  // JSON.parse errors surface as a SyntaxError with status 400.
  if (err.statusCode === 400 && err instanceof SyntaxError) {
    return {
      status: 400,
      body: { error: 'invalid_json', message: `request body is not valid JSON: ${err.message}` },
    };
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return { status: err.statusCode, body: { error: 'bad_request', message: err.message } };
  }
  return { status: 500, body: { error: 'internal', message: 'internal error' } };
}
