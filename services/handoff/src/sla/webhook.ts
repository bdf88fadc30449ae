import { createHmac, timingSafeEqual } from 'node:crypto';
import { PermanentError, RetryAfterError } from '@parley/bus';

/** The header carrying the signature: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'x-parley-signature';

export function signPayload(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const mac = createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex');
  return `t=${t},v1=${mac}`;
}

/**
 * What a receiver runs: the signature is ours, over this body, and no older than `toleranceSeconds` (a replayed
 * delivery is refused). Compared in constant time.
 */
export function verifySignature(
  secret: string,
  body: string,
  header: string | undefined,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  const parts = Object.fromEntries(
    (header ?? '').split(',').map((p) => {
      const at = p.indexOf('=');
      return [p.slice(0, at).trim(), p.slice(at + 1).trim()];
    }),
  );
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) return false;
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest();
  return timingSafeEqual(expected, Buffer.from(parts.v1!, 'hex'));
}

/**
 * POSTs one signed delivery. A 2xx is done; a 4xx other than 408 and 429 will never succeed (the receiver
 * refuses it) and is permanent; 429 with `Retry-After` retries after that long; anything else (5xx, a network
 * error, the time limit) throws so the bus retries with backoff, up to the consumer's bounded deliveries.
 */
export async function postSigned(
  url: string,
  secret: string,
  body: string,
  headers: Record<string, string>,
  opts: { timeoutMs: number; now: Date },
): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'parley-handoff',
        [SIGNATURE_HEADER]: signPayload(secret, body, opts.now),
        ...headers,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
  } catch (err) {
    throw new Error(`webhook unreachable: ${(err as Error).name}`);
  }
  await res.body?.cancel().catch(() => undefined);
  if (res.ok) return;
  if (res.status === 429) {
    const seconds = Number(res.headers.get('retry-after'));
    throw new RetryAfterError(
      'webhook asked to retry later',
      Number.isFinite(seconds) ? seconds * 1000 : 30_000,
    );
  }
  if (res.status >= 400 && res.status < 500 && res.status !== 408)
    throw new PermanentError(`webhook refused the delivery with ${res.status}`);
  throw new Error(`webhook answered ${res.status}`);
}
