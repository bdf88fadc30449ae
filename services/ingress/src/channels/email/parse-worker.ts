import { parentPort, workerData } from 'node:worker_threads';
import { InvalidInput } from '../invalid-input.js';
import type { InboundEmail, ParseOptions } from './parse.js';
import { EmailLimitExceeded } from './limits.js';

/** What a parse worker is started with (`workerData`). */
export interface ParseWorkerData {
  /** The entry module's URL, which `worker-boot.mjs` loads. */
  entry: string;
  options: ParseOptions;
  /** Anything else the entry module reads (tests pass shared memory to hold a parse in flight). */
  data?: unknown;
}

export interface ParseTask {
  id: number;
  raw: Uint8Array<ArrayBuffer>;
}

/** A worker's messages: once `ready` after loading, then one answer per task. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'parsed'; id: number; mail: InboundEmail }
  | { type: 'invalid'; id: number; path: string; problem: string }
  | { type: 'limit'; id: number; path: string; problem: string }
  /** The parser threw: only the error's name and code travel (its message may quote the email). */
  | { type: 'failed'; id: number; reason: string };

export type Parse = (raw: Buffer, options: ParseOptions) => Promise<InboundEmail>;

/** Inside a parse worker: answers every task posted to it with `parse`'s outcome, then says it is ready. */
export function serveParses(parse: Parse): void {
  const port = parentPort;
  if (!port) throw new Error('serveParses runs in a worker thread');
  const { options } = workerData as ParseWorkerData;
  port.on('message', (task: ParseTask) => {
    const raw = Buffer.from(task.raw.buffer, task.raw.byteOffset, task.raw.byteLength);
    parse(raw, options).then(
      (mail) => port.postMessage({ type: 'parsed', id: task.id, mail } satisfies WorkerMessage),
      (err: unknown) => port.postMessage(refusal(task.id, err)),
    );
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
}

function refusal(id: number, err: unknown): WorkerMessage {
  if (err instanceof InvalidInput) return { type: 'invalid', id, path: err.path, problem: err.problem };
  if (err instanceof EmailLimitExceeded) return { type: 'limit', id, path: err.path, problem: err.problem };
  const code = (err as { code?: unknown } | null)?.code;
  const name = err instanceof Error ? err.name : typeof err;
  return { type: 'failed', id, reason: typeof code === 'string' ? `${name} ${code}` : name };
}
