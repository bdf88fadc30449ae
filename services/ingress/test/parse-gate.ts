import type { ParseWorkerModule } from '../src/channels/email/parse-pool.js';

/** Slots of the gate's shared counters: parses waiting at the gate, and permits to pass it. */
export const HELD = 0;
export const PERMITS = 1;

/**
 * Holds email parses inside their worker thread, as a long CPU-bound parse would, until the test lets them
 * go: a deterministic "a parse is in flight right now" for tests (see `gated-parse-worker.ts`). Messages
 * with `X-Test-Parse: hold` wait at the gate; `spin` never finishes; `exit` ends its worker mid-parse; `throw`
 * fails as a parser bug would.
 */
export class ParseGate {
  private readonly state = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));

  /** The worker module to give the pool or the service (`emailParseWorker`). */
  readonly worker: ParseWorkerModule = {
    entry: new URL('./gated-parse-worker.ts', import.meta.url),
    data: this.state.buffer,
  };

  /** Parses waiting at the gate now. */
  get held(): number {
    return Atomics.load(this.state, HELD);
  }

  /** Lets `count` waiting (or future) parses through. */
  release(count = 1): void {
    Atomics.add(this.state, PERMITS, count);
    Atomics.notify(this.state, PERMITS);
  }
}
