import { createHmac, timingSafeEqual } from 'node:crypto';

export const ZENDESK_SIGNATURE = 'x-zendesk-webhook-signature';
export const ZENDESK_TIMESTAMP = 'x-zendesk-webhook-signature-timestamp';

/** Zendesk's webhook signature: base64(HMAC-SHA256(secret, timestamp + body)). */
export function zendeskSignature(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret)
    .update(timestamp + body, 'utf8')
    .digest('base64');
}

/**
 * A webhook is Zendesk's when its signature matches the body and timestamp, and the timestamp is recent (a
 * replayed request is refused). Compared in constant time.
 */
export function zendeskSignatureValid(
  secret: string,
  body: string,
  signature: string | undefined,
  timestamp: string | undefined,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  if (!signature || !timestamp) return false;
  const at = Date.parse(timestamp);
  if (Number.isNaN(at) || Math.abs(now.getTime() - at) > toleranceSeconds * 1000) return false;
  const expected = Buffer.from(zendeskSignature(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
