import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { isHeartbeat } from './heartbeat.js';

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
  /**
   * Liveness: a child that sends no heartbeat (`sendHeartbeats`, which `main` starts) for longer than this is
   * taken as hung (event loop blocked, process stopped) and SIGKILLed, then restarted like any exit. Unset:
   * only exits are noticed.
   */
  heartbeatTimeoutMs?: number;
  /**
   * How long a started child may take to send its first heartbeat, which bounds a hung start-up. Start-up
   * on a loaded machine (module loading, models) is slower than a steady heartbeat, so it has its own limit,
   * as an orchestrator's start-up probe does. Defaults to `heartbeatTimeoutMs`.
   */
  startupTimeoutMs?: number;
  onLine?: (name: string, line: string, stream: 'stdout' | 'stderr') => void;
  onEvent?: (name: string, event: string) => void;
}

interface Managed {
  spec: ProcessSpec;
  child?: ChildProcess;
  restarts: number;
  startedAt: number;
  /** When the running child last sent a heartbeat (or started). */
  lastBeat: number;
  /** Whether the running child has sent a heartbeat yet (until then the start-up limit applies). */
  beaten: boolean;
  /** The child already SIGKILLed as hung, so it is not killed again before it exits. */
  killedAsHung?: ChildProcess;
  timer?: NodeJS.Timeout;
}

export function restartDelay(consecutiveFailures: number, backoffMs: readonly number[]): number {
  if (backoffMs.length === 0) return 0;
  return backoffMs[Math.min(consecutiveFailures, backoffMs.length - 1)]!;
}

/**
 * Keeps each process running as an orchestrator would: a process that dies, or (with `heartbeatTimeoutMs`)
 * stops sending heartbeats, is restarted with backoff (logged); stop() sends SIGTERM, waits for a clean drain,
 * and only then SIGKILLs.
 */
export class Supervisor {
  private managed = new Map<string, Managed>();
  private stopping = false;
  private watchdog?: NodeJS.Timeout;

  constructor(private readonly opts: SupervisorOptions) {}

  start(specs: ProcessSpec[]): void {
    for (const spec of specs) {
      const m: Managed = { spec, restarts: 0, startedAt: 0, lastBeat: 0, beaten: false };
      this.managed.set(spec.name, m);
      this.launch(m);
    }
    const timeout = this.opts.heartbeatTimeoutMs;
    if (timeout !== undefined && !this.watchdog) {
      const everyMs = Math.max(20, Math.min(1000, Math.floor(timeout / 4)));
      let lastCheck = Date.now();
      this.watchdog = setInterval(() => {
        const now = Date.now();
        // Time this process itself was stalled is not the children's silence: their heartbeats are queued
        // behind this timer. Push their clocks forward by our own lateness.
        const late = Math.max(0, now - lastCheck - everyMs);
        lastCheck = now;
        this.checkLiveness(now, late, timeout, this.opts.startupTimeoutMs ?? timeout);
      }, everyMs);
      this.watchdog.unref();
    }
  }

  private checkLiveness(now: number, late: number, timeoutMs: number, startupTimeoutMs: number): void {
    for (const m of this.managed.values()) {
      const child = m.child;
      m.lastBeat += late;
      if (!child || child.exitCode !== null || m.killedAsHung === child) continue;
      const silentMs = now - m.lastBeat;
      if (silentMs <= (m.beaten ? timeoutMs : startupTimeoutMs)) continue;
      m.killedAsHung = child;
      this.opts.onEvent?.(
        m.spec.name,
        `no heartbeat for ${silentMs} ms (event loop blocked or process stopped); killing it (SIGKILL)`,
      );
      child.kill('SIGKILL');
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
    m.lastBeat = m.startedAt;
    m.beaten = false;
    child.on('message', (message) => {
      if (!isHeartbeat(message) || m.child !== child) return;
      m.lastBeat = Date.now();
      m.beaten = true;
    });
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
    clearInterval(this.watchdog);
    await Promise.all(
      [...this.managed.values()].map(async (m) => {
        if (m.timer) clearTimeout(m.timer);
        const child = m.child;
        if (!child || child.exitCode !== null) return;
        // 'close', not 'exit': the child's last output lines (its drain log) are read before stop() returns.
        const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
        child.kill('SIGTERM');
        const timeout = setTimeout(() => child.kill('SIGKILL'), this.opts.stopTimeoutMs);
        await exited;
        clearTimeout(timeout);
      }),
    );
  }
}
