import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from './errors.js';

// Node keeps the first of these when they repeat; a proxy in front may keep the last. Two readings of
// one request are how smuggling starts, so a repeat is refused instead.
const SINGLE = ['authorization', 'content-type'];

/** Header problems the HTTP parser lets through: repeated auth/type headers, and a charset other than UTF-8. */
export function headerProblem(rawHeaders: readonly string[], headers: IncomingHttpHeaders): ApiError | null {
  for (const name of SINGLE) {
    let seen = 0;
    for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i]!.toLowerCase() === name) seen++;
    if (seen > 1) {
      return new ApiError(400, {
        error: 'duplicate_header',
        message: `the ${name} header must be sent once (got ${seen})`,
      });
    }
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return new ApiError(415, {
      error: 'unsupported_media_type',
      message: `Content-Type charset must be utf-8 (got ${charset.slice(0, 40)})`,
    });
  }
  return null;
}
