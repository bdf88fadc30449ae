import { Worker } from 'node:worker_threads';
import { Semaphore } from '../../admission/semaphore.js';
import { UnavailableError } from '../../http/unavailable.js';
import { InvalidInput } from '../invalid-input.js';
import { EmailLimitExceeded, EmailUnparseable } from './limits.js';
import type { InboundEmail, ParseOptions } from './parse.js';
import type { ParseTask, ParseWorkerData, WorkerMessage } from './parse-worker.js';

/** The module a parse worker runs (`serveParses` in it), and data it may read from `workerData.data`. */
export interface ParseWorkerModule {
  entry: URL;
  data?: unknown;
}

export interface ParsePoolSettings {
  /** Worker threads at most (started when first needed). */
  workers: number;
  /** Longest one parse may run before its worker is terminated, and longest wait for a free worker. */
  timeoutMs: number;
  options: ParseOptions;
  /** The real parser unless a test holds parses in flight with its own entry. */
  worker?: ParseWorkerModule;
}

const BOOT = new URL('./worker-boot.mjs', import.meta.url);
// Compiled to `dist/` this module is JavaScript and so is its worker's entry; from the sources both are TypeScript.
const PARSER = new URL(
  `./parse-worker-entry${import.meta.url.endsWith('.js') ? '.js' : '.ts'}`,
  import.meta.url,
);
/** A worker loads its modules in about a second; one that takes this long is broken, not slow. */
const BOOT_TIMEOUT_MS = 30_000;
/** The heap one worker may use: a message that needs more kills only its worker and is refused. */
export const PARSE_HEAP_MB = 512;

/** One worker thread running one parse at a time. */
class ParseThread {
  private readonly worker: Worker;
  /** Resolves once the worker loaded its modules; rejects if it died before. */
  readonly ready: Promise<void>;
  private task: { resolve: (m: WorkerMessage) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;

  constructor(data: ParseWorkerData) {
    this.worker = new Worker(BOOT, {
      workerData: data,
      resourceLimits: { maxOldGenerationSizeMb: PARSE_HEAP_MB },
    });
    // The HTTP server keeps the process alive while requests wait; an idle worker must not.
    this.worker.unref();
    let booted!: () => void;
    let bootFailed!: (err: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => {
      booted = resolve;
      bootFailed = reject;
    });
    this.ready.catch(() => undefined);
    this.worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') return booted();
      const task = this.task;
      this.task = null;
      task?.resolve(message);
    });
    const died = (err: Error) => {
      bootFailed(err);
      this.stop(err);
    };
    this.worker.on('error', died);
    this.worker.on('exit', (code) => died(new Error(`parse worker exited with code ${code}`)));
  }

  get alive(): boolean {
    return this.failure === null;
  }

  run(task: ParseTask): Promise<WorkerMessage> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.task = { resolve, reject };
      // The task's bytes are the pool's own copy: moved to the worker, not copied again.
      this.worker.postMessage(task, [task.raw.buffer]);
    });
  }

  /** Ends the worker (whatever it is doing) and fails its task with `reason`; only the first reason counts. */
  stop(reason: Error): Promise<void> {
    if (this.failure) return Promise.resolve();
    this.failure = reason;
    const task = this.task;
    this.task = null;
    task?.reject(reason);
    return this.worker.terminate().then(() => undefined);
  }
}

/**
 * Parses emails in a small pool of worker threads, so a large or hostile message costs a worker's CPU, not
 * the event loop (the health probes and every other request keep being answered). A parse past `timeoutMs`
 * is abandoned: its worker is terminated (CPU-bound code cannot be interrupted any other way) and the message
 * refused as past the time limit; the next parse starts a fresh worker. Callers wait at most `timeoutMs` for
 * a free worker, then get an UnavailableError (503, retry later).
 */
export class EmailParsePool {
  private readonly slots: Semaphore;
  private readonly idle: ParseThread[] = [];
  private readonly threads = new Set<ParseThread>();
  private nextId = 0;
  private closed = false;

  constructor(private readonly settings: ParsePoolSettings) {
    this.slots = new Semaphore(settings.workers);
  }

  /** Worker threads running now (busy or idle). */
  get size(): number {
    return this.threads.size;
  }

  async parse(raw: Buffer): Promise<InboundEmail> {
    const { timeoutMs } = this.settings;
    if (this.closed) throw new UnavailableError('the email parser is shutting down');
    if (!(await this.slots.acquire(timeoutMs))) {
      throw new UnavailableError(`no email parser free within ${timeoutMs} ms`);
    }
    const thread = this.take();
    let healthy = false;
    try {
      await booted(thread);
      const message = await this.runWithin(thread, raw);
      healthy = true;
      return outcome(message);
    } finally {
      if (healthy && thread.alive && !this.closed) this.idle.push(thread);
      else this.retire(thread);
      this.slots.release();
    }
  }

  /** Terminates every worker; parses in flight fail with an UnavailableError. */
  async close(): Promise<void> {
    this.closed = true;
    this.idle.length = 0;
    const stopping = [...this.threads].map((t) => t.stop(new UnavailableError('the email parser stopped')));
    this.threads.clear();
    await Promise.all(stopping);
  }

  private take(): ParseThread {
    for (let thread = this.idle.pop(); thread; thread = this.idle.pop()) {
      if (thread.alive) return thread;
      this.retire(thread);
    }
    const entry = this.settings.worker?.entry ?? PARSER;
    const thread = new ParseThread({
      entry: entry.href,
      options: this.settings.options,
      data: this.settings.worker?.data,
    });
    this.threads.add(thread);
    return thread;
  }

  private retire(thread: ParseThread): void {
    this.threads.delete(thread);
    void thread.stop(new Error('parse worker retired'));
  }

  private async runWithin(thread: ParseThread, raw: Buffer): Promise<WorkerMessage> {
    const { timeoutMs } = this.settings;
    // The message is copied to the worker: the request's buffer may share memory with others.
    const running = thread.run({ id: ++this.nextId, raw: new Uint8Array(raw) });
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const limit = new EmailLimitExceeded(
          'parse time',
          `parsing the message took longer than ${timeoutMs} ms (INGRESS_EMAIL_PARSE_TIMEOUT_MS)`,
        );
        void thread.stop(limit);
        reject(limit);
      }, timeoutMs);
    });
    try {
      return await Promise.race([running, expired]);
    } catch (err) {
      throw diedOn(err);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Waits for a new worker to load; one that cannot is the service's fault (503), not the message's. */
async function booted(thread: ParseThread): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      thread.ready,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`not ready within ${BOOT_TIMEOUT_MS} ms`)),
          BOOT_TIMEOUT_MS,
        );
      }),
    ]);
  } catch (err) {
    throw new UnavailableError('the email parser could not start', { cause: err });
  } finally {
    clearTimeout(timer);
  }
}

/** Why a parse ended without an answer: past its time or memory limit, or the parser broke on the message. */
function diedOn(err: unknown): Error {
  if (err instanceof EmailLimitExceeded || err instanceof UnavailableError) return err;
  if ((err as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new EmailLimitExceeded(
      'memory',
      `parsing the message needs more than the parser's ${PARSE_HEAP_MB} MB of memory`,
    );
  }
  return new EmailUnparseable('the parser stopped on it');
}

function outcome(message: WorkerMessage): InboundEmail {
  switch (message.type) {
    case 'parsed':
      return message.mail;
    case 'invalid':
      throw new InvalidInput(message.path, message.problem);
    case 'limit':
      throw new EmailLimitExceeded(message.path, message.problem);
    default:
      throw new EmailUnparseable(message.type === 'failed' ? message.reason : 'unexpected answer');
  }
}
