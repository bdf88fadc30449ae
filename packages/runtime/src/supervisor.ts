import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface SupervisorOptions {
  /** Restart delays: the n-th restart in a row waits backoffMs[n] (last repeats); reset after `stableMs` up. */
  backoffMs: readonly number[];
  stableMs: number;
  /** How long a SIGTERM'd child may take to drain before SIGKILL. */
  stopTimeoutMs: number;
  onLine?: (name: string, line: string, stream: 'stdout' | 'stderr') => void;
  onEvent?: (name: string, event: string) => void;
}

interface Managed {
  spec: ProcessSpec;
  child?: ChildProcess;
  restarts: number;
  startedAt: number;
  timer?: NodeJS.Timeout;
}

export function restartDelay(consecutiveFailures: number, backoffMs: readonly number[]): number {
  if (backoffMs.length === 0) return 0;
  return backoffMs[Math.min(consecutiveFailures, backoffMs.length - 1)]!;
}

/**
 * Keeps each process running as an orchestrator would: a process that dies is restarted with backoff
 * (logged); stop() sends SIGTERM, waits for a clean drain, and only then SIGKILLs.
 */
export class Supervisor {
  private managed = new Map<string, Managed>();
  private stopping = false;

  constructor(private readonly opts: SupervisorOptions) {}

  start(specs: ProcessSpec[]): void {
    for (const spec of specs) {
      const m: Managed = { spec, restarts: 0, startedAt: 0 };
      this.managed.set(spec.name, m);
      this.launch(m);
    }
  }

  pid(name: string): number | undefined {
    return this.managed.get(name)?.child?.pid;
  }

  restarts(name: string): number {
    return this.managed.get(name)?.restarts ?? 0;
  }

  private launch(m: Managed): void {
    const child = spawn(m.spec.command, m.spec.args, {
      cwd: m.spec.cwd,
      env: { ...process.env, ...m.spec.env },
      // An IPC channel lets a child notice its supervisor died (even by SIGKILL) and stop instead of lingering.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    m.child = child;
    m.startedAt = Date.now();
    for (const stream of ['stdout', 'stderr'] as const) {
      createInterface({ input: child[stream]! }).on('line', (line) =>
        this.opts.onLine?.(m.spec.name, line, stream),
      );
    }
    child.on('exit', (code, signal) => {
      m.child = undefined;
      if (this.stopping) return;
      const stable = Date.now() - m.startedAt >= this.opts.stableMs;
      const failures = stable ? 0 : m.restarts;
      const delay = restartDelay(failures, this.opts.backoffMs);
      m.restarts = stable ? 1 : m.restarts + 1;
      this.opts.onEvent?.(
        m.spec.name,
        `exited (${signal ?? `code ${code}`}); restarting in ${delay} ms (restart #${m.restarts})`,
      );
      m.timer = setTimeout(() => this.launch(m), delay);
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.managed.values()].map(async (m) => {
        if (m.timer) clearTimeout(m.timer);
        const child = m.child;
        if (!child || child.exitCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const timeout = setTimeout(() => child.kill('SIGKILL'), this.opts.stopTimeoutMs);
        await exited;
        clearTimeout(timeout);
      }),
    );
  }
}
