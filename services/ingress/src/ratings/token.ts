import { createHmac, timingSafeEqual } from 'node:crypto';

// A rating link's token: `<payload>.<signature>`, both base64url. The payload is the reply id and the unix second
// the link expires; the signature is the first 16 bytes (128 bits) of an HMAC-SHA256 over the encoded payload
// with the deployment's secret, so a link cannot be guessed, made for another reply, or extended. Short enough
// for an SMS.

const SIG_BYTES = 16;
const MAX_TOKEN_CHARS = 400;
const TOKEN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export type TokenCheck =
  | { ok: true; replyId: string; expiresAt: Date }
  | { ok: false; status: 400 | 403 | 410; error: string; message: string };

function signature(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(`parley-rating-v1:${payload}`).digest().subarray(0, SIG_BYTES);
}

export function signRatingToken(secret: string, replyId: string, expiresAt: Date): string {
  const payload = Buffer.from(`${replyId}\n${Math.floor(expiresAt.getTime() / 1000)}`).toString('base64url');
  return `${payload}.${signature(secret, payload).toString('base64url')}`;
}

/** Checks shape, then signature, then expiry: an expired link is told apart only once it is known to be ours. */
export function verifyRatingToken(secret: string, token: string, now: Date): TokenCheck {
  if (token.length > MAX_TOKEN_CHARS || !TOKEN.test(token))
    return { ok: false, status: 400, error: 'invalid_token', message: 'the rating link is malformed' };
  const [payload, sig] = token.split('.') as [string, string];
  const given = Buffer.from(sig, 'base64url');
  const expected = signature(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return {
      ok: false,
      status: 403,
      error: 'invalid_signature',
      message: 'the rating link was not issued by this service',
    };
  const [replyId, seconds] = Buffer.from(payload, 'base64url').toString('utf8').split('\n');
  if (!replyId || !seconds || !/^\d{1,12}$/.test(seconds))
    return { ok: false, status: 400, error: 'invalid_token', message: 'the rating link is malformed' };
  const expiresAt = new Date(Number(seconds) * 1000);
  if (expiresAt.getTime() <= now.getTime())
    return {
      ok: false,
      status: 410,
      error: 'link_expired',
      message: `the rating link expired on ${expiresAt.toISOString().slice(0, 10)}`,
    };
  return { ok: true, replyId, expiresAt };
}
