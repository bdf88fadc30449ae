// What the kernel says about processes: CPU time, peak memory, parentage, from /proc (Linux only).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

export interface ProcInfo {
  pid: number;
  ppid: number;
  /** The executable's name (`comm`), not the title a process may set for itself. */
  comm: string;
  /** User plus system CPU time since the process started, in ms. */
  cpuMs: number;
  threads: number;
}

let ticksPerSecond: number | undefined;

/** USER_HZ, the unit of /proc/<pid>/stat times (100 on every mainstream Linux; asked once). */
export function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/**
 * Parses one /proc/<pid>/stat line. The name sits in parentheses and may itself hold spaces or parentheses,
 * so the fields are counted from the last `)`: state is field 3, ppid 4, utime 14, stime 15, threads 20.
 */
export function parseStat(line: string, ticks = clockTicks()): ProcInfo | undefined {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const pid = Number(line.slice(0, open).trim());
  const rest = line
    .slice(close + 2)
    .trim()
    .split(' ');
  const ppid = Number(rest[1]);
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  const threads = Number(rest[17]);
  if (![pid, ppid, utime, stime, threads].every(Number.isFinite)) return undefined;
  return { pid, ppid, comm: line.slice(open + 1, close), cpuMs: ((utime + stime) * 1000) / ticks, threads };
}

/** The first field of /proc/<pid>/schedstat: time the (main) thread ran, in ns, as ms. */
export function parseSchedstat(text: string): number | undefined {
  const ns = Number(text.trim().split(/\s+/)[0]);
  return Number.isFinite(ns) ? ns / 1e6 : undefined;
}

/**
 * One process, or undefined once it has exited. stat's times come in whole clock ticks (10 ms), which
 * over dozens of short-lived Postgres backends adds up to a visible error; for a single-threaded process
 * (a Postgres backend) schedstat gives the same run time in nanoseconds, so that is used instead. It covers
 * only one thread, so multi-threaded processes (Node, Go) keep stat's totals, which include every thread.
 */
export function readProc(pid: number): ProcInfo | undefined {
  try {
    const info = parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    if (info?.threads === 1) {
      try {
        const precise = parseSchedstat(readFileSync(`/proc/${pid}/schedstat`, 'utf8'));
        if (precise !== undefined) info.cpuMs = precise;
      } catch {
        // No schedstat in this kernel: stat's ticks it is.
      }
    }
    return info;
  } catch {
    return undefined;
  }
}

/** Every process visible to us right now. */
export function listProcs(): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = readProc(Number(entry));
    if (info) out.push(info);
  }
  return out;
}

/** `root` and every process below it in `procs`. */
export function withDescendants(root: number, procs: readonly ProcInfo[]): number[] {
  const children = new Map<number, number[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const out: number[] = [];
  const todo = [root];
  while (todo.length > 0) {
    const pid = todo.pop()!;
    out.push(pid);
    todo.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** The `VmHWM` line of /proc/<pid>/status (peak resident set since start), in MB; undefined if gone. */
export function parsePeakRssMb(status: string): number | undefined {
  return statusMb(status, 'VmHWM');
}

/** The `VmRSS` line of /proc/<pid>/status (resident set now), in MB; undefined if gone. */
export function parseRssMb(status: string): number | undefined {
  return statusMb(status, 'VmRSS');
}

function statusMb(status: string, field: 'VmHWM' | 'VmRSS'): number | undefined {
  const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
  return match ? Number(match[1]) / 1024 : undefined;
}

export function peakRssMb(pid: number): number | undefined {
  return readStatus(pid, parsePeakRssMb);
}

export function rssMb(pid: number): number | undefined {
  return readStatus(pid, parseRssMb);
}

/** One reading (`peakRssMb`, `rssMb`) for each named process, in MB to one decimal; null where it is gone. */
export function mbByName<N extends string>(
  names: readonly N[],
  pidOf: (name: N) => number | undefined,
  read: (pid: number) => number | undefined,
): Record<N, number | null> {
  return Object.fromEntries(
    names.map((n) => {
      const pid = pidOf(n);
      const mb = pid === undefined ? undefined : read(pid);
      return [n, mb === undefined ? null : Math.round(mb * 10) / 10];
    }),
  ) as Record<N, number | null>;
}

function readStatus(pid: number, parse: (status: string) => number | undefined): number | undefined {
  try {
    return parse(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The port a nats-server command line listens on (`-p`/`--port`, 4222 when not given). */
export function natsPortOf(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const inline = /^--?(?:p|port)=(\d+)$/.exec(arg);
    if (inline) return Number(inline[1]);
    if ((arg === '-p' || arg === '--port' || arg === '-port') && argv[i + 1]) return Number(argv[i + 1]);
  }
  return 4222;
}

/** The local nats-server serving `port`, if one is visible (not when it runs in another container). */
export function findNatsServer(port: number, procs: readonly ProcInfo[] = listProcs()): number | undefined {
  for (const p of procs) {
    if (p.comm !== 'nats-server') continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    } catch {
      continue;
    }
    if (natsPortOf(argv.slice(1)) === port) return p.pid;
  }
  return undefined;
}

export interface MachineCpu {
  /** CPU time spent on anything (user, nice, system, irq, softirq, steal) over all cores, in ms. */
  busyMs: number;
  /** busyMs plus idle and I/O wait: what all cores together had. */
  totalMs: number;
}

/** The aggregate `cpu` line of /proc/stat. */
export function parseMachineCpu(text: string, ticks = clockTicks()): MachineCpu | undefined {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return undefined;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1, 9)
    .map((x) => Number(x) || 0) as [number, number, number, number, number, number, number, number];
  const busy = user + nice + system + irq + softirq + steal;
  return { busyMs: (busy * 1000) / ticks, totalMs: ((busy + idle + iowait) * 1000) / ticks };
}

export function readMachineCpu(): MachineCpu | undefined {
  try {
    return parseMachineCpu(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return undefined;
  }
}
