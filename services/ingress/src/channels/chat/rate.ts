/**
 * A token bucket per name (a network address): `perMinute` tokens refilled evenly, a burst of as many. Names
 * whose bucket is full again are forgotten, so the map holds only recently active addresses.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes a token for `name`: 0 when granted, else the milliseconds until one is available. */
  take(name: string): number {
    const now = this.now();
    this.sweep(now);
    const rate = this.perMinute / 60_000;
    const bucket = this.buckets.get(name) ?? { tokens: this.perMinute, at: now };
    const tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * rate);
    if (tokens >= 1) {
      this.buckets.set(name, { tokens: tokens - 1, at: now });
      return 0;
    }
    this.buckets.set(name, { tokens, at: now });
    return Math.ceil((1 - tokens) / rate);
  }

  get size(): number {
    return this.buckets.size;
  }

  private sweep(now: number): void {
    // Cheap enough on every call at chat-session rates; a bucket refilled to full carries no state.
    if (this.buckets.size < 1024) return;
    const rate = this.perMinute / 60_000;
    for (const [name, b] of this.buckets)
      if (b.tokens + (now - b.at) * rate >= this.perMinute) this.buckets.delete(name);
  }
}
