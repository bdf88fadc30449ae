import { UnavailableError } from '../http/unavailable.js';
import { Semaphore } from './semaphore.js';

export interface AdmissionLimits {
  /** Requests served at once; one more is refused with 429 at once. */
  maxInFlight: number;
  /** Requests doing database work at once: the pool size, so admitted work never queues inside the pool. */
  dbConcurrency: number;
  /** Longest wait for a database slot before the request is refused with 503. */
  dbWaitMs: number;
}

/**
 * Admission control at the edge, in two bounds. The first caps how many requests are in flight (429
 * beyond it, without touching the database); the second caps how many of those use the database at
 * once and how long one may wait for its turn (503 beyond it). Together they keep a burst from turning
 * into a queue of requests that time out after their work may already have committed.
 */
export class Admission {
  private readonly inFlight: Semaphore;
  private readonly dbSlots: Semaphore;

  constructor(readonly limits: AdmissionLimits) {
    this.inFlight = new Semaphore(limits.maxInFlight);
    this.dbSlots = new Semaphore(limits.dbConcurrency);
  }

  get inFlightCount(): number {
    return this.inFlight.inUse;
  }

  get dbWaiting(): number {
    return this.dbSlots.waiting;
  }

  /** A release function for an admitted request (safe to call more than once), or null when full. */
  enter(): (() => void) | null {
    if (!this.inFlight.tryAcquire()) return null;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight.release();
    };
  }

  /** Runs database work in a slot; a slot not free within `dbWaitMs` is an UnavailableError (503). */
  async db<T>(work: () => Promise<T>): Promise<T> {
    if (!(await this.dbSlots.acquire(this.limits.dbWaitMs))) {
      throw new UnavailableError(`no database connection free within ${this.limits.dbWaitMs} ms`);
    }
    try {
      return await work();
    } finally {
      this.dbSlots.release();
    }
  }
}
