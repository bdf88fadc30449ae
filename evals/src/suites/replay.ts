// `pnpm --silent evals replay --from <time> --to <time> --candidate <env file> [--limit N] [--html report.html]
//   [--source-schema <schema>] [--workspace default] [--store source|demo] [--concurrency 4] [--json]`
// Shadow replay: the tickets a deployment stored (DATABASE_URL, schema --source-schema, default DATABASE_SCHEMA
// or public) created in [from, to) go through a candidate configuration (the env file: another model file,
// floors, composer tier, help centre...) on a stack of their own (private bus prefix and schema, the
// deployment's store and help centre copied in), and the report says what would change per ticket. Nothing
// reaches a customer: delivery variables are blanked, so every channel only records.
import { readFile, writeFile } from 'node:fs/promises';
import { createDb } from '@parley/db';
import type { SuiteArgs } from '../dispatch.js';
import { UsageError, positiveIntOption, requireOption } from '../dispatch.js';
import type { CandidateEnv } from '../replay/candidate.js';
import { candidateEnv } from '../replay/candidate.js';
import { KNOWLEDGE_TABLES, STORE_TABLES, copyFromSchema } from '../replay/copy.js';
import type { ReplaySummary, TicketDiff } from '../replay/diff.js';
import { diffTicket, summarise } from '../replay/diff.js';
import { renderReplayReport } from '../replay/html.js';
import type { StoredTicket } from '../replay/records.js';
import { articleTexts, loadTicket, ticketsInWindow } from '../replay/records.js';
import { replayTickets } from '../replay/runner.js';
import { startStack } from '../stack.js';

export interface ReplayResult {
  window: { from: string; to: string; limit: number | null; workspace: string };
  source: { schema: string };
  candidate: { file: string; settings: CandidateEnv['settings']; ignored: CandidateEnv['ignored'] };
  /** Rows copied into the replay's schema per table (-1: the source has no such table). */
  copied: Record<string, number>;
  summary: ReplaySummary;
  tickets: TicketDiff[];
  html?: string;
}

function time(args: SuiteArgs, name: string): Date {
  const raw = requireOption(args, name);
  const at = new Date(raw);
  if (Number.isNaN(at.getTime()))
    throw new UsageError(`--${name} must be a time (ISO 8601, e.g. 2026-12-01T00:00:00Z), got ${raw}`);
  return at;
}

function options(args: SuiteArgs, env: Readonly<Record<string, string | undefined>>) {
  const from = time(args, 'from');
  const to = time(args, 'to');
  if (from >= to) throw new UsageError('--from must be before --to');
  const store = args.options.store ?? 'source';
  if (store !== 'source' && store !== 'demo')
    throw new UsageError(`--store must be source or demo, got ${store}`);
  for (const name of ['html', 'source-schema', 'workspace'])
    if (args.options[name] === 'true') throw new UsageError(`--${name} needs a value`);
  return {
    from,
    to,
    limit: args.options.limit === undefined ? undefined : positiveIntOption(args, 'limit', 1),
    candidate: requireOption(args, 'candidate'),
    html: args.options.html,
    sourceSchema: args.options['source-schema'] ?? env.DATABASE_SCHEMA ?? 'public',
    workspace: args.options.workspace ?? 'default',
    store: store as 'source' | 'demo',
    concurrency: positiveIntOption(args, 'concurrency', 4),
    timeoutMs: positiveIntOption(args, 'timeout-ms', 60_000),
  };
}

async function readSource(
  url: string,
  schema: string,
  window: Parameters<typeof ticketsInWindow>[1],
): Promise<{ tickets: StoredTicket[]; articles: Map<string, string> }> {
  const source = createDb({
    url,
    schema,
    poolMax: 2,
    statementTimeoutMs: 60_000,
    applicationName: 'parley-replay',
  });
  try {
    let ids: string[];
    try {
      ids = await ticketsInWindow(source.db, window);
    } catch (err) {
      if ((err as { code?: string }).code === '42P01')
        throw new UsageError(`schema ${schema} has no tickets table (set --source-schema)`);
      throw err;
    }
    const tickets: StoredTicket[] = [];
    for (const id of ids) {
      const t = await loadTicket(source.db, id);
      if (t && t.turns.length > 0) tickets.push(t);
    }
    return { tickets, articles: await articleTexts(source.db) };
  } finally {
    await source.close();
  }
}

export async function run(
  args: SuiteArgs,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<ReplayResult> {
  const opt = options(args, env);
  let text: string;
  try {
    text = await readFile(opt.candidate, 'utf8');
  } catch (err) {
    throw new UsageError(`--candidate ${opt.candidate}: ${(err as Error).message}`);
  }
  const candidate = candidateEnv(text, env);
  const url = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const window = {
    from: opt.from,
    to: opt.to,
    workspace: opt.workspace,
    ...(opt.limit ? { limit: opt.limit } : {}),
  };
  const { tickets, articles } = await readSource(url, opt.sourceSchema, window);

  // The candidate's own help centre replaces the deployment's; otherwise the deployment's is copied in.
  const tables = [
    ...(opt.store === 'source' ? STORE_TABLES : []),
    ...(candidate.env.RETRIEVAL_HELP_CENTRE_DIR ? [] : KNOWLEDGE_TABLES),
  ];
  let copied: Record<string, number> = {};
  let diffs: TicketDiff[] = [];
  if (tickets.length > 0) {
    const stack = await startStack({
      label: 'replay',
      env: candidate.env,
      prepare: async (db) => {
        copied = await copyFromSchema(db, opt.sourceSchema, tables);
      },
    });
    try {
      const replayed = await replayTickets(stack, tickets, {
        concurrency: opt.concurrency,
        timeoutMs: opt.timeoutMs,
      });
      diffs = replayed.map((r) => diffTicket(r.original, r.candidate, articles, r.error));
    } finally {
      await stack.stop();
    }
  }
  const result: ReplayResult = {
    window: {
      from: opt.from.toISOString(),
      to: opt.to.toISOString(),
      limit: opt.limit ?? null,
      workspace: opt.workspace,
    },
    source: { schema: opt.sourceSchema },
    candidate: { file: opt.candidate, settings: candidate.settings, ignored: candidate.ignored },
    copied,
    summary: summarise(diffs),
    tickets: diffs,
  };
  if (opt.html !== undefined) {
    await writeFile(opt.html, htmlOf(result), 'utf8');
    result.html = opt.html;
  }
  return result;
}

export function htmlOf(r: ReplayResult): string {
  return renderReplayReport({
    facts: [
      ['window', `${r.window.from} to ${r.window.to}${r.window.limit ? `, first ${r.window.limit}` : ''}`],
      ['workspace', r.window.workspace],
      ['source schema', r.source.schema],
      ['candidate', r.candidate.file],
    ],
    settings: r.candidate.settings,
    ignored: r.candidate.ignored,
    summary: r.summary,
    tickets: r.tickets,
  });
}

export function format(result: Record<string, unknown>): string {
  const r = result as unknown as ReplayResult;
  const s = r.summary;
  const lines = [
    `replay of ${s.tickets} tickets (${s.turns} customer turns) from ${r.source.schema}, ${r.window.from} to ${r.window.to}, through ${r.candidate.file}`,
    `  settings: ${
      Object.entries(r.candidate.settings)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ') || '(none: the defaults)'
    }`,
    ...r.candidate.ignored.map((i) => `  not passed on: ${i.name} (${i.why})`),
    `  decisions moved: ${s.moves.length} turns in ${s.ticketsMoved} tickets${Object.entries(s.transitions)
      .map(([k, v]) => `; ${k}: ${v}`)
      .join('')}`,
    `  cite differently: ${s.ticketsCitingDifferently} tickets; lost facts: ${s.factsLost} in ${s.ticketsLosingFacts} tickets`,
    `  cost: $${s.cost.originalUsd.toFixed(4)} -> $${s.cost.candidateUsd.toFixed(4)}; latency p50 ${s.latency.originalP50Ms} -> ${s.latency.candidateP50Ms} ms, p95 ${s.latency.originalP95Ms} -> ${s.latency.candidateP95Ms} ms`,
    ...(s.errors > 0 ? [`  unfinished: ${s.errors} tickets`] : []),
    ...(r.html ? [`  report: ${r.html}`] : []),
  ];
  const changed = r.tickets.filter((d) => d.moved || d.citationsChanged || d.lostFacts > 0 || d.error);
  if (changed.length > 0) {
    lines.push(
      '',
      'ticket                          turn  original      candidate     cites          lost facts',
    );
    for (const d of changed)
      for (const t of d.turns) {
        const cites = [...t.citedAdded.map((a) => `+${a}`), ...t.citedRemoved.map((a) => `-${a}`)].join(' ');
        lines.push(
          `${d.ticketId.padEnd(32)}${String(t.turn).padStart(4)}  ${(t.original?.decision ?? 'none').padEnd(12)}  ${(t.candidate?.decision ?? 'none').padEnd(12)}  ${cites.padEnd(14)} ${t.lost.map((f) => `${f.kind}: ${f.text}`).join('; ')}${d.error ? `  (${d.error})` : ''}`,
        );
      }
  }
  return lines.join('\n');
}
