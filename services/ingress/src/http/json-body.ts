import type { FastifyInstance } from 'fastify';
import sjson from 'secure-json-parse';
import { ApiError } from './errors.js';

/** A ticket is two levels deep; anything far deeper is an attack on a parser or a walker downstream. */
export const MAX_JSON_DEPTH = 32;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

const FORBIDDEN_KEY = 'request body contains a forbidden "__proto__" or "constructor.prototype" key';

function invalidJson(message: string): ApiError {
  return new ApiError(400, { error: 'invalid_json', message });
}

/**
 * Deepest nesting of objects and arrays in JSON text, found by one pass over it (strings skipped), and
 * stopping once past `limit`: cheap, and unable to recurse, whatever the input.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return false;
}

/**
 * Parses a request body: strict UTF-8 (invalid bytes are an error, not replacement characters), nesting
 * bounded, and `__proto__` / `constructor.prototype` keys refused so no object prototype can be touched.
 */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) throw invalidJson('request body is empty; expected a JSON object');
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new ApiError(400, { error: 'invalid_encoding', message: 'request body is not valid UTF-8' });
  }
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
    throw invalidJson(`request body nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels`);
  }
  try {
    return sjson.parse(text, null, { protoAction: 'error', constructorAction: 'error' });
  } catch (err) {
    const message = (err as Error).message;
    if (/forbidden (prototype|constructor) property/.test(message)) {
      throw invalidJson(FORBIDDEN_KEY);
    }
    throw invalidJson(`request body is not valid JSON: ${message}`);
  }
}

/** Registers the strict parser for `application/json` on a route scope. */
export function addJsonParser(api: FastifyInstance): void {
  api.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, raw, done) => {
    try {
      done(null, parseJsonBody(raw as Buffer));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
}
