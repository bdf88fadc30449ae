// A small client for Shopify's Admin GraphQL API over plain fetch: one POST per operation with the
// X-Shopify-Access-Token header, waiting out rate limits (HTTP 429 with Retry-After, or a THROTTLED error
// with the cost extension's throttle status) before trying again.

export interface ShopifyClientConfig {
  /** e.g. `https://my-shop.myshopify.com` (a test server's address in tests). */
  shopUrl: string;
  accessToken: string;
  /** Admin API version; `orderCancel`'s `refundMethod` needs 2025-07 or later. */
  apiVersion?: string;
  /** Attempts per operation, rate-limited ones included. */
  maxAttempts?: number;
  /** Per-attempt deadline. */
  timeoutMs?: number;
  /** Waits between attempts; tests pass one that records instead of sleeping. */
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_API_VERSION = '2025-10';

interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

interface GraphqlResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
  extensions?: { cost?: { requestedQueryCost?: number; throttleStatus?: ThrottleStatus } };
}

/** Shopify answered with something other than data: a transport, auth or GraphQL error. */
export class ShopifyError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ShopifyError';
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class ShopifyClient {
  private readonly endpoint: string;
  private readonly maxAttempts: number;
  private readonly timeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** The bucket as of the last response, to wait before a request that would be throttled anyway. */
  private bucket: ThrottleStatus | null = null;

  constructor(private readonly config: ShopifyClientConfig) {
    const base = config.shopUrl.replace(/\/+$/, '');
    this.endpoint = `${base}/admin/api/${config.apiVersion ?? DEFAULT_API_VERSION}/graphql.json`;
    this.maxAttempts = config.maxAttempts ?? 5;
    this.timeoutMs = config.timeoutMs ?? 15_000;
    this.sleep = config.sleep ?? defaultSleep;
  }

  /**
   * Runs one query or mutation and returns its `data`. Only rate-limited attempts are repeated: Shopify did
   * not run those, so a mutation is never sent twice after it may have been applied.
   */
  async request<T>(query: string, variables: Record<string, unknown> = {}, expectedCost = 10): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      await this.waitForBucket(expectedCost);
      let response: Response;
      try {
        response = await fetch(this.endpoint, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Accept: 'application/json',
            'X-Shopify-Access-Token': this.config.accessToken,
          },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (err) {
        throw new ShopifyError(`Shopify could not be reached: ${(err as Error).message}`);
      }
      if (response.status === 429) {
        await response.body?.cancel();
        if (attempt >= this.maxAttempts)
          throw new ShopifyError('Shopify kept rate-limiting the request', 429);
        await this.sleep(retryAfterMs(response.headers.get('retry-after')));
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new ShopifyError(`Shopify answered HTTP ${response.status}`, response.status);
      }
      let body: GraphqlResponse<T>;
      try {
        body = (await response.json()) as GraphqlResponse<T>;
      } catch {
        throw new ShopifyError('Shopify answered with a body that is not JSON', response.status);
      }
      const cost = body.extensions?.cost;
      if (cost?.throttleStatus) this.bucket = cost.throttleStatus;
      const throttled = body.errors?.some((e) => e.extensions?.code === 'THROTTLED');
      if (throttled) {
        if (attempt >= this.maxAttempts) throw new ShopifyError('Shopify kept throttling the request', 200);
        await this.sleep(refillMs(cost?.throttleStatus, cost?.requestedQueryCost ?? expectedCost));
        // That wait was for this very request: do not wait for the same points again before sending it.
        this.bucket = null;
        continue;
      }
      if (body.errors && body.errors.length > 0) {
        throw new ShopifyError(
          `Shopify refused the operation: ${body.errors.map((e) => e.message).join('; ')}`,
        );
      }
      if (!body.data) throw new ShopifyError('Shopify answered without data');
      return body.data;
    }
  }

  private async waitForBucket(cost: number): Promise<void> {
    if (!this.bucket || this.bucket.currentlyAvailable >= cost) return;
    const wait = refillMs(this.bucket, cost);
    // Assume the bucket refilled while waiting; the next response says what it really holds.
    this.bucket = { ...this.bucket, currentlyAvailable: cost };
    await this.sleep(wait);
  }
}

/** Retry-After in seconds (Shopify sends e.g. "2.0"); one second when absent or unreadable. */
function retryAfterMs(header: string | null): number {
  const seconds = header === null ? Number.NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : 1000;
}

/** How long until the bucket holds `cost` points again. */
function refillMs(status: ThrottleStatus | undefined, cost: number): number {
  if (!status || status.restoreRate <= 0) return 1000;
  const missing = Math.max(0, cost - status.currentlyAvailable);
  return Math.ceil((missing / status.restoreRate) * 1000);
}
