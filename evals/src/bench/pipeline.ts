// `pnpm bench pipeline [--saturate] [--rate <tickets/s>] [--tickets 300] [--in-flight 16] [--warmup 10]
//   [--chain-messages 1000] [--timeout 120] [--own-nats] [--compiled] [--json]`
// The whole product as separate processes on this machine's NATS and Postgres (the demo store seeded), driven
// through the public API at saturation (a fixed number of tickets in flight) and/or open loop at a fixed rate;
// then, in the same invocation and on the same servers, a bare 6-hop JetStream chain with one Postgres ledger
// transaction per hop, the reference the pipeline's throughput is compared with. evals/README.md explains the
// figures and how CPU is attributed.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectNats } from '@parley/bus';
import { TEST_NATS_AUTH } from '@parley/bus/testing';
import { TicketDecided } from '@parley/contracts';
import type { Db } from '@parley/db';
import { createDb } from '@parley/db';
import { sql } from 'kysely';
import type { SuiteArgs } from '../dispatch.js';
import { UsageError, positiveIntOption } from '../dispatch.js';
import type { ServiceName, Stack } from '../stack.js';
import { PrivateNatsServer } from '../nats-server.js';
import { SERVICE_NAMES, startStack } from '../stack.js';
import type { TicketRequest } from '../tickets.js';
import type { PgActivity } from './pipeline/attribution.js';
import { attribution } from './pipeline/attribution.js';
import { LedgerChain } from './pipeline/chain.js';
import type { ChainRun } from './pipeline/chain.js';
import { CpuMeter } from './pipeline/cpu.js';
import type { CpuFigures, Throughput } from './pipeline/figures.js';
import { cpuFigures, readTicketTimes, summarise } from './pipeline/figures.js';
import type { Post, Tally } from './pipeline/load.js';
import { DecisionWatch, openLoop, poster, saturate, tally } from './pipeline/load.js';
import { benchTickets, ticketMix } from './pipeline/mix.js';
import { findNatsServer, mbByName, peakRssMb } from './pipeline/proc.js';
import { settle } from './pipeline/settle.js';
import { percentile } from '../suites/retrieval.js';

const ROOT = new URL('../../../', import.meta.url).pathname;
const CHAIN_HOPS = 6;
/** The events stream's size in the stack (stack.ts), used for the chain's stream too. */
const STREAM_MAX_BYTES = 256 * 1024 ** 2;

interface Options {
  saturate: boolean;
  rate: number | undefined;
  tickets: number;
  inFlight: number;
  warmup: number;
  chainMessages: number;
  timeoutMs: number;
  ownNats: boolean;
  /** Run the services as production does: `pnpm build`, then plain node on `dist/` (not tsx). */
  compiled: boolean;
}

function options(args: SuiteArgs): Options {
  const rawRate = args.options.rate;
  let rate: number | undefined;
  if (rawRate !== undefined) {
    rate = Number(rawRate);
    if (!Number.isFinite(rate) || rate <= 0)
      throw new UsageError(`--rate must be a positive number of tickets per second, got ${rawRate}`);
  }
  const saturateFlag = args.options.saturate;
  if (saturateFlag !== undefined && saturateFlag !== 'true')
    throw new UsageError(`--saturate takes no value, got ${saturateFlag}`);
  const warmupRaw = args.options.warmup;
  const warmup = warmupRaw === '0' ? 0 : positiveIntOption(args, 'warmup', 10);
  const neither = saturateFlag === undefined && rate === undefined;
  return {
    // Neither asked for: both, at the rate the issue's latency target is set for.
    saturate: saturateFlag === 'true' || neither,
    rate: neither ? 20 : rate,
    tickets: positiveIntOption(args, 'tickets', 300),
    inFlight: positiveIntOption(args, 'in-flight', 16),
    warmup,
    chainMessages: positiveIntOption(args, 'chain-messages', 1000),
    timeoutMs: positiveIntOption(args, 'timeout', 120) * 1000,
    ownNats: args.options['own-nats'] === 'true',
    compiled: args.options.compiled === 'true',
  };
}

export interface PhaseResult extends Tally, Throughput {
  mode: 'saturation' | 'open';
  /** Saturation: tickets kept in flight. */
  inFlight?: number;
  /** Open loop: tickets offered per second, and how late the client posted against its schedule (p99, ms). */
  rate?: number;
  scheduleLagP99Ms?: number;
  undecided: number;
  cpu: CpuFigures;
  /** Consumers still holding messages when the phase gave up waiting for the system to go idle. */
  backlog: Record<string, number>;
  /** Services the supervisor restarted during the phase (their CPU figures are then incomplete). */
  restarts: Partial<Record<ServiceName, number>>;
  /** The machine's 1-minute load average when the phase started and ended (other work shares the cores). */
  load: [number, number];
}

export interface ChainResult extends ChainRun {
  hops: number;
  inFlight: number;
  concurrency: number;
  failures: number;
  cpu: CpuFigures;
  load: [number, number];
}

export interface PipelineResult {
  /** `nats`: the machine's server (shared with whatever else runs) or one started for this run. */
  machine: {
    cpus: number;
    loadAvgStart: number[];
    loadAvgEnd: number[];
    nats: 'shared' | 'own';
    /** How the services ran: compiled JavaScript (`--compiled`) or TypeScript through tsx. */
    services: 'compiled' | 'tsx';
  };
  tickets: number;
  warmup: number;
  phases: PhaseResult[];
  /** Peak resident set (VmHWM) of each service process, in MB. */
  rssMb: Record<ServiceName, number | null>;
  chain: ChainResult;
  /** Saturation throughput over the chain's; null without a saturation phase. */
  ratio: number | null;
}

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;
const load1m = (): number => round(loadavg()[0]!);

async function readActivity(db: Db): Promise<PgActivity[]> {
  const { rows } =
    await sql<PgActivity>`select pid, application_name, backend_type from pg_stat_activity`.execute(db.db);
  return rows;
}

interface Rig {
  stack: Stack;
  jsm: JetStreamManager;
  watch: DecisionWatch;
  post: Post;
  meter: CpuMeter;
  natsSeen: boolean;
  mix: TicketRequest[];
  tag: string;
  opts: Options;
}

function restartCounts(stack: Stack): Record<ServiceName, number> {
  return Object.fromEntries(SERVICE_NAMES.map((n) => [n, stack.supervisor.restarts(n)])) as Record<
    ServiceName,
    number
  >;
}

async function phase(rig: Rig, mode: 'saturation' | 'open', offset: number): Promise<PhaseResult> {
  const { stack, opts } = rig;
  const tag = `${rig.tag}-${mode}`;
  const tickets = benchTickets(rig.mix, opts.tickets, tag, offset);
  const restartsBefore = restartCounts(stack);
  const loadBefore = load1m();
  await rig.meter.start();
  let outcomes;
  let extra: Partial<PhaseResult>;
  if (mode === 'saturation') {
    const run = await saturate(tickets, opts.inFlight, rig.post, rig.watch, opts.timeoutMs);
    outcomes = run.outcomes;
    extra = { inFlight: opts.inFlight };
  } else {
    const run = await openLoop(tickets, opts.rate!, rig.post);
    outcomes = run.outcomes;
    extra = { rate: opts.rate!, scheduleLagP99Ms: round(percentile(run.lagMs, 99), 1) };
  }
  const accepted = outcomes.flatMap((o) => (o.ticketId === undefined ? [] : [o.ticketId]));
  await rig.watch.waitAll(accepted, opts.timeoutMs);
  const backlog = await settle(rig.jsm, `${stack.prefix.toUpperCase()}_EVENTS`, opts.timeoutMs);
  const cpu = await rig.meter.stop();
  const throughput = summarise(await readTicketTimes(stack.db.db, tag));
  const restartsAfter = restartCounts(stack);
  const restarts = Object.fromEntries(
    SERVICE_NAMES.flatMap((n) => {
      const d = restartsAfter[n] - restartsBefore[n];
      return d > 0 ? [[n, d]] : [];
    }),
  );
  return {
    mode,
    ...extra,
    ...tally(outcomes),
    ...throughput,
    undecided: throughput.stored - throughput.decided,
    cpu: cpuFigures(cpu.ms, cpu.seconds, throughput.decided, SERVICE_NAMES, {
      natsSeen: rig.natsSeen,
      postgresSeen: 'postgres:server' in cpu.ms,
      own: (name) => `service:${name}`,
      ...(cpu.machine ? { machine: cpu.machine } : {}),
    }),
    backlog,
    restarts,
    load: [loadBefore, load1m()],
  };
}

async function measurePipeline(
  stack: Stack,
  activityDb: Db,
  natsPid: number | undefined,
  mix: TicketRequest[],
  opts: Options,
): Promise<{ phases: PhaseResult[]; rssMb: Record<ServiceName, number | null> }> {
  const nc: NatsConnection = await connectNats(stack.natsUrl, 'parley-bench-pipeline', TEST_NATS_AUTH);
  const watch = new DecisionWatch(nc, `${stack.prefix}.${TicketDecided.subject}`);
  try {
    const ownApps = new Map(SERVICE_NAMES.map((n) => [`parley-${n}-${stack.prefix}`, n]));
    const rig: Rig = {
      stack,
      jsm: await jetstreamManager(nc),
      watch,
      post: poster(stack.urls.ingress, stack.apiKey),
      meter: new CpuMeter(
        attribution({
          trees: () => SERVICE_NAMES.map((n) => [`service:${n}`, stack.supervisor.pid(n)] as const),
          singles: [['driver', process.pid]],
          natsPid,
          activity: () => readActivity(activityDb),
          labelOf: (app) => ownApps.get(app),
        }),
      ),
      natsSeen: natsPid !== undefined,
      mix,
      tag: `bench-${randomBytes(3).toString('hex')}`,
      opts,
    };
    // Code paths run once before they are measured (JIT, caches, pools filled).
    if (opts.warmup > 0) {
      const warm = benchTickets(mix, opts.warmup, `${rig.tag}-warmup`, mix.length - opts.warmup);
      const run = await saturate(warm, opts.inFlight, rig.post, watch, opts.timeoutMs);
      const accepted = run.outcomes.flatMap((o) => (o.ticketId === undefined ? [] : [o.ticketId]));
      await watch.waitAll(accepted, opts.timeoutMs);
      await settle(rig.jsm, `${stack.prefix.toUpperCase()}_EVENTS`, opts.timeoutMs);
    }
    const phases: PhaseResult[] = [];
    if (opts.saturate) phases.push(await phase(rig, 'saturation', 0));
    if (opts.rate !== undefined) phases.push(await phase(rig, 'open', opts.saturate ? opts.tickets : 0));
    const rssMb = mbByName(SERVICE_NAMES, (n) => stack.supervisor.pid(n), peakRssMb);
    return { phases, rssMb };
  } finally {
    watch.close();
    await nc.drain();
  }
}

async function measureChain(
  databaseUrl: string,
  natsUrl: string,
  activityDb: Db,
  natsPid: number | undefined,
  texts: string[],
  opts: Options,
): Promise<ChainResult> {
  const concurrency = 8;
  const chain = await LedgerChain.create({
    natsUrl,
    databaseUrl,
    hops: CHAIN_HOPS,
    concurrency,
    poolMax: 10,
    streamMaxBytes: STREAM_MAX_BYTES,
  });
  try {
    const app = LedgerChain.applicationName(chain.prefix);
    const meter = new CpuMeter(
      attribution({
        trees: () => [],
        singles: [['chain', process.pid]],
        natsPid,
        activity: () => readActivity(activityDb),
        labelOf: (name) => (name === app ? 'chain' : undefined),
      }),
    );
    if (opts.warmup > 0) {
      const warm = Math.min(opts.chainMessages, Math.max(20, opts.warmup * 2));
      await chain.run(warm, opts.inFlight, texts, opts.timeoutMs);
    }
    const loadBefore = load1m();
    await meter.start();
    const run = await chain.run(opts.chainMessages, opts.inFlight, texts, opts.timeoutMs);
    const cpu = await meter.stop();
    return {
      hops: CHAIN_HOPS,
      inFlight: opts.inFlight,
      concurrency,
      ...run,
      failures: chain.failures(),
      cpu: cpuFigures(cpu.ms, cpu.seconds, run.completed, ['chain'], {
        natsSeen: natsPid !== undefined,
        postgresSeen: 'postgres:server' in cpu.ms,
        own: () => 'chain',
        ...(cpu.machine ? { machine: cpu.machine } : {}),
      }),
      load: [loadBefore, load1m()],
    };
  } finally {
    await chain.close();
  }
}

/**
 * The router's model file, trained in a process of its own as the image's build and `pnpm start` do, so the
 * router loads it like a deployment instead of training (and holding what training allocates) in its process.
 */
export async function trainRouterModel(dir: string): Promise<string> {
  const out = join(dir, 'router-model.pimf');
  await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', `${ROOT}services/router/src/train.ts`, '--out', out],
    { cwd: ROOT },
  );
  return out;
}

/** `pnpm build`: the services' `dist/`, which `--compiled` runs. */
export async function buildServices(): Promise<void> {
  await promisify(execFile)(process.execPath, ['--import', 'tsx', `${ROOT}scripts/build.ts`], { cwd: ROOT });
}

export async function run(args: SuiteArgs): Promise<PipelineResult> {
  const opts = options(args);
  const mix = await ticketMix();
  const loadAvgStart = loadavg().map((x) => round(x));
  // The machine's NATS server also carries whatever else runs here; one of our own carries only this.
  const ownNats = opts.ownNats ? await PrivateNatsServer.create() : undefined;
  const modelDir = await mkdtemp(join(tmpdir(), 'parley-bench-'));
  try {
    return await measure(opts, mix, loadAvgStart, ownNats?.url, await trainRouterModel(modelDir));
  } finally {
    await ownNats?.destroy();
    await rm(modelDir, { recursive: true, force: true });
  }
}

async function measure(
  opts: Options,
  mix: TicketRequest[],
  loadAvgStart: number[],
  ownNatsUrl: string | undefined,
  routerModel: string,
): Promise<PipelineResult> {
  if (opts.compiled) await buildServices();
  const stack = await startStack({
    label: 'bench',
    readyTimeoutMs: 180_000,
    compiled: opts.compiled,
    env: { ROUTER_MODEL_FILE: routerModel },
    ...(ownNatsUrl ? { natsUrl: ownNatsUrl } : {}),
  });
  const databaseUrl = stack.db.config.url;
  const natsUrl = stack.natsUrl;
  const natsPid = findNatsServer(Number(new URL(natsUrl).port || 4222));
  // A connection of our own for pg_stat_activity (its backend counts as another client, not as ours).
  const activityDb = createDb({
    url: databaseUrl,
    schema: 'public',
    poolMax: 1,
    statementTimeoutMs: 10_000,
    applicationName: 'parley-bench',
  });
  try {
    let pipeline;
    try {
      pipeline = await measurePipeline(stack, activityDb, natsPid, mix, opts);
    } finally {
      await stack.stop();
    }
    const chain = await measureChain(
      databaseUrl,
      natsUrl,
      activityDb,
      natsPid,
      mix.map((t) => t.body),
      opts,
    );
    const saturation = pipeline.phases.find((p) => p.mode === 'saturation');
    return {
      machine: {
        cpus: cpus().length,
        loadAvgStart,
        loadAvgEnd: loadavg().map((x) => round(x)),
        nats: ownNatsUrl ? 'own' : 'shared',
        services: opts.compiled ? 'compiled' : 'tsx',
      },
      tickets: opts.tickets,
      warmup: opts.warmup,
      ...pipeline,
      chain,
      ratio: saturation && chain.perSec > 0 ? round(saturation.decidedPerSec / chain.perSec, 3) : null,
    };
  } finally {
    await activityDb.close();
  }
}

/** Right-aligned columns after a left-aligned first one. */
function table(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string[] {
  const line = (cells: ReadonlyArray<string | number>) =>
    cells.map((c, i) => (i === 0 ? String(c).padEnd(14) : String(c).padStart(10))).join('');
  return [line(header), ...rows.map(line)];
}

const cell = (v: number | null | undefined): string => (v === null || v === undefined ? '-' : v.toFixed(2));

export function format(raw: Record<string, unknown>): string {
  const r = raw as unknown as PipelineResult;
  const name = (p: PhaseResult) =>
    p.mode === 'saturation' ? `saturation ${p.inFlight}` : `open ${p.rate}/s`;
  const lines: string[] = [
    `pipeline bench: ${r.machine.cpus} cores, load ${r.machine.loadAvgStart.join(' ')} at start, ` +
      `${r.machine.loadAvgEnd.join(' ')} at end; ${r.machine.nats} NATS server; ` +
      `${r.tickets} tickets a phase after ${r.warmup} to warm up`,
    '',
    ...table(
      [
        'phase',
        'posted',
        'accepted',
        '429',
        '503',
        'failed',
        'decided',
        'decided/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
      ],
      r.phases.map((p) => [
        name(p),
        p.posted,
        p.accepted,
        p.refused['429'],
        p.refused['503'],
        p.failed,
        p.decided,
        p.decidedPerSec,
        p.latencyMs?.p50 ?? '-',
        p.latencyMs?.p95 ?? '-',
        p.latencyMs?.p99 ?? '-',
      ]),
    ),
    '',
  ];
  const columns = [...SERVICE_NAMES, 'nats', 'postgres', 'total'];
  lines.push(
    ...table(
      ['CPU ms/ticket', ...columns],
      r.phases.map((p) => [name(p), ...columns.map((c) => cell(p.cpu.perTicketMs[c]))]),
    ),
    '',
  );
  lines.push(`peak RSS MB: ${SERVICE_NAMES.map((n) => `${n} ${r.rssMb[n] ?? '-'}`).join(', ')}`);
  const c = r.chain;
  lines.push(
    `chain: ${c.hops} hops, ${c.completed}/${c.sent} messages, ${c.inFlight} in flight: ${c.perSec} msg/s; ` +
      `CPU ms/msg: bench process ${c.cpu.perTicketMs.chain}, nats ${c.cpu.perTicketMs.nats ?? '-'}, ` +
      `postgres ${c.cpu.perTicketMs.postgres ?? '-'}, total ${c.cpu.perTicketMs.total}`,
  );
  lines.push(`pipeline / chain: ${r.ratio === null ? '- (no saturation phase)' : `${r.ratio}x`}`);
  lines.push('');
  const context = (label: string, cpu: CpuFigures, load: [number, number]) => {
    const m = cpu.machine;
    const busy = m ? `, cores ${m.busyPct}% busy (${m.countedPct}% counted here)` : '';
    const n = cpu.notCountedMs;
    return (
      `${label}: ${cpu.seconds} s, load ${load[0]} to ${load[1]}${busy}; not counted: ` +
      `${n.otherPostgresClients ?? '-'} ms of other Postgres clients, ${n.driver} ms of this process`
    );
  };
  for (const p of r.phases) {
    lines.push(context(name(p), p.cpu, p.load));
    if (p.scheduleLagP99Ms !== undefined)
      lines.push(`${name(p)}: the client posted up to ${p.scheduleLagP99Ms} ms behind schedule (p99)`);
  }
  lines.push(context('chain', c.cpu, c.load));
  for (const p of r.phases) {
    if (Object.keys(p.restarts).length > 0)
      lines.push(`warning: ${p.mode}: services restarted during the phase: ${JSON.stringify(p.restarts)}`);
    if (Object.keys(p.backlog).length > 0)
      lines.push(`warning: ${p.mode}: consumers not drained at the end: ${JSON.stringify(p.backlog)}`);
  }
  return lines.join('\n');
}
