// Who spent the CPU: each service process (with anything it spawned), the NATS server, and the Postgres
// processes, split by what pg_stat_activity says they are.
//
// Postgres on this machine is shared. A client backend is ours when its application_name is one our
// processes set (`parley-<service>-<prefix>` from the runtime): it counts for that service's database work.
// The server's own processes (postmaster, WAL writer, checkpointer, background writer, autovacuum, parallel
// workers) serve every client at once, so they are counted in full (an upper bound for our share). Other
// clients' backends (other work on the machine, and the benchmark's own reads) are reported apart and not
// counted. The NATS server is counted in full for the same reason as Postgres's own processes.
import type { Attribution } from './cpu.js';
import type { ProcInfo } from './proc.js';
import { withDescendants } from './proc.js';

export interface PgActivity {
  pid: number;
  application_name: string | null;
  backend_type: string | null;
}

export const PG_SERVER = 'postgres:server';
export const PG_OTHERS = 'postgres:others';

/** Groups every process named postgres: `postgres:<label>` for ours, else server or others. */
export function classifyPostgres(
  procs: readonly ProcInfo[],
  activity: readonly PgActivity[],
  labelOf: (applicationName: string) => string | undefined,
): Map<number, string> {
  const byPid = new Map(activity.map((a) => [a.pid, a]));
  const out = new Map<number, string>();
  for (const p of procs) {
    if (p.comm !== 'postgres') continue;
    const row = byPid.get(p.pid);
    // The postmaster is not in pg_stat_activity; the auxiliary processes are, with their own backend_type.
    if (!row || row.backend_type !== 'client backend') {
      out.set(p.pid, PG_SERVER);
      continue;
    }
    const label = row.application_name ? labelOf(row.application_name) : undefined;
    out.set(p.pid, label === undefined ? PG_OTHERS : `postgres:${label}`);
  }
  return out;
}

export interface AttributionSpec {
  /** Process trees by group (a service and whatever it spawned); undefined pids are skipped. */
  trees: () => ReadonlyArray<readonly [string, number | undefined]>;
  /** Single processes by group (this process, whose children are the services). */
  singles?: ReadonlyArray<readonly [string, number]>;
  natsPid?: number | undefined;
  /** pg_stat_activity, read through a connection of our own. */
  activity: () => Promise<PgActivity[]>;
  labelOf: (applicationName: string) => string | undefined;
}

export function attribution(spec: AttributionSpec): Attribution {
  return async (procs) => {
    const out = new Map<number, string>();
    for (const [group, pid] of spec.singles ?? []) out.set(pid, group);
    for (const [group, root] of spec.trees()) {
      if (root === undefined) continue;
      for (const pid of withDescendants(root, procs)) out.set(pid, group);
    }
    if (spec.natsPid !== undefined) out.set(spec.natsPid, 'nats');
    if (procs.some((p) => p.comm === 'postgres')) {
      for (const [pid, group] of classifyPostgres(procs, await spec.activity(), spec.labelOf))
        out.set(pid, group);
    }
    return out;
  };
}
