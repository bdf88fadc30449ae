// `pnpm --silent evals answers --set <file.json> [--split all|dev|held-out] [--seed 1] [--concurrency 8]
//   [--answer-threshold x] [--answer-model file] [--groundedness-floor x] [--resolver-floor x]
//   [--sweep true] [--details true] [--json]`
// Answer quality of the whole product: starts the six services (the demo store seeded), posts every query of
// the set as an anonymous ticket through the public API and reads back each decision and its citations.
// An auto-sent answer is good when every article it cites is relevant to the query, bad otherwise. An
// auto-sent question for the details a request needs (which order, which email) is not an answer: it is
// counted as `askedDetails`, neither good nor bad.
// `--sweep true` starts the gate with the answer threshold at 1 (nothing auto-sends on the model's word,
// every draft the policy checks let through reaches the inbox with its probability) and replays every
// threshold. A chosen point is then confirmed by a normal run with `--answer-threshold`.
import { readFile } from 'node:fs/promises';
import { UsageError, positiveIntOption, requireOption } from '../dispatch.js';
import type { SuiteArgs } from '../dispatch.js';
import { floorEnv, replay, sweepThresholds } from '../floors.js';
import type { Stack } from '../stack.js';
import { startStack } from '../stack.js';
import type { Decision, TicketOutcome } from '../tickets.js';
import { askTickets } from '../tickets.js';
import type { RetrievalSet, Split } from './retrieval.js';
import { parseRetrievalSet, percentile, splitQueries } from './retrieval.js';

export type { Decision } from '../tickets.js';
export { replay } from '../floors.js';

/** What one query's ticket came to, read back through the public API. */
export type Outcome = Omit<TicketOutcome, 'ticketId' | 'action' | 'costUsd'> & {
  text: string;
  relevant: string[];
};

export interface AnswerMetrics {
  n: number;
  autoSent: number;
  suggested: number;
  escalated: number;
  goodAuto: number;
  badAuto: number;
  badAnswerRate: number;
  deflection: number;
  /** Auto-sent questions for the details a request needs: steps towards a write, not answers. */
  askedDetails: number;
}

const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Good: auto-sent and every cited article is relevant (at least one citation). */
export function isGood(o: Pick<Outcome, 'cited' | 'relevant'>): boolean {
  const rel = new Set(o.relevant);
  return o.cited.length > 0 && o.cited.every((id) => rel.has(id));
}

/**
 * An auto-sent reply that asks for the details a request needs before anything can be done (the set's
 * questions are anonymous, so "stop my order" can only be answered with "which order?"). It cites nothing and
 * proposes nothing: judging it as an answer would count every such reply as a wrong one.
 */
export function asksDetails(o: Pick<Outcome, 'decision' | 'reasons' | 'cited'>): boolean {
  return o.decision === 'auto_sent' && o.reasons.includes('asks_details') && o.cited.length === 0;
}

/**
 * Shares of n for the decisions; badAnswerRate is a share of the auto-sent answers (0 when none), requests
 * for details left out of both.
 */
export function summarise(
  outcomes: readonly Pick<Outcome, 'decision' | 'cited' | 'relevant' | 'reasons'>[],
): AnswerMetrics {
  const n = outcomes.length;
  const count = (d: Decision) => outcomes.filter((o) => o.decision === d).length;
  const asked = outcomes.filter(asksDetails).length;
  const auto = outcomes.filter((o) => o.decision === 'auto_sent' && !asksDetails(o));
  const good = auto.filter(isGood).length;
  const bad = auto.length - good;
  const share = (x: number) => (n === 0 ? 0 : round(x / n));
  return {
    n,
    autoSent: share(count('auto_sent')),
    suggested: share(count('suggested')),
    escalated: share(count('escalated')),
    goodAuto: good,
    badAuto: bad,
    badAnswerRate: auto.length === 0 ? 0 : round(bad / auto.length),
    deflection: share(good),
    askedDetails: asked,
  };
}

/** Metrics at every answer threshold the outcomes give, strictest first. */
export function sweep(outcomes: readonly Outcome[]): Array<{ threshold: number } & AnswerMetrics> {
  return sweepThresholds(outcomes).map((threshold) => ({
    threshold,
    ...summarise(outcomes.map((o) => ({ ...o, decision: replay(o, threshold) }))),
  }));
}

/** Posts each query as an anonymous ticket to a running stack and collects the outcomes (input order). */
export async function askAll(
  stack: Stack,
  queries: RetrievalSet['queries'],
  opts: { concurrency?: number; timeoutMs?: number } = {},
): Promise<Outcome[]> {
  const requests = queries.map((q) => ({ customer: { name: 'Eval' }, body: q.text }));
  const outcomes = await askTickets(stack, requests, opts);
  return outcomes.map((o, i) => ({ text: queries[i]!.text, relevant: queries[i]!.relevant_ids, ...o }));
}

/** The metrics of a run plus end-to-end latency percentiles (post to decision, in ms). */
export function report(outcomes: readonly Outcome[]): AnswerMetrics & { p50Ms: number; p99Ms: number } {
  const ms = outcomes.map((o) => o.ms);
  return { ...summarise(outcomes), p50Ms: percentile(ms, 50), p99Ms: percentile(ms, 99) };
}

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
  const concurrency = positiveIntOption(args, 'concurrency', 8);
  const isSweep = args.options.sweep === 'true';
  const env = floorEnv(args, isSweep);

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
    const points = sweep(outcomes).sort(
      (a, b) => b.deflection - a.deflection || a.badAnswerRate - b.badAnswerRate,
    );
    return { split, seed, n: outcomes.length, sweep: points, ...details };
  }
  return { split, seed, floors: env, ...report(outcomes), ...details };
}
