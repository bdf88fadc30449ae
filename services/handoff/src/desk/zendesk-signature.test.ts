import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { zendeskSignature, zendeskSignatureValid } from './zendesk-signature.js';

describe('Zendesk webhook signatures', () => {
  const secret = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3RpbmdfcHVycG9zZXNfb25seQ==';
  const body = '{"ticket_id":"42"}';
  const timestamp = '2026-01-05T10:00:00Z';
  const at = new Date(timestamp);

  it('is base64(HMAC-SHA256(timestamp + body)), as Zendesk documents it', () => {
    const expected = createHmac('sha256', secret).update(`${timestamp}${body}`).digest('base64');
    expect(zendeskSignature(secret, timestamp, body)).toBe(expected);
    expect(zendeskSignatureValid(secret, body, expected, timestamp, at)).toBe(true);
  });

  it('refuses another body, secret or timestamp, a stale one, and missing headers', () => {
    const sig = zendeskSignature(secret, timestamp, body);
    expect(zendeskSignatureValid(secret, '{"ticket_id":"43"}', sig, timestamp, at)).toBe(false);
    expect(zendeskSignatureValid('another', body, sig, timestamp, at)).toBe(false);
    expect(zendeskSignatureValid(secret, body, sig, '2026-01-05T10:00:01Z', at)).toBe(false);
    expect(zendeskSignatureValid(secret, body, sig, timestamp, new Date(at.getTime() + 301_000))).toBe(false);
    expect(zendeskSignatureValid(secret, body, undefined, timestamp, at)).toBe(false);
    expect(zendeskSignatureValid(secret, body, sig, 'yesterday', at)).toBe(false);
  });
});
