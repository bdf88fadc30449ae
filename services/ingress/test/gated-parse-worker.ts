// A parse worker for tests: the real parser, except for messages with an `X-Test-Parse` header (see
// `parse-gate.ts`). Holding blocks the worker thread itself, so anything that still answers meanwhile is
// not waiting on the parse.
import { workerData } from 'node:worker_threads';
import { parseEmail } from '../src/channels/email/parse.js';
import type { ParseWorkerData } from '../src/channels/email/parse-worker.js';
import { serveParses } from '../src/channels/email/parse-worker.js';
import { HELD, PERMITS } from './parse-gate.js';

const state = new Int32Array((workerData as ParseWorkerData).data as SharedArrayBuffer);

function waitAtGate(): void {
  Atomics.add(state, HELD, 1);
  for (;;) {
    const permits = Atomics.load(state, PERMITS);
    if (permits > 0 && Atomics.compareExchange(state, PERMITS, permits, permits - 1) === permits) break;
    Atomics.wait(state, PERMITS, permits);
  }
  Atomics.sub(state, HELD, 1);
}

serveParses(async (raw, options) => {
  const mode = /^X-Test-Parse: (\w+)\r?$/m.exec(raw.subarray(0, 8192).toString('latin1'))?.[1];
  if (mode === 'hold') waitAtGate();
  if (mode === 'spin') {
    // Busy forever (the permits never drop below zero), as a parse stuck in a loop: only termination ends it.
    while (Atomics.load(state, PERMITS) >= 0) continue;
  }
  if (mode === 'exit') process.exit(70);
  if (mode === 'throw') throw new TypeError('a parser bug, quoting the message: yara.li6570@example.com');
  return parseEmail(raw, options);
});
