import { performance } from 'node:perf_hooks';

export interface EventLoopLimits {
  /** A loop late by more than this is unhealthy. */
  maxLagMs: number;
  /** How long /healthz keeps reporting a stall after the loop has caught up, so a probe that was
   * answered late (the loop was blocked) still learns of it. */
  holdMs: number;
}

export const DEFAULT_EVENT_LOOP_LIMITS: EventLoopLimits = { maxLagMs: 10_000, holdMs: 30_000 };

const SAMPLE_MS = 100;

export interface EventLoopStatus {
  healthy: boolean;
  /** The worst lag behind the verdict, in ms. */
  lagMs: number;
}

/**
 * Watches how late a timer runs: a timer due every 100 ms that runs late by N ms means the loop was blocked
 * for about N ms. Unref'd, so it never keeps the process alive; `stop()` ends it.
 */
export class EventLoopWatch {
  private last = performance.now();
  private stalledUntil = 0;
  private worstMs = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly limits: EventLoopLimits = DEFAULT_EVENT_LOOP_LIMITS) {
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
    this.timer.unref();
  }

  private lateBy(now: number): number {
    return Math.max(0, now - this.last - SAMPLE_MS);
  }

  private sample(): void {
    const now = performance.now();
    const lag = this.lateBy(now);
    this.last = now;
    if (lag > this.limits.maxLagMs) {
      this.stalledUntil = now + this.limits.holdMs;
      this.worstMs = lag;
    }
  }

  status(): EventLoopStatus {
    const now = performance.now();
    // The sampler may not have run yet since the loop came back: its lateness right now counts too.
    const current = this.lateBy(now);
    if (current > this.limits.maxLagMs) return { healthy: false, lagMs: current };
    if (now < this.stalledUntil) return { healthy: false, lagMs: this.worstMs };
    return { healthy: true, lagMs: current };
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
