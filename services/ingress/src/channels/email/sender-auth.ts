import { domainToASCII } from 'node:url';
import { getDomain } from 'tldts';
import { domainOf, parseAuthenticationResults } from './auth-results.js';

/**
 * Why an email's sender is not taken to be who its From header says (codes only: they go to the timeline and
 * logs): no trusted receiving host is configured (`no_trusted_host`), that host added no results
 * (`no_results`), the message has more than one From address (`ambiguous_from`), DMARC failed (`dmarc_fail`),
 * or nothing passed for the From domain (`no_aligned_pass`).
 */
export type UnauthenticatedReason =
  'no_trusted_host' | 'no_results' | 'ambiguous_from' | 'dmarc_fail' | 'no_aligned_pass';

export type SenderAuthentication =
  | { authenticated: true; by: 'dmarc' | 'dkim' | 'spf' }
  | { authenticated: false; reason: UnauthenticatedReason };

/** `require`: only an authenticated sender is matched to a customer and threads; `off`: From is believed. */
export type SenderAuthMode = 'require' | 'off';

export interface SenderEvidence {
  /** The values of the message's Authentication-Results headers, topmost (latest added) first. */
  authResults: readonly string[];
  /** The From address's domain. */
  fromDomain: string;
  /** More than one From header, or more than one address (or a group) in it. */
  fromAmbiguous: boolean;
}

/**
 * Whether the receiving mail host vouches for the From address. Only the topmost Authentication-Results
 * header added by a trusted host (by authserv-id) is read: headers from other hosts, and any below it (added
 * before the message reached that host, which a sender can write), are ignored. The sender is authenticated by
 * DMARC pass for the From domain, or by SPF or DKIM pass for a domain aligned with it (the same organisational
 * domain, as DMARC's relaxed alignment, from the Public Suffix List); a DMARC fail wins over both, since the
 * domain's owner may ask for strict alignment.
 */
export function authenticateSender(
  evidence: SenderEvidence,
  trustedAuthservIds: readonly string[],
): SenderAuthentication {
  const trusted = new Set(trustedAuthservIds.map((id) => id.toLowerCase()));
  if (trusted.size === 0) return { authenticated: false, reason: 'no_trusted_host' };
  if (evidence.fromAmbiguous) return { authenticated: false, reason: 'ambiguous_from' };
  let found = null;
  for (const value of evidence.authResults) {
    const parsed = parseAuthenticationResults(value);
    if (parsed && trusted.has(parsed.authservId)) {
      found = parsed;
      break;
    }
  }
  if (!found) return { authenticated: false, reason: 'no_results' };

  const from = asciiDomain(evidence.fromDomain);
  const passed = (method: string) => found.results.filter((r) => r.method === method && r.result === 'pass');
  if (from && passed('dmarc').some((r) => asciiDomain(r.props['header.from'] ?? '') === from)) {
    return { authenticated: true, by: 'dmarc' };
  }
  if (found.results.some((r) => r.method === 'dmarc' && r.result === 'fail')) {
    return { authenticated: false, reason: 'dmarc_fail' };
  }
  if (passed('dkim').some((r) => aligned(r.props['header.d'] ?? domainOf(r.props['header.i']), from))) {
    return { authenticated: true, by: 'dkim' };
  }
  if (passed('spf').some((r) => aligned(domainOf(r.props['smtp.mailfrom']), from))) {
    return { authenticated: true, by: 'spf' };
  }
  return { authenticated: false, reason: 'no_aligned_pass' };
}

/** The reason an email's sender must be treated as unknown under the policy, or null when it need not be. */
export function unauthenticatedReason(
  mode: SenderAuthMode,
  authentication: SenderAuthentication,
): UnauthenticatedReason | null {
  if (mode === 'off' || authentication.authenticated) return null;
  return authentication.reason;
}

/**
 * Relaxed alignment: the same domain, or the same organisational domain (the registrable domain under the
 * Public Suffix List, private suffixes included, so two sites of one hosting service never align).
 */
export function aligned(domain: string, fromDomain: string): boolean {
  const a = asciiDomain(domain);
  const b = asciiDomain(fromDomain);
  if (!a || !b) return false;
  if (a === b) return true;
  const org = getDomain(a, { allowPrivateDomains: true });
  return org !== null && org === getDomain(b, { allowPrivateDomains: true });
}

/** Lower-case ASCII (punycode) form without a trailing dot, or '' for something that is not a domain. */
function asciiDomain(domain: string): string {
  return domainToASCII(domain.trim().replace(/\.$/, '')).toLowerCase();
}
