import { describe, expect, it } from '@jest/globals';
import { headerProblem } from './headers.js';

describe('headerProblem', () => {
  it('accepts one authorization and one JSON content type, with or without a UTF-8 charset', () => {
    const raw = ['Authorization', 'Bearer k', 'Content-Type', 'application/json; charset=UTF-8'];
    expect(headerProblem(raw, { 'content-type': 'application/json; charset=UTF-8' })).toBeNull();
    expect(headerProblem([], {})).toBeNull();
  });

  it('refuses a repeated authorization or content-type header, naming it', () => {
    const raw = ['content-type', 'application/json', 'Content-Type', 'text/plain'];
    expect(headerProblem(raw, { 'content-type': 'application/json' })?.body).toEqual({
      error: 'duplicate_header',
      message: 'the content-type header must be sent once (got 2)',
    });
    const auth = ['Authorization', 'Bearer a', 'authorization', 'Bearer b'];
    expect(headerProblem(auth, {})?.statusCode).toBe(400);
  });

  it('refuses a charset other than UTF-8 with 415', () => {
    const problem = headerProblem([], { 'content-type': 'application/json; charset="utf-16"' });
    expect(problem?.statusCode).toBe(415);
    expect(problem?.body.message).toBe('Content-Type charset must be utf-8 (got utf-16)');
  });
});
