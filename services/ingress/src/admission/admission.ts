import { UnavailableError } from '../http/unavailable.js';
import { Semaphore } from './semaphore.js';

export interface AdmissionLimits {
  /** Requests served at once by the whole server; one more is refused with 429 at once. */
  maxInFlight: number;
  /** Requests one client (an API key, a chat session, one webhook sender's address) may have in flight. */
  maxInFlightPerClient: number;
  /**
   * Requests one route group may have in flight (groups that admit callers before knowing who they are, such
   * as a signed webhook): a flood there leaves the rest of the server to the others.
   */
  maxInFlightPerRoute: number;
  /** Credential checks one network address may have running at once (each may look a key up). */
  maxAuthPerAddress: number;
  /** Requests doing database work at once: the pool size, so admitted work never queues inside the pool. */
  dbConcurrency: number;
  /** Database slots one client may hold at once (a share of `dbConcurrency`), so others keep some. */
  dbConcurrencyPerClient: number;
  /** Longest wait for a database slot before the request is refused with 503. */
  dbWaitMs: number;
}

/** Why a request was not admitted: the whole server, its client or its route group is at its bound. */
export type Refusal = { refused: 'server' | 'client' | 'route' | 'address'; limit: number };

export type Release = () => void;

/** Counts per name (client, route, address), forgetting names that drop to zero. */
class Counts {
  private readonly held = new Map<string, number>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.held.size;
  }

  count(name: string): number {
    return this.held.get(name) ?? 0;
  }

  full(name: string): boolean {
    return this.count(name) >= this.capacity;
  }

  take(name: string): void {
    this.held.set(name, this.count(name) + 1);
  }

  give(name: string): void {
    const n = this.count(name) - 1;
    if (n <= 0) this.held.delete(name);
    else this.held.set(name, n);
  }
}

/**
 * Admission control at the edge. Who a request is for is known before its body is read (the key, session
 * or signature header), so it is admitted per client: a client over its own bound is refused (429) while
 * others are still served, and a route group that takes unauthenticated callers (a webhook) has a bound of its
 * own. Under those, the server-wide bound caps the total, and a second bound caps how many admitted requests
 * use the database at once and how long one may wait for its turn (503). Credential checks come before
 * admission, so they are bounded per network address instead.
 */
export class Admission {
  private readonly total: Semaphore;
  private readonly clients: Counts;
  private readonly routes: Counts;
  private readonly addresses: Counts;
  private readonly dbSlots: Semaphore;
  /** Each client's own share of the database slots, so one busy client leaves connections to the others. */
  private readonly dbShares = new Map<string, Semaphore>();
  private readonly dbShare: number;

  constructor(readonly limits: AdmissionLimits) {
    this.total = new Semaphore(limits.maxInFlight);
    this.clients = new Counts(limits.maxInFlightPerClient);
    this.routes = new Counts(limits.maxInFlightPerRoute);
    this.addresses = new Counts(limits.maxAuthPerAddress);
    this.dbSlots = new Semaphore(limits.dbConcurrency);
    this.dbShare = Math.min(limits.dbConcurrency, Math.max(1, limits.dbConcurrencyPerClient));
  }

  get inFlightCount(): number {
    return this.total.inUse;
  }

  get dbWaiting(): number {
    return this.dbSlots.waiting;
  }

  clientCount(client: string): number {
    return this.clients.count(client);
  }

  /**
   * Admits a request of `client` (in route group `route`, when the group has its own bound): a release function
   * (safe to call more than once), or what refused it.
   */
  enter(client: string, route?: string): Release | Refusal {
    if (this.clients.full(client)) return { refused: 'client', limit: this.clients.capacity };
    if (route !== undefined && this.routes.full(route))
      return { refused: 'route', limit: this.routes.capacity };
    if (!this.total.tryAcquire()) return { refused: 'server', limit: this.limits.maxInFlight };
    this.clients.take(client);
    if (route !== undefined) this.routes.take(route);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.clients.give(client);
      if (route !== undefined) this.routes.give(route);
      this.total.release();
    };
  }

  /** Runs a credential check for `address` within its bound, or says it is refused. */
  async authenticate<T>(address: string, check: () => Promise<T>): Promise<T | Refusal> {
    if (this.addresses.full(address)) return { refused: 'address', limit: this.addresses.capacity };
    this.addresses.take(address);
    try {
      return await check();
    } finally {
      this.addresses.give(address);
    }
  }

  /**
   * Runs `client`'s database work in a slot, within the client's share of the slots; a slot not free within
   * `dbWaitMs` is an UnavailableError (503).
   */
  async db<T>(client: string, work: () => Promise<T>): Promise<T> {
    const started = Date.now();
    let share = this.dbShares.get(client);
    if (!share) this.dbShares.set(client, (share = new Semaphore(this.dbShare)));
    const unavailable = () =>
      new UnavailableError(`no database connection free within ${this.limits.dbWaitMs} ms`);
    try {
      if (!(await share.acquire(this.limits.dbWaitMs))) throw unavailable();
      try {
        const left = Math.max(0, this.limits.dbWaitMs - (Date.now() - started));
        if (!(await this.dbSlots.acquire(left))) throw unavailable();
        try {
          return await work();
        } finally {
          this.dbSlots.release();
        }
      } finally {
        share.release();
      }
    } finally {
      if (share.inUse === 0 && share.waiting === 0) this.dbShares.delete(client);
    }
  }
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && 'refused' in value;
}
