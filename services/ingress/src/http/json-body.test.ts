import { describe, expect, it } from '@jest/globals';
import { ApiError } from './errors.js';
import { jsonDepthExceeds, MAX_JSON_DEPTH, parseJsonBody } from './json-body.js';

function failure(raw: Buffer | string): { status: number; error: string; message: string } {
  try {
    parseJsonBody(typeof raw === 'string' ? Buffer.from(raw) : raw);
  } catch (err) {
    if (err instanceof ApiError) return { status: err.statusCode, ...err.body };
    throw err;
  }
  throw new Error('expected the body to be refused');
}

describe('parseJsonBody', () => {
  it('parses a ticket', () => {
    expect(parseJsonBody(Buffer.from('{"customer":{"email":"a@b.co"},"body":"hi ✓"}'))).toEqual({
      customer: { email: 'a@b.co' },
      body: 'hi ✓',
    });
  });

  it('refuses invalid UTF-8 instead of storing replacement characters', () => {
    const raw = Buffer.concat([Buffer.from('{"body":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    expect(failure(raw)).toEqual({
      status: 400,
      error: 'invalid_encoding',
      message: 'request body is not valid UTF-8',
    });
  });

  it('refuses nesting past the limit without recursing, and counts brackets inside strings as text', () => {
    expect(failure(`${'['.repeat(10_000)}${']'.repeat(10_000)}`).message).toBe(
      `request body nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels`,
    );
    expect(jsonDepthExceeds('{"a":"[[[[[[[[[[\\"[[[["}', 3)).toBe(false);
    expect(jsonDepthExceeds('{"a":[[[1]]]}', 3)).toBe(true);
    expect(jsonDepthExceeds('{"a":[[1]]}', 3)).toBe(false);
  });

  it('refuses prototype keys and names them', () => {
    const forbidden = 'request body contains a forbidden "__proto__" or "constructor.prototype" key';
    expect(failure('{"__proto__":{"polluted":true},"body":"x"}').message).toBe(forbidden);
    expect(failure('{"customer":{"constructor":{"prototype":{"polluted":true}}}}').message).toBe(forbidden);
    // A plain "constructor" field is only data (the schema drops unknown fields).
    expect(parseJsonBody(Buffer.from('{"constructor":"x"}'))).toEqual({ constructor: 'x' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names empty and malformed bodies', () => {
    expect(failure('').message).toBe('request body is empty; expected a JSON object');
    expect(failure('{"body": "hi",')).toMatchObject({ status: 400, error: 'invalid_json' });
    expect(failure('{"body": "hi",').message).toMatch(/^request body is not valid JSON: /);
  });
});
