import type { apiClient } from '../stack.js';
import type { TimelineEntry } from '../tickets.js';
import { costOf, postAdmitted } from '../tickets.js';
import type { SimulatedCustomer } from './customer.js';

type Api = ReturnType<typeof apiClient>;

interface View {
  decision?: string;
  reply?: { body: string; deliveredAt: string };
  timeline: TimelineEntry[];
  actions: Array<{ actionId: string; tool: string; input: Record<string, unknown>; status: string }>;
}

export interface Conversation {
  ticketId: string;
  /** Messages the customer sent. */
  turns: number;
  /** Why it stopped: the customer had nothing more to say, or the turn went to a person, or timed out. */
  end: 'customer_done' | 'handed_over' | 'timeout' | 'turn_cap';
  executed: Array<{ tool: string; input: Record<string, unknown> }>;
  toolRounds: number;
  costUsd: number;
  /**
   * The routed intent and the gate's reasons on the last turn (why it went to a person, when it did), with the
   * router's confidence, handling confidence, band and rules on that turn.
   */
  last: { intent?: string; reasons: string[]; routing?: Record<string, unknown> };
  /** What each side said, in order (`customer:` / `bot:` lines). */
  transcript: string[];
}

const MAX_TURNS = 16;
const SETTLED = new Set(['executed', 'refused', 'failed']);

async function poll<T>(timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) return undefined;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function view(api: Api, id: string): Promise<View | undefined> {
  const res = await api.getTicket(id);
  return res.status === 200 ? (res.body as unknown as View) : undefined;
}

const decidedCount = (v: View) => v.timeline.filter((t) => t.type === 'ticket.decided').length;

/**
 * Holds one conversation through the public API: the opening ticket, then each reply answered by the simulated
 * customer until it stops or a turn goes to a person. A "yes" is followed to the action's outcome message.
 */
export async function converse(
  api: Api,
  customer: SimulatedCustomer,
  opts: { timeoutMs: number },
): Promise<Conversation> {
  const opening = customer.opening();
  const posted = await postAdmitted(api.postTicket, { channel: 'chat', ...opening }, opts.timeoutMs);
  if (posted.status !== 202)
    throw new Error(`POST /v1/tickets answered ${posted.status}: ${JSON.stringify(posted.body)}`);
  const ticketId = posted.body.ticketId as string;
  const transcript = [`customer: ${opening.body}`];
  let turns = 1;
  let lastReply: string | undefined;
  let confirming = false;
  let end: Conversation['end'] = 'turn_cap';
  let last: View | undefined;
  while (turns <= MAX_TURNS) {
    const decided = await poll(opts.timeoutMs, async () => {
      const v = await view(api, ticketId);
      if (!v || decidedCount(v) < turns || !v.decision) return undefined;
      if (!confirming && v.decision === 'auto_sent' && v.reply?.deliveredAt === lastReply) return undefined;
      if (!confirming && v.decision === 'auto_sent' && !v.reply) return undefined;
      return v;
    });
    if (!decided) {
      end = 'timeout';
      break;
    }
    last = decided;
    if (decided.decision !== 'auto_sent') {
      end = 'handed_over';
      break;
    }
    let settled = false;
    let reply = decided.reply;
    if (confirming) {
      // The yes authorised the action: wait for its outcome and the message that tells the customer.
      const done = await poll(opts.timeoutMs, async () => {
        const v = await view(api, ticketId);
        const action = v?.actions.at(-1);
        if (!v || !action || !SETTLED.has(action.status)) return undefined;
        if (!v.reply || v.reply.deliveredAt === lastReply) return undefined;
        return v;
      });
      if (!done) {
        end = 'timeout';
        break;
      }
      last = done;
      settled = done.actions.at(-1)!.status === 'executed';
      reply = done.reply;
    }
    lastReply = reply?.deliveredAt;
    transcript.push(`bot: ${reply?.body ?? ''}`);
    const next = customer.reply(reply?.body ?? '', { settled: confirming && settled });
    // Only a yes waits for an action's outcome; "add the lamp as well" at a read-back gets a new read-back.
    confirming = next !== null && customer.saidYes && !customer.done;
    if (next === null) {
      end = 'customer_done';
      break;
    }
    transcript.push(`customer: ${next}`);
    const sent = await postAdmitted(
      (message) => api.call('ingress', 'POST', `/v1/tickets/${ticketId}/messages`, message),
      { body: next },
      opts.timeoutMs,
    );
    if (sent.status !== 202)
      throw new Error(`POST messages answered ${sent.status}: ${JSON.stringify(sent.body)}`);
    turns += 1;
  }
  const final = (await view(api, ticketId)) ?? last;
  const executed = (final?.actions ?? [])
    .filter((a) => a.status === 'executed')
    .map((a) => ({ tool: a.tool, input: a.input }));
  const toolRounds = (final?.timeline ?? [])
    .filter((t) => t.type === 'ticket.resolved')
    .reduce((n, t) => n + (Array.isArray(t.detail?.composerRounds) ? t.detail.composerRounds.length : 0), 0);
  const detail = (type: string) =>
    [...(final?.timeline ?? [])].reverse().find((t) => t.type === type)?.detail ?? {};
  const reasons = detail('ticket.decided').reasons;
  const routed = [...(final?.timeline ?? [])]
    .reverse()
    .find((t) => t.type === 'ticket.routed' || t.type === 'ticket.escalated')?.detail;
  const intent = routed?.intent;
  const routing = routed
    ? Object.fromEntries(
        ['confidence', 'handlingConfidence', 'band', 'rules']
          .filter((k) => k in routed)
          .map((k) => [k, routed[k]]),
      )
    : undefined;
  return {
    ticketId,
    turns,
    end,
    executed,
    toolRounds,
    costUsd: costOf(final?.timeline ?? []),
    last: {
      ...(typeof intent === 'string' ? { intent } : {}),
      reasons: Array.isArray(reasons) ? reasons.map(String) : [],
      ...(routing ? { routing } : {}),
    },
    transcript,
  };
}
