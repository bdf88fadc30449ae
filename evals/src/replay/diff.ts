// What would change (pure): each replayed ticket's turns side by side with the originals, the decisions
// that moved between auto-send, suggestion and escalation, the articles cited differently, the facts the
// candidate's answer no longer gives, and the cost and latency of both.
import { percentile } from '../suites/retrieval.js';
import type { AnswerFact } from './facts.js';
import { answerFacts, lostFacts } from './facts.js';
import type { StoredTicket, TurnOutcome } from './records.js';

export interface TurnDiff {
  turn: number;
  /** The customer's message. */
  body: string;
  original: TurnOutcome | null;
  candidate: TurnOutcome | null;
  /** The decision differs (or only one side reached one). */
  moved: boolean;
  /** Articles the candidate's answer cites and the original's did not, and the other way round. */
  citedAdded: string[];
  citedRemoved: string[];
  /** Facts of the original answer the candidate's answer does not give. */
  lost: AnswerFact[];
}

export interface TicketDiff {
  ticketId: string;
  candidateTicketId?: string;
  channel: string;
  turns: TurnDiff[];
  moved: boolean;
  citationsChanged: boolean;
  lostFacts: number;
  original: { costUsd: number; latencyMs: number };
  candidate: { costUsd: number; latencyMs: number };
  /** Why the candidate has no outcome for some turn (it never reached a decision in time). */
  error?: string;
}

const total = (turns: readonly TurnDiff[], side: 'original' | 'candidate', key: 'costUsd' | 'latencyMs') =>
  turns.reduce((s, t) => s + (t[side]?.[key] ?? 0), 0);

/**
 * Compares one original ticket with its replay. `articles` holds the original help centre's article texts
 * (to find the sentences an answer quotes); a turn the replay has no counterpart for compares with nothing.
 */
export function diffTicket(
  original: StoredTicket,
  candidate: StoredTicket | undefined,
  articles: ReadonlyMap<string, string>,
  error?: string,
): TicketDiff {
  const turns = original.turns.map((o, i): TurnDiff => {
    const c = candidate?.turns[i]?.outcome ?? null;
    const before = o.outcome;
    const was = new Set(before?.answer?.cited ?? []);
    const now = new Set(c?.answer?.cited ?? []);
    const facts = before?.answer
      ? answerFacts(
          before.answer.body,
          before.answer.cited.map((id) => articles.get(id) ?? ''),
        )
      : [];
    return {
      turn: o.turn,
      body: o.body,
      original: before,
      candidate: c,
      moved: before?.decision !== c?.decision,
      citedAdded: [...now].filter((id) => !was.has(id)).sort(),
      citedRemoved: [...was].filter((id) => !now.has(id)).sort(),
      lost: lostFacts(facts, c?.answer?.body),
    };
  });
  return {
    ticketId: original.id,
    ...(candidate ? { candidateTicketId: candidate.id } : {}),
    channel: original.channel,
    turns,
    moved: turns.some((t) => t.moved),
    citationsChanged: turns.some((t) => t.citedAdded.length + t.citedRemoved.length > 0),
    lostFacts: turns.reduce((s, t) => s + t.lost.length, 0),
    original: {
      costUsd: total(turns, 'original', 'costUsd'),
      latencyMs: total(turns, 'original', 'latencyMs'),
    },
    candidate: {
      costUsd: total(turns, 'candidate', 'costUsd'),
      latencyMs: total(turns, 'candidate', 'latencyMs'),
    },
    ...(error ? { error } : {}),
  };
}

export interface Move {
  ticketId: string;
  turn: number;
  from: string;
  to: string;
}

export interface ReplaySummary {
  tickets: number;
  turns: number;
  /** Every turn whose decision moved. */
  moves: Move[];
  /** `auto_sent -> suggested`: how many turns moved that way. */
  transitions: Record<string, number>;
  ticketsMoved: number;
  ticketsCitingDifferently: number;
  ticketsLosingFacts: number;
  factsLost: number;
  /** Tickets the candidate did not finish. */
  errors: number;
  cost: { originalUsd: number; candidateUsd: number };
  /** Per turn, message to decision. */
  latency: { originalP50Ms: number; originalP95Ms: number; candidateP50Ms: number; candidateP95Ms: number };
}

const side = (d: TurnOutcome | null) => d?.decision ?? 'none';
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function summarise(diffs: readonly TicketDiff[]): ReplaySummary {
  const turns = diffs.flatMap((d) => d.turns.map((t) => ({ ticketId: d.ticketId, t })));
  const moves = turns
    .filter(({ t }) => t.moved)
    .map(({ ticketId, t }) => ({ ticketId, turn: t.turn, from: side(t.original), to: side(t.candidate) }));
  const transitions: Record<string, number> = {};
  for (const m of moves) transitions[`${m.from} -> ${m.to}`] = (transitions[`${m.from} -> ${m.to}`] ?? 0) + 1;
  const latencies = (s: 'original' | 'candidate') =>
    turns.flatMap(({ t }) => (t[s] ? [t[s]!.latencyMs] : []));
  return {
    tickets: diffs.length,
    turns: turns.length,
    moves,
    transitions,
    ticketsMoved: diffs.filter((d) => d.moved).length,
    ticketsCitingDifferently: diffs.filter((d) => d.citationsChanged).length,
    ticketsLosingFacts: diffs.filter((d) => d.lostFacts > 0).length,
    factsLost: diffs.reduce((s, d) => s + d.lostFacts, 0),
    errors: diffs.filter((d) => d.error !== undefined).length,
    cost: {
      originalUsd: round(
        diffs.reduce((s, d) => s + d.original.costUsd, 0),
        6,
      ),
      candidateUsd: round(
        diffs.reduce((s, d) => s + d.candidate.costUsd, 0),
        6,
      ),
    },
    latency: {
      originalP50Ms: percentile(latencies('original'), 50),
      originalP95Ms: percentile(latencies('original'), 95),
      candidateP50Ms: percentile(latencies('candidate'), 50),
      candidateP95Ms: percentile(latencies('candidate'), 95),
    },
  };
}
