// `pnpm --silent evals answers --set <file.json> [--split all|dev|held-out] [--seed 1] [--concurrency 8]
//   [--retrieval-floor x] [--groundedness-floor x] [--confidence-floor x] [--resolver-floor x]
//   [--sweep true] [--details true] [--json]`
// Answer quality of the whole product: starts the six services (the demo store seeded), posts every query of
// the set as an anonymous ticket through the public API and reads back each decision and its citations.
// An auto-sent answer is good when every article it cites is relevant to the query, bad otherwise.
// `--sweep true` starts the gate with every floor at 1 (nothing auto-sends, every auto-band draft reaches
// the inbox with its reasons) and replays the gate's floor checks over a grid of floors: the curve that
// the defaults are chosen from. The chosen point is then confirmed by a normal run with those floors.
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { UsageError, requireOption } from '../dispatch.js';
import type { SuiteArgs } from '../dispatch.js';
import type { Stack } from '../stack.js';
import { apiClient, startStack } from '../stack.js';
import type { RetrievalSet, Split } from './retrieval.js';
import { parseRetrievalSet, percentile, splitQueries } from './retrieval.js';

export type Decision = 'auto_sent' | 'suggested' | 'escalated';

interface DraftView {
  body: string;
  citations: Array<{ articleId: string }>;
  facts: Array<{ source: string }>;
  toolCalls: Array<{ name: string; status: string }>;
  groundedness: number;
}

/** What one query's ticket came to, read back through the public API. */
export interface Outcome {
  text: string;
  relevant: string[];
  decision: Decision;
  intent?: string;
  band?: string;
  /** Routing confidence, retrieval top score and draft groundedness from the ticket's timeline. */
  confidence?: number;
  topScore?: number;
  /** How far retrieval's leading article was ahead of the next one. */
  leadMargin?: number;
  groundedness?: number;
  /** Gate reason codes of the decision. */
  reasons: string[];
  /** The delivered reply when auto-sent; the inbox draft when suggested (if any). */
  body?: string;
  cited: string[];
  /** Articles retrieval found, best first. */
  retrieved: string[];
  /** The answer is built from records (order or allowed lookup facts): exempt from the retrieval floor. */
  fromRecords: boolean;
  ms: number;
}

export interface AnswerMetrics {
  n: number;
  autoSent: number;
  suggested: number;
  escalated: number;
  goodAuto: number;
  badAuto: number;
  badAnswerRate: number;
  deflection: number;
}

const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Good: auto-sent and every cited article is relevant (at least one citation). */
export function isGood(o: Pick<Outcome, 'cited' | 'relevant'>): boolean {
  const rel = new Set(o.relevant);
  return o.cited.length > 0 && o.cited.every((id) => rel.has(id));
}

/** Shares of n for the decisions; badAnswerRate is a share of the auto-sent answers (0 when none). */
export function summarise(
  outcomes: readonly Pick<Outcome, 'decision' | 'cited' | 'relevant'>[],
): AnswerMetrics {
  const n = outcomes.length;
  const count = (d: Decision) => outcomes.filter((o) => o.decision === d).length;
  const auto = outcomes.filter((o) => o.decision === 'auto_sent');
  const good = auto.filter(isGood).length;
  const bad = auto.length - good;
  const share = (x: number) => (n === 0 ? 0 : round(x / n));
  return {
    n,
    autoSent: share(auto.length),
    suggested: share(count('suggested')),
    escalated: share(count('escalated')),
    goodAuto: good,
    badAuto: bad,
    badAnswerRate: auto.length === 0 ? 0 : round(bad / auto.length),
    deflection: share(good),
  };
}

export interface Floors {
  retrieval: number;
  groundedness: number;
  confidence: number;
}

const FLOOR_CODES = new Set(['low_retrieval', 'low_groundedness', 'low_confidence', 'checks_passed']);

/**
 * The gate's decision for one outcome at other floors, replayed from a run where every floor was 1: an
 * auto-band draft blocked only by floors goes out when it clears the given ones. Anything else keeps its
 * decision. Mirrors the floor checks of the gate (`services/gate/src/decision/decide.ts`).
 */
export function replay(o: Outcome, floors: Floors): Decision {
  const floorOnly = o.band === 'auto' && o.reasons.length > 0 && o.reasons.every((r) => FLOOR_CODES.has(r));
  if (!floorOnly || o.groundedness === undefined) return o.decision;
  const passes =
    o.groundedness >= floors.groundedness &&
    (o.fromRecords || (o.topScore ?? 0) >= floors.retrieval) &&
    (o.confidence ?? 0) >= floors.confidence;
  return passes ? 'auto_sent' : 'suggested';
}

/** Metrics over a grid of floors, best deflection first among points at or under `maxBad`. */
export function sweep(
  outcomes: readonly Outcome[],
  grid: { retrieval: number[]; groundedness: number[]; confidence: number[] },
): Array<Floors & AnswerMetrics> {
  const points: Array<Floors & AnswerMetrics> = [];
  for (const retrieval of grid.retrieval)
    for (const groundedness of grid.groundedness)
      for (const confidence of grid.confidence) {
        const floors = { retrieval, groundedness, confidence };
        const replayed = outcomes.map((o) => ({ ...o, decision: replay(o, floors) }));
        points.push({ ...floors, ...summarise(replayed) });
      }
  return points;
}

type Api = ReturnType<typeof apiClient>;

interface TicketView {
  decision?: Decision;
  intent?: string;
  band?: string;
  reply?: { body: string; citations: Array<{ articleId: string }> };
  timeline: Array<{ type: string; detail?: Record<string, unknown> }>;
}

async function poll<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not settle in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** Posts one query as an anonymous ticket and reads back its decision, reply or inbox draft. */
async function ask(
  api: Api,
  query: { text: string; relevant_ids: string[] },
  timeoutMs: number,
): Promise<Outcome> {
  const start = performance.now();
  const posted = await api.postTicket({ customer: { name: 'Eval' }, body: query.text });
  if (posted.status !== 202) throw new Error(`POST /v1/tickets answered ${posted.status}`);
  const id = posted.body.ticketId as string;
  const view = await poll(`ticket ${id}`, timeoutMs, async () => {
    const res = await api.getTicket(id);
    const v = res.body as unknown as TicketView;
    if (res.status !== 200 || !v.decision) return undefined;
    if (v.decision === 'auto_sent' && !v.reply) return undefined;
    return v;
  });
  const ms = performance.now() - start;
  const detail = (type: string) => view.timeline.find((t) => t.type === type)?.detail ?? {};
  const reasons = detail('ticket.decided').reasons;
  let draft: DraftView | undefined;
  if (view.decision === 'suggested') {
    draft = await poll(`inbox item of ${id}`, timeoutMs, async () => {
      const res = await api.call('handoff', 'GET', `/v1/inbox/inb_${id}_1`, undefined, undefined);
      return res.status === 200 ? ((res.body.draft ?? null) as DraftView | null) : undefined;
    }).then((d) => d ?? undefined);
  }
  const citations = view.reply?.citations ?? draft?.citations ?? [];
  return {
    text: query.text,
    relevant: query.relevant_ids,
    decision: view.decision!,
    ...(view.intent ? { intent: view.intent } : {}),
    ...(view.band ? { band: view.band } : {}),
    // The gate's confidence floor reads the handling confidence when the router gives one.
    ...optional(
      'confidence',
      num(detail('ticket.routed').handlingConfidence) ?? num(detail('ticket.routed').confidence),
    ),
    ...optional('topScore', num(detail('ticket.retrieved').topScore)),
    ...optional('leadMargin', num(detail('ticket.retrieved').leadMargin)),
    ...optional('groundedness', num(detail('ticket.resolved').groundedness)),
    reasons: Array.isArray(reasons) ? (reasons as string[]) : [],
    ...optional('body', view.reply?.body ?? draft?.body),
    cited: [...new Set(citations.map((c) => c.articleId))],
    retrieved: (detail('ticket.retrieved').articles as string[] | undefined) ?? [],
    fromRecords:
      draft !== undefined &&
      (draft.facts.some((f) => f.source === 'order') ||
        (draft.toolCalls.some((c) => c.status === 'ok') && draft.facts.some((f) => f.source === 'tool'))),
    ms: Math.round(ms),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** Runs `fn` over `items` with at most `limit` in flight, results in input order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Posts each query to a running stack and collects the outcomes (input order). */
export async function askAll(
  stack: Stack,
  queries: RetrievalSet['queries'],
  opts: { concurrency?: number; timeoutMs?: number } = {},
): Promise<Outcome[]> {
  const base = apiClient(stack);
  // The inbox is the agents' API: same client, the agent key.
  const api: Api = {
    ...base,
    call: (service, method, path, body, key) =>
      base.call(service, method, path, body, key ?? (service === 'handoff' ? stack.agentKey : stack.apiKey)),
  };
  return mapLimited(queries, opts.concurrency ?? 8, (q) => ask(api, q, opts.timeoutMs ?? 60_000));
}

/** The metrics of a run plus end-to-end latency percentiles (post to decision, in ms). */
export function report(outcomes: readonly Outcome[]): AnswerMetrics & { p50Ms: number; p99Ms: number } {
  const ms = outcomes.map((o) => o.ms);
  return { ...summarise(outcomes), p50Ms: percentile(ms, 50), p99Ms: percentile(ms, 99) };
}

function floorOption(args: SuiteArgs, name: string): string | undefined {
  const raw = args.options[name];
  if (raw === undefined) return undefined;
  const x = Number(raw);
  if (raw === 'true' || !Number.isFinite(x) || x < 0 || x > 1)
    throw new UsageError(`--${name} must be a number in [0, 1], got ${raw}`);
  return String(x);
}

const GRID = {
  retrieval: [0, 0.2, 0.25, 0.3, 0.32, 0.35, 0.4, 0.5],
  groundedness: [0.8, 1],
  confidence: [0, 0.6, 0.7, 0.8, 0.85, 0.9],
};

export async function run(args: SuiteArgs): Promise<Record<string, unknown>> {
  const file = requireOption(args, 'set');
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const set = parseRetrievalSet(file, data);
  const split = (args.options.split ?? 'all') as Split;
  if (split !== 'all' && split !== 'dev' && split !== 'held-out')
    throw new UsageError(`--split must be all, dev or held-out, got ${String(split)}`);
  const seed = Number(args.options.seed ?? 1);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got ${args.options.seed}`);
  const concurrency = Number(args.options.concurrency ?? 8);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new UsageError(`--concurrency must be a positive integer, got ${args.options.concurrency}`);
  const isSweep = args.options.sweep === 'true';
  const env: Record<string, string> = {};
  const floors: Array<[string, string]> = [
    ['retrieval-floor', 'GATE_RETRIEVAL_FLOOR'],
    ['groundedness-floor', 'GATE_GROUNDEDNESS_FLOOR'],
    ['confidence-floor', 'GATE_CONFIDENCE_FLOOR'],
    ['resolver-floor', 'RESOLVER_RETRIEVAL_FLOOR'],
  ];
  for (const [option, variable] of floors) {
    const value = floorOption(args, option);
    if (value !== undefined) env[variable] = value;
  }
  if (isSweep)
    Object.assign(env, {
      GATE_RETRIEVAL_FLOOR: '1',
      GATE_GROUNDEDNESS_FLOOR: '1',
      GATE_CONFIDENCE_FLOOR: '1',
    });

  const queries = splitQueries(set.queries, split, seed);
  const stack = await startStack({ label: 'answers', env });
  let outcomes: Outcome[];
  try {
    outcomes = await askAll(stack, queries, { concurrency });
  } finally {
    await stack.stop();
  }
  const details = args.options.details === 'true' ? { outcomes } : {};
  if (isSweep) {
    const points = sweep(outcomes, GRID).sort(
      (a, b) => b.deflection - a.deflection || a.badAnswerRate - b.badAnswerRate,
    );
    return { split, seed, n: outcomes.length, sweep: points, ...details };
  }
  return { split, seed, floors: env, ...report(outcomes), ...details };
}
