import { describe, expect, it } from '@jest/globals';
import { domainOf, parseAuthenticationResults } from './auth-results.js';

describe('parseAuthenticationResults', () => {
  it("reads a receiving host's results with their comments, properties and folded lines", () => {
    const gmail = [
      'mx.google.com;',
      '       dkim=pass header.i=@example.com header.s=20230601 header.b=Ab1+cD/e;',
      '       spf=pass (google.com: domain of yara@example.com designates 209.85.220.41 as permitted sender;',
      '         smtp.mailfrom=x@evil.test is a comment) smtp.mailfrom=yara@example.com;',
      '       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=example.com',
    ].join(' ');
    expect(parseAuthenticationResults(gmail)).toEqual({
      authservId: 'mx.google.com',
      results: [
        {
          method: 'dkim',
          result: 'pass',
          props: { 'header.i': '@example.com', 'header.s': '20230601', 'header.b': 'Ab1+cD/e' },
        },
        { method: 'spf', result: 'pass', props: { 'smtp.mailfrom': 'yara@example.com' } },
        { method: 'dmarc', result: 'pass', props: { 'header.from': 'example.com' } },
      ],
    });
  });

  it('takes the grammar as RFC 8601 writes it: versions, spaces around "=", quoted values, reasons, none', () => {
    expect(
      parseAuthenticationResults(
        'MX.Example.ORG 1; dkim/1 = Pass reason="good; signature (really)" header.d = "shop.test"; ' +
          'spf=fail smtp.mailfrom=shop.test action=none',
      ),
    ).toEqual({
      authservId: 'mx.example.org',
      results: [
        { method: 'dkim', result: 'pass', props: { 'header.d': 'shop.test' } },
        { method: 'spf', result: 'fail', props: { 'smtp.mailfrom': 'shop.test' } },
      ],
    });
    expect(parseAuthenticationResults('mx.example.org; none')).toEqual({
      authservId: 'mx.example.org',
      results: [],
    });
    // A header that starts with a result names no host (as some providers write it): it is no one's.
    expect(parseAuthenticationResults('spf=pass smtp.mailfrom=shop.test; dkim=pass')).toBeNull();
    expect(parseAuthenticationResults('  (only a comment)  ')).toBeNull();
  });

  it('keeps the first of a repeated property and reads unbalanced input without failing', () => {
    expect(
      parseAuthenticationResults('mx.example.org; dkim=pass header.d=a.test header.d=b.test (unclosed'),
    ).toEqual({
      authservId: 'mx.example.org',
      results: [{ method: 'dkim', result: 'pass', props: { 'header.d': 'a.test' } }],
    });
    expect(
      parseAuthenticationResults('mx.example.org; dkim=pass header.d="unclosed; spf=pass'),
    ).toMatchObject({
      results: [{ method: 'dkim', result: 'pass' }],
    });
  });
});

describe('domainOf', () => {
  it('reads the domain of an address, an @domain or a domain', () => {
    expect(domainOf('Yara@Example.COM')).toBe('example.com');
    expect(domainOf('@mail.example.com')).toBe('mail.example.com');
    expect(domainOf('example.com')).toBe('example.com');
    expect(domainOf(undefined)).toBe('');
  });
});
