import { describe, expect, it } from '@jest/globals';
import { signPayload, verifySignature } from './webhook.js';

describe('webhook signatures', () => {
  const secret = 'whsec_0123456789abcdef';
  const body = '{"type":"handoff.sla_breached"}';
  const at = new Date('2026-01-05T10:00:00Z');

  it('signs the timestamp and body with HMAC-SHA256 and verifies them', () => {
    const header = signPayload(secret, body, at);
    expect(header).toMatch(/^t=1767607200,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, body, header, at)).toBe(true);
  });

  it('refuses another body, another secret, a stale timestamp and a malformed header', () => {
    const header = signPayload(secret, body, at);
    expect(verifySignature(secret, `${body} `, header, at)).toBe(false);
    expect(verifySignature('whsec_another_secret', body, header, at)).toBe(false);
    expect(verifySignature(secret, body, header, new Date(at.getTime() + 301_000))).toBe(false);
    expect(verifySignature(secret, body, 'v1=abc', at)).toBe(false);
    expect(verifySignature(secret, body, undefined, at)).toBe(false);
  });
});
