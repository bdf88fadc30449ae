// Posts tickets through the public API and reads back what the product made of each one: the decision,
// the reply or the inbox draft, and the signals every stage left in the ticket's timeline. Shared by the
// suites that measure the whole product from outside (`answers`, `golden`; `actions` posts through
// `postAdmitted`).
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Stack } from './stack.js';
import { apiClient } from './stack.js';

export type Decision = 'auto_sent' | 'suggested' | 'escalated';

/** The body of `POST /v1/tickets`. */
export interface TicketRequest {
  channel?: 'api' | 'email' | 'chat' | 'sms';
  customer: { email?: string; name?: string; phone?: string };
  subject?: string;
  body: string;
}

interface DraftView {
  body: string;
  citations: Array<{ articleId: string }>;
  facts: Array<{ source: string }>;
  toolCalls: Array<{ name: string; status: string }>;
  groundedness: number;
  usage?: { costUsd?: number };
}

export interface TimelineEntry {
  type: string;
  detail?: Record<string, unknown>;
}

interface TicketView {
  decision?: Decision;
  intent?: string;
  band?: string;
  reply?: { body: string; citations: Array<{ articleId: string }> };
  actions?: Array<{ tool: string; input: Record<string, unknown>; status: string }>;
  timeline: TimelineEntry[];
}

/** What one ticket came to, read back through the public API. */
export interface TicketOutcome {
  ticketId: string;
  decision: Decision;
  intent?: string;
  band?: string;
  /** Routing confidence, retrieval top score and draft groundedness from the ticket's timeline. */
  confidence?: number;
  /** The router's P(the turn is a complaint) and its sentiment score, from its timeline entry. */
  complaintLikelihood?: number;
  sentiment?: number;
  topScore?: number;
  /** How far retrieval's leading article was ahead of the next one. */
  leadMargin?: number;
  groundedness?: number;
  /** Share of the question a help-centre answer covers, as the composer measured it (absent for answers from records). */
  answerCoverage?: number;
  /** Gate reason codes of the decision. */
  reasons: string[];
  /** The answer model's probability that the draft is right, and the signals it read (auto-band drafts). */
  probability?: number;
  signals?: Record<string, number>;
  /** The delivered reply when auto-sent; the inbox draft when suggested (if any). */
  body?: string;
  cited: string[];
  /** Articles retrieval found, best first. */
  retrieved: string[];
  /** The answer is built from records (order or allowed lookup facts): exempt from the retrieval floor. */
  fromRecords: boolean;
  /** The consequential action the draft proposes (`cancel_order`...), if any. */
  action?: string;
  /** The store write read back to the customer for their "yes" (the ticket's latest action), if any. */
  proposal?: { tool: string; input: Record<string, unknown> };
  /** Model cost of the ticket in USD, from the usage the router and resolver recorded (0 offline). */
  costUsd: number;
  /** Post to decision (and delivered reply when auto-sent), in ms. */
  ms: number;
}

type Api = ReturnType<typeof apiClient>;

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

const coverageShare = (coverage: unknown): number | undefined =>
  typeof coverage === 'object' && coverage !== null
    ? num((coverage as { share?: unknown }).share)
    : undefined;

const signalsOf = (v: unknown): Record<string, number> | undefined =>
  typeof v === 'object' && v !== null && Object.values(v).every((x) => typeof x === 'number')
    ? (v as Record<string, number>)
    : undefined;

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

const costOfUsage = (usage: unknown): number | undefined =>
  typeof usage === 'object' && usage !== null ? num((usage as { costUsd?: unknown }).costUsd) : undefined;

/**
 * Model cost recorded in a ticket's timeline: the router's call plus the resolver's. The resolver records
 * the draft's usage and, for a hosted call, the call's own (`composerUsage`, also when its reply fell back
 * to the local draft), so the call's figure wins to count it once. Without any usage in the timeline the
 * draft's own usage is the answer.
 */
export function costOf(timeline: readonly TimelineEntry[], draftUsage?: { costUsd?: number }): number {
  let total = 0;
  let recorded = false;
  for (const entry of timeline) {
    const d = entry.detail ?? {};
    for (const cost of [costOfUsage(d.routerUsage), costOfUsage(d.composerUsage) ?? costOfUsage(d.usage)]) {
      if (cost === undefined) continue;
      total += cost;
      recorded = true;
    }
  }
  return recorded ? total : (num(draftUsage?.costUsd) ?? 0);
}

function proposalOf(view: TicketView): TicketOutcome['proposal'] {
  const last = view.actions?.at(-1);
  return last ? { tool: last.tool, input: last.input } : undefined;
}

/** The ticket view holds everything the decided turn produced, so it can be graded. */
export function viewComplete(v: Pick<TicketView, 'decision' | 'reply' | 'timeline' | 'actions'>): boolean {
  if (!v.decision) return false;
  if (v.decision === 'auto_sent' && !v.reply) return false;
  // The view reads the decision and the timeline in separate queries, so the gate's commit can land
  // between them: wait for its timeline entry too, or the outcome would miss the gate's reasons.
  const decided = v.timeline.find((t) => t.type === 'ticket.decided');
  if (!decided) return false;
  // A read-back's proposal reaches the view with an event of its own: without waiting for it, the step
  // towards the expected write would be graded as an answer.
  const reasons = decided.detail?.reasons;
  return !(Array.isArray(reasons) && reasons.includes('reads_back') && (v.actions?.length ?? 0) === 0);
}

/** Longest wait between two tries of a post the API refused for now, whatever its Retry-After says. */
const MAX_RETRY_WAIT_MS = 5_000;

/**
 * Posts a ticket (or a message to one) as an integration should: a 429 or 503 ("retry later", under load) is
 * tried again after its Retry-After until `timeoutMs` has passed, under one external id so a post that was
 * stored before its answer was lost is not stored twice. Any other answer is returned as it is.
 */
export async function postAdmitted<B extends object, R extends { status: number; retryAfterS?: number }>(
  post: (ticket: B & { externalId: string }) => Promise<R>,
  request: B,
  timeoutMs: number,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  now: () => number = Date.now,
): Promise<R> {
  const ticket = { ...request, externalId: `eval-${randomUUID()}` };
  const deadline = now() + timeoutMs;
  for (;;) {
    const posted = await post(ticket);
    if ((posted.status !== 429 && posted.status !== 503) || now() >= deadline) return posted;
    await sleep(Math.min(MAX_RETRY_WAIT_MS, Math.max(100, (posted.retryAfterS ?? 1) * 1000)));
  }
}

/** Posts one ticket and reads back its decision, reply or inbox draft, and timeline signals. */
async function ask(api: Api, request: TicketRequest, timeoutMs: number): Promise<TicketOutcome> {
  const start = performance.now();
  const posted = await postAdmitted(api.postTicket, request, timeoutMs);
  if (posted.status !== 202)
    throw new Error(`POST /v1/tickets answered ${posted.status}: ${JSON.stringify(posted.body)}`);
  const id = posted.body.ticketId as string;
  const view = await poll(`ticket ${id}`, timeoutMs, async () => {
    const res = await api.getTicket(id);
    const v = res.body as unknown as TicketView;
    return res.status === 200 && viewComplete(v) ? v : undefined;
  });
  const ms = performance.now() - start;
  const detail = (type: string) => view.timeline.find((t) => t.type === type)?.detail ?? {};
  // A hard rule makes the router emit `ticket.escalated` instead, with the same routing detail.
  const routed = view.timeline.some((t) => t.type === 'ticket.routed')
    ? detail('ticket.routed')
    : detail('ticket.escalated');
  const reasons = detail('ticket.decided').reasons;
  let draft: DraftView | undefined;
  if (view.decision === 'suggested') {
    draft = await poll(`inbox item of ${id}`, timeoutMs, async () => {
      const res = await api.call('handoff', 'GET', `/v1/inbox/inb_${id}_1`);
      return res.status === 200 ? ((res.body.draft ?? null) as DraftView | null) : undefined;
    }).then((d) => d ?? undefined);
  }
  const citations = view.reply?.citations ?? draft?.citations ?? [];
  const action = detail('ticket.resolved').action;
  return {
    ticketId: id,
    decision: view.decision!,
    ...(view.intent ? { intent: view.intent } : {}),
    ...(view.band ? { band: view.band } : {}),
    // The gate's confidence floor reads the handling confidence when the router gives one.
    ...optional('confidence', num(routed.handlingConfidence) ?? num(routed.confidence)),
    ...optional('complaintLikelihood', num(routed.complaintLikelihood)),
    ...optional('sentiment', num(routed.sentiment)),
    ...optional('topScore', num(detail('ticket.retrieved').topScore)),
    ...optional('leadMargin', num(detail('ticket.retrieved').leadMargin)),
    ...optional('groundedness', num(detail('ticket.resolved').groundedness)),
    ...optional('answerCoverage', coverageShare(detail('ticket.resolved').coverage)),
    reasons: Array.isArray(reasons) ? (reasons as string[]) : [],
    ...optional('probability', num(detail('ticket.decided').probability)),
    ...optional('signals', signalsOf(detail('ticket.decided').signals)),
    ...optional('body', view.reply?.body ?? draft?.body),
    cited: [...new Set(citations.map((c) => c.articleId))],
    retrieved: (detail('ticket.retrieved').articles as string[] | undefined) ?? [],
    fromRecords:
      draft !== undefined &&
      (draft.facts.some((f) => f.source === 'order') ||
        (draft.toolCalls.some((c) => c.status === 'ok') && draft.facts.some((f) => f.source === 'tool'))),
    ...optional('action', typeof action === 'string' ? action : undefined),
    ...optional('proposal', proposalOf(view)),
    costUsd: costOf(view.timeline, draft?.usage),
    ms: Math.round(ms),
  };
}

/** Runs `fn` over `items` with at most `limit` in flight, results in input order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (t: T) => Promise<R>,
): Promise<R[]> {
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

/** Posts each ticket to a running stack and collects the outcomes (input order). */
export async function askTickets(
  stack: Stack,
  requests: readonly TicketRequest[],
  opts: { concurrency?: number; timeoutMs?: number } = {},
): Promise<TicketOutcome[]> {
  const base = apiClient(stack);
  // The inbox is the agents' API: same client, the agent key.
  const api: Api = {
    ...base,
    call: (service, method, path, body, key) =>
      base.call(service, method, path, body, key ?? (service === 'handoff' ? stack.agentKey : stack.apiKey)),
  };
  return mapLimited(requests, opts.concurrency ?? 8, (r) => ask(api, r, opts.timeoutMs ?? 60_000));
}
