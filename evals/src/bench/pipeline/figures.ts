// Throughput and latency from the system of record: when ingress accepted each ticket (tickets.created_at)
// and when the gate decided it (decisions.decided_at), both stamped by Postgres's clock.
import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { percentile } from '../../suites/retrieval.js';
import type { MachineCpu } from './proc.js';

export interface TicketTimes {
  /** Epoch ms, with Postgres's microseconds kept as fractions. */
  acceptedMs: number;
  decidedMs: number | null;
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface Throughput {
  /** Tickets stored (every 202 should be one) and of those decided. */
  stored: number;
  decided: number;
  /** First acceptance to last decision, in seconds. */
  seconds: number;
  decidedPerSec: number;
  /** Acceptance to decision per decided ticket, in ms; null when none was decided. */
  latencyMs: Latency | null;
}

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

export function summarise(times: readonly TicketTimes[]): Throughput {
  const decided = times.filter((t): t is TicketTimes & { decidedMs: number } => t.decidedMs !== null);
  if (decided.length === 0)
    return { stored: times.length, decided: 0, seconds: 0, decidedPerSec: 0, latencyMs: null };
  const first = Math.min(...times.map((t) => t.acceptedMs));
  const last = Math.max(...decided.map((t) => t.decidedMs));
  const seconds = Math.max(last - first, 1) / 1000;
  const latencies = decided.map((t) => t.decidedMs - t.acceptedMs);
  return {
    stored: times.length,
    decided: decided.length,
    seconds: round(seconds, 2),
    decidedPerSec: round(decided.length / seconds, 2),
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      max: round(Math.max(...latencies)),
    },
  };
}

/** The first turn's acceptance and decision of every ticket whose externalId starts with `tag-`. */
export async function readTicketTimes(db: Kysely<Database>, tag: string): Promise<TicketTimes[]> {
  const rows = await db
    .selectFrom('tickets as t')
    .leftJoin('decisions as d', (join) => join.onRef('d.ticket_id', '=', 't.id').on('d.turn', '=', 1))
    .select([
      sql<string>`extract(epoch from t.created_at) * 1000`.as('accepted_ms'),
      sql<string | null>`extract(epoch from d.decided_at) * 1000`.as('decided_ms'),
    ])
    .where('t.external_id', 'like', `${tag}-%`)
    .execute();
  return rows.map((r) => ({
    acceptedMs: Number(r.accepted_ms),
    decidedMs: r.decided_ms === null ? null : Number(r.decided_ms),
  }));
}

export interface CpuFigures {
  /** CPU ms per decided ticket: each service process, the NATS server, Postgres (ours + server), total. */
  perTicketMs: Record<string, number | null> & { total: number };
  /** Postgres's share split: each service's own backends, and the server's processes. */
  postgresPerTicketMs: Record<string, number> | null;
  /** CPU ms in the window not counted: other clients of the shared Postgres, and this benchmark process. */
  notCountedMs: { otherPostgresClients: number | null; driver: number };
  seconds: number;
  /**
   * The whole machine over the window, in % of all cores' time: busy with anything, and busy with what is
   * counted above. On a shared machine the difference is other work competing for the same cores.
   */
  machine: { busyPct: number; countedPct: number } | null;
}

/**
 * Per-ticket CPU from a meter's totals (groups `service:<name>`, `nats`, `postgres:<name>`,
 * `postgres:server`, `postgres:others`, `driver`; see attribution.ts). `nats` or `postgres` is null when its
 * processes were not visible on this machine (a server in another container or host).
 */
export function cpuFigures(
  ms: Readonly<Record<string, number>>,
  seconds: number,
  perUnit: number,
  labels: readonly string[],
  opts: { natsSeen: boolean; postgresSeen: boolean; own: (label: string) => string; machine?: MachineCpu },
): CpuFigures {
  const each = (x: number) => (perUnit > 0 ? round(x / perUnit, 2) : 0);
  const perTicketMs: Record<string, number | null> & { total: number } = { total: 0 };
  let total = 0;
  for (const label of labels) {
    const v = ms[opts.own(label)] ?? 0;
    perTicketMs[label] = each(v);
    total += v;
  }
  const natsMs = ms.nats ?? 0;
  perTicketMs.nats = opts.natsSeen ? each(natsMs) : null;
  if (opts.natsSeen) total += natsMs;
  let postgresPerTicketMs: Record<string, number> | null = null;
  if (opts.postgresSeen) {
    postgresPerTicketMs = {};
    let pg = 0;
    for (const label of [...labels, 'server']) {
      const v = ms[`postgres:${label}`] ?? 0;
      postgresPerTicketMs[label] = each(v);
      pg += v;
    }
    perTicketMs.postgres = each(pg);
    total += pg;
  } else perTicketMs.postgres = null;
  perTicketMs.total = each(total);
  return {
    perTicketMs,
    postgresPerTicketMs,
    notCountedMs: {
      otherPostgresClients: opts.postgresSeen ? Math.round(ms['postgres:others'] ?? 0) : null,
      driver: Math.round(ms.driver ?? 0),
    },
    seconds: round(seconds, 2),
    machine:
      opts.machine && opts.machine.totalMs > 0
        ? {
            busyPct: round((opts.machine.busyMs / opts.machine.totalMs) * 100, 1),
            countedPct: round((total / opts.machine.totalMs) * 100, 1),
          }
        : null,
  };
}
