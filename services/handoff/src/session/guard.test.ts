import { describe, expect, it } from '@jest/globals';
import { cookieValue, sessionCookie } from './cookies.js';
import { originAllowed } from './guard.js';
import { csrfMatches, csrfTokenFor } from './sessions.js';

describe('session cookie', () => {
  it('reads one cookie and refuses an ambiguous header', () => {
    expect(cookieValue('a=1; parley_session=ags_x; b=2', 'parley_session')).toBe('ags_x');
    expect(cookieValue('parley_session=one; parley_session=two', 'parley_session')).toBeUndefined();
    expect(cookieValue('xparley_session=ags_x', 'parley_session')).toBeUndefined();
    expect(cookieValue(undefined, 'parley_session')).toBeUndefined();
  });

  it('is HttpOnly, SameSite=Strict, scoped to the workspace, Secure behind https', () => {
    expect(sessionCookie('t', { maxAgeSeconds: 60, secure: true })).toBe(
      'parley_session=t; Path=/inbox; Max-Age=60; HttpOnly; SameSite=Strict; Secure',
    );
  });
});

describe('originAllowed', () => {
  it('takes our own host, or only the configured public origin', () => {
    expect(originAllowed('http://127.0.0.1:8085', '127.0.0.1:8085', null)).toBe(true);
    expect(originAllowed('https://inbox.example', 'inbox.example', null)).toBe(true);
    expect(originAllowed('http://127.0.0.1:9999', '127.0.0.1:8085', null)).toBe(false);
    expect(originAllowed(undefined, '127.0.0.1:8085', null)).toBe(false);
    expect(originAllowed('null', '127.0.0.1:8085', null)).toBe(false);
    expect(originAllowed('https://inbox.example', 'internal:8085', 'https://inbox.example')).toBe(true);
    expect(originAllowed('http://internal:8085', 'internal:8085', 'https://inbox.example')).toBe(false);
  });
});

describe('CSRF token', () => {
  it('is derived from the session token and compared in constant time', () => {
    const token = 'ags_abc';
    expect(csrfMatches(token, csrfTokenFor(token))).toBe(true);
    expect(csrfMatches(token, csrfTokenFor('ags_other'))).toBe(false);
    expect(csrfMatches(token, undefined)).toBe(false);
    expect(csrfMatches(token, 'short')).toBe(false);
  });
});
