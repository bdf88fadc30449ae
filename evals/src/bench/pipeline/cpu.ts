// CPU time spent by groups of processes over a window, from /proc. Processes come and go during a window
// (a pool opens a Postgres connection, a supervisor restarts a service), so the meter samples every
// `intervalMs`: a process seen at the start counts from its reading then, one first seen later counts from
// its birth, and each counts up to its last reading (CPU a process spent after its last sample and before
// exiting is lost, at most one interval's worth).
import type { MachineCpu, ProcInfo } from './proc.js';
import { listProcs, readMachineCpu } from './proc.js';

/** Which group each process of interest belongs to (processes left out are not counted). */
export type Attribution = (procs: readonly ProcInfo[]) => Promise<Map<number, string>>;

interface Reading {
  group: string;
  first: number;
  last: number;
}

/** Adds one sample to `readings`: `initial` marks the window's first sample (baselines, not births). */
export function addSample(
  readings: Map<number, Reading>,
  procs: readonly ProcInfo[],
  groups: ReadonlyMap<number, string>,
  initial: boolean,
): void {
  const byPid = new Map(procs.map((p) => [p.pid, p]));
  for (const [pid, group] of groups) {
    const info = byPid.get(pid);
    if (!info) continue;
    const known = readings.get(pid);
    if (known) {
      known.group = group;
      known.last = info.cpuMs;
    } else readings.set(pid, { group, first: initial ? info.cpuMs : 0, last: info.cpuMs });
  }
}

/** CPU ms per group over the readings. */
export function totals(readings: ReadonlyMap<number, Reading>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of readings.values()) out[r.group] = (out[r.group] ?? 0) + Math.max(0, r.last - r.first);
  return out;
}

export class CpuMeter {
  private readings = new Map<number, Reading>();
  private timer: NodeJS.Timeout | undefined;
  private sampling: Promise<void> | undefined;
  private startedAt = 0;
  private machineAtStart: MachineCpu | undefined;
  private failure: unknown;

  constructor(
    private readonly attribute: Attribution,
    private readonly intervalMs = 500,
  ) {}

  private async sample(initial: boolean): Promise<void> {
    const before = listProcs();
    const groups = await this.attribute(before);
    // Read the times after attributing, so a process is never read before its group is known.
    addSample(this.readings, listProcs(), groups, initial);
  }

  async start(): Promise<void> {
    this.readings.clear();
    this.failure = undefined;
    this.startedAt = performance.now();
    this.machineAtStart = readMachineCpu();
    await this.sample(true);
    this.timer = setInterval(() => {
      if (this.sampling) return;
      this.sampling = this.sample(false)
        .catch((err: unknown) => {
          this.failure = err;
        })
        .finally(() => {
          this.sampling = undefined;
        });
    }, this.intervalMs);
  }

  /**
   * Ends the window with a last sample: CPU ms per group, the window's length in seconds, and what the whole
   * machine did meanwhile (undefined where /proc/stat cannot be read).
   */
  async stop(): Promise<{ ms: Record<string, number>; seconds: number; machine?: MachineCpu }> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sampling;
    await this.sample(false);
    if (this.failure) throw new Error(`CPU sampling failed: ${(this.failure as Error).message}`);
    const end = readMachineCpu();
    const start = this.machineAtStart;
    return {
      ms: totals(this.readings),
      seconds: (performance.now() - this.startedAt) / 1000,
      ...(start && end
        ? { machine: { busyMs: end.busyMs - start.busyMs, totalMs: end.totalMs - start.totalMs } }
        : {}),
    };
  }
}
