interface Waiter {
  grant: () => void;
  timer: NodeJS.Timeout;
}

/**
 * A counting semaphore whose waiters give up after a bounded wait, so overload turns into a quick refusal
 * instead of a queue that grows until clients time out. Waiters are served first come, first served.
 */
export class Semaphore {
  private held = 0;
  private readonly queue: Waiter[] = [];

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`semaphore capacity must be a positive integer (got ${capacity})`);
    }
  }

  get inUse(): number {
    return this.held;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** Takes a permit if one is free right now; never waits. */
  tryAcquire(): boolean {
    if (this.held >= this.capacity) return false;
    this.held++;
    return true;
  }

  /** Resolves true with a permit, or false once `timeoutMs` passed without one. */
  acquire(timeoutMs: number): Promise<boolean> {
    if (this.queue.length === 0 && this.tryAcquire()) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(waiter.timer);
          resolve(true);
        },
        timer: setTimeout(() => {
          const at = this.queue.indexOf(waiter);
          if (at >= 0) this.queue.splice(at, 1);
          resolve(false);
        }, timeoutMs),
      };
      this.queue.push(waiter);
    });
  }

  /** Returns a permit; a waiting caller receives it directly (the count does not drop in between). */
  release(): void {
    if (this.held === 0) throw new Error('semaphore released more often than acquired');
    const next = this.queue.shift();
    if (next) next.grant();
    else this.held--;
  }
}
