import { describe, expect, it } from '@jest/globals';
import type { SenderEvidence } from './sender-auth.js';
import { aligned, authenticateSender, unauthenticatedReason } from './sender-auth.js';

const TRUSTED = ['mx.shop.test'];

/** The verdict for a message from `fromDomain` whose headers, top first, are these Authentication-Results. */
function verdict(authResults: string[], evidence: Partial<SenderEvidence> = {}, trusted = TRUSTED) {
  return authenticateSender(
    { authResults, fromDomain: 'example.com', fromAmbiguous: false, ...evidence },
    trusted,
  );
}

describe('authenticateSender', () => {
  it('passes DMARC for the From domain, or DKIM or SPF aligned with it', () => {
    expect(verdict(['mx.shop.test; dmarc=pass header.from=Example.com'])).toEqual({
      authenticated: true,
      by: 'dmarc',
    });
    expect(verdict(['mx.shop.test; dkim=pass header.d=example.com'])).toEqual({
      authenticated: true,
      by: 'dkim',
    });
    expect(verdict(['mx.shop.test; dkim=pass header.i=support@mail.example.com'])).toEqual({
      authenticated: true,
      by: 'dkim',
    });
    // An email service's bounce domain under the sender's own domain is aligned (relaxed, as DMARC).
    expect(verdict(['mx.shop.test; spf=pass smtp.mailfrom=bounce+x@em123.example.com'])).toEqual({
      authenticated: true,
      by: 'spf',
    });
  });

  it('refuses a pass for another domain, a DMARC pass for another From, a DMARC fail, and no pass at all', () => {
    const reason = (r: ReturnType<typeof verdict>) => (r.authenticated ? r.by : r.reason);
    // Anyone can have SPF and DKIM pass for their own domain while writing someone else's in From.
    expect(
      reason(
        verdict(['mx.shop.test; spf=pass smtp.mailfrom=x@attacker.test; dkim=pass header.d=attacker.test']),
      ),
    ).toBe('no_aligned_pass');
    expect(reason(verdict(['mx.shop.test; dmarc=pass header.from=attacker.test']))).toBe('no_aligned_pass');
    expect(reason(verdict(['mx.shop.test; dmarc=pass']))).toBe('no_aligned_pass');
    // A domain that asks for strict alignment fails DMARC even with a relaxed-aligned DKIM pass.
    expect(
      reason(
        verdict(['mx.shop.test; dkim=pass header.d=mail.example.com; dmarc=fail header.from=example.com']),
      ),
    ).toBe('dmarc_fail');
    for (const result of ['fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'policy']) {
      expect(
        reason(
          verdict([
            `mx.shop.test; spf=${result} smtp.mailfrom=example.com; dkim=${result} header.d=example.com`,
          ]),
        ),
      ).toBe('no_aligned_pass');
    }
    expect(reason(verdict(['mx.shop.test; none']))).toBe('no_aligned_pass');
  });

  it('reads only the topmost header of a trusted host: others and any below it can be written by the sender', () => {
    const forged = 'mx.shop.test; dmarc=pass header.from=example.com';
    // The trusted host found nothing; a copy of its header further down, written by the sender, is ignored.
    expect(verdict(['mx.shop.test; dkim=none; spf=softfail smtp.mailfrom=example.com', forged])).toEqual({
      authenticated: false,
      reason: 'no_aligned_pass',
    });
    // Results from any other host are ignored, above or below.
    expect(verdict(['relay.shop.test; dmarc=pass header.from=example.com'])).toEqual({
      authenticated: false,
      reason: 'no_results',
    });
    expect(
      verdict([
        'mx.other.test; dmarc=pass header.from=example.com',
        'MX.SHOP.TEST; dmarc=fail header.from=example.com',
      ]),
    ).toEqual({ authenticated: false, reason: 'dmarc_fail' });
    expect(verdict([])).toEqual({ authenticated: false, reason: 'no_results' });
  });

  it('authenticates no one without a trusted host, or when From is ambiguous', () => {
    const pass = ['mx.shop.test; dmarc=pass header.from=example.com'];
    expect(verdict(pass, {}, [])).toEqual({ authenticated: false, reason: 'no_trusted_host' });
    expect(verdict(pass, { fromAmbiguous: true })).toEqual({
      authenticated: false,
      reason: 'ambiguous_from',
    });
    expect(verdict(pass, {}, ['mx1.shop.test', 'MX.shop.test'])).toEqual({
      authenticated: true,
      by: 'dmarc',
    });
  });
});

describe('aligned', () => {
  it('compares organisational domains under the Public Suffix List, private suffixes included', () => {
    expect(aligned('mail.example.co.uk', 'Example.CO.UK.')).toBe(true);
    expect(aligned('evil.co.uk', 'victim.co.uk')).toBe(false);
    expect(aligned('co.uk', 'victim.co.uk')).toBe(false);
    expect(aligned('bob.github.io', 'alice.github.io')).toBe(false);
    expect(aligned('xn--bcher-kva.example', 'bücher.example')).toBe(true);
    expect(aligned('', 'example.com')).toBe(false);
    expect(aligned('example.com', 'example.net')).toBe(false);
  });
});

describe('unauthenticatedReason', () => {
  it('is the reason under require, and nothing when the policy is off or the sender passed', () => {
    const failed = { authenticated: false, reason: 'no_results' } as const;
    expect(unauthenticatedReason('require', failed)).toBe('no_results');
    expect(unauthenticatedReason('off', failed)).toBeNull();
    expect(unauthenticatedReason('require', { authenticated: true, by: 'spf' })).toBeNull();
  });
});
