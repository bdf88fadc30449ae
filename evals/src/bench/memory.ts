// `pnpm bench memory [--every 500] [--in-flight 16] [--timeout 120] [--compiled] [--json]`
// Each service's resident memory as it reads ever more different tickets: the compiled (or tsx) stack is
// offered every text of the varied mix once (`pipeline/mix.ts`: the demo tickets, the golden dev, train,
// calibration and fresh splits and the probes; never the test split), `--in-flight` at a time, and every
// `--every` decided tickets each service's resident set is read from /proc. `pnpm bench pipeline` offers the
// same 300 texts again and again, so a cache that grows with the variety of words never shows there; here it
// does, as growth over the second half of the run. evals/README.md has the figures.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectNats } from '@parley/bus';
import { TEST_NATS_AUTH } from '@parley/bus/testing';
import { TicketDecided } from '@parley/contracts';
import type { SuiteArgs } from '../dispatch.js';
import { positiveIntOption } from '../dispatch.js';
import type { ServiceName } from '../stack.js';
import { SERVICE_NAMES, startStack } from '../stack.js';
import { buildServices, trainRouterModel } from './pipeline.js';
import { DecisionWatch, poster, saturate, tally } from './pipeline/load.js';
import { benchTickets, variedMix } from './pipeline/mix.js';
import { mbByName, peakRssMb, rssMb } from './pipeline/proc.js';

interface Options {
  every: number;
  inFlight: number;
  timeoutMs: number;
  compiled: boolean;
}

export interface MemoryPoint {
  /** Tickets offered so far. */
  offered: number;
  accepted: number;
  seconds: number;
  /** Resident set now, per service (MB). */
  rssMb: Record<ServiceName, number | null>;
}

export interface MemoryResult {
  machine: { cpus: number; loadAvgStart: number[]; services: 'compiled' | 'tsx' };
  tickets: number;
  inFlight: number;
  /** Before the first ticket, then after every `every`. */
  points: MemoryPoint[];
  /** Peak resident set per service over the run (MB). */
  peakMb: Record<ServiceName, number | null>;
  /** What each service's resident set grew over the second half of the tickets (MB). */
  secondHalfGrowthMb: Record<ServiceName, number | null>;
}

function options(args: SuiteArgs): Options {
  return {
    every: positiveIntOption(args, 'every', 500),
    inFlight: positiveIntOption(args, 'in-flight', 16),
    timeoutMs: positiveIntOption(args, 'timeout', 120) * 1000,
    compiled: args.options.compiled === 'true',
  };
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** Growth from the point nearest half the tickets to the last point, per service. */
export function secondHalfGrowth(points: readonly MemoryPoint[]): Record<ServiceName, number | null> {
  const last = points[points.length - 1];
  const half = last ? last.offered / 2 : 0;
  const mid = points.reduce<MemoryPoint | undefined>(
    (best, p) => (!best || Math.abs(p.offered - half) < Math.abs(best.offered - half) ? p : best),
    undefined,
  );
  return Object.fromEntries(
    SERVICE_NAMES.map((n) => {
      const a = mid?.rssMb[n];
      const b = last?.rssMb[n];
      return [n, a === null || a === undefined || b === null || b === undefined ? null : round1(b - a)];
    }),
  ) as Record<ServiceName, number | null>;
}

export async function run(args: SuiteArgs): Promise<MemoryResult> {
  const opts = options(args);
  const mix = await variedMix();
  const loadAvgStart = loadavg().map((x) => Math.round(x * 100) / 100);
  const modelDir = await mkdtemp(join(tmpdir(), 'parley-bench-memory-'));
  try {
    if (opts.compiled) await buildServices();
    const stack = await startStack({
      label: 'bench-memory',
      readyTimeoutMs: 180_000,
      compiled: opts.compiled,
      env: { ROUTER_MODEL_FILE: await trainRouterModel(modelDir) },
    });
    const nc: NatsConnection = await connectNats(stack.natsUrl, 'parley-bench-memory', TEST_NATS_AUTH);
    const watch = new DecisionWatch(nc, `${stack.prefix}.${TicketDecided.subject}`);
    try {
      const pid = (n: ServiceName) => stack.supervisor.pid(n);
      const post = poster(stack.urls.ingress, stack.apiKey);
      const tag = `bench-memory-${randomBytes(3).toString('hex')}`;
      const tickets = benchTickets(mix, mix.length, tag);
      const start = performance.now();
      const points: MemoryPoint[] = [
        { offered: 0, accepted: 0, seconds: 0, rssMb: mbByName(SERVICE_NAMES, pid, rssMb) },
      ];
      let accepted = 0;
      for (let from = 0; from < tickets.length; from += opts.every) {
        const batch = tickets.slice(from, from + opts.every);
        const run = await saturate(batch, opts.inFlight, post, watch, opts.timeoutMs);
        accepted += tally(run.outcomes).accepted;
        points.push({
          offered: from + batch.length,
          accepted,
          seconds: Math.round((performance.now() - start) / 100) / 10,
          rssMb: mbByName(SERVICE_NAMES, pid, rssMb),
        });
      }
      return {
        machine: { cpus: cpus().length, loadAvgStart, services: opts.compiled ? 'compiled' : 'tsx' },
        tickets: tickets.length,
        inFlight: opts.inFlight,
        points,
        peakMb: mbByName(SERVICE_NAMES, pid, peakRssMb),
        secondHalfGrowthMb: secondHalfGrowth(points),
      };
    } finally {
      watch.close();
      await nc.drain();
      await stack.stop();
    }
  } finally {
    await rm(modelDir, { recursive: true, force: true });
  }
}

export function format(raw: Record<string, unknown>): string {
  const r = raw as unknown as MemoryResult;
  const cell = (v: number | null) => (v === null ? '-' : v.toFixed(1)).padStart(10);
  const row = (label: string, values: Record<ServiceName, number | null>) =>
    label.padEnd(16) + SERVICE_NAMES.map((n) => cell(values[n])).join('');
  return [
    `memory bench: ${r.machine.cpus} cores, load ${r.machine.loadAvgStart.join(' ')} at start, ${r.machine.services} ` +
      `services; ${r.tickets} different tickets, ${r.inFlight} in flight; resident set (MB)`,
    '',
    'tickets'.padEnd(16) + SERVICE_NAMES.map((n) => n.padStart(10)).join(''),
    ...r.points.map((p) => row(`${p.offered} (${p.accepted})`, p.rssMb)),
    row('peak', r.peakMb),
    row('2nd half growth', r.secondHalfGrowthMb),
  ].join('\n');
}
