import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DayRange } from './range.js';

/** An agent's send that kept less than this share of the draft counts as a bad answer. */
export const LOW_SURVIVAL = 0.5;

export interface QualityFigures {
  /** Turns decided (auto-sent, suggested or escalated). */
  turns: number;
  autoSent: number;
  /** Share of turns answered with no person: autoSent / turns. */
  deflection: number;
  ratings: { up: number; down: number };
  /** Share of ratings that are up; null with no rating. */
  csat: number | null;
  /** Auto-sent turns the customer wrote again after (other than answering a read-back with yes or no). */
  reopens: number;
  /** Drafts an agent sent, and those of which less than LOW_SURVIVAL survived. */
  edits: number;
  lowSurvivalEdits: number;
  meanSurvival: number | null;
  /** Down-ratings + reopens + low-survival edits. */
  badAnswerSignals: number;
  costUsd: number;
  /** Auto-sent turns not reopened, plus turns an agent answered. */
  resolutions: number;
  costPerResolution: number | null;
  /** From the turn reaching ingress to its decision. */
  p95LatencyMs: number | null;
  judge: { judged: number; passed: number; passRate: number | null; meanScore: number | null };
}

export interface QualityReport {
  workspace: string;
  from: string;
  to: string;
  lowSurvivalBelow: number;
  /** Per UTC day and intent, days in order, then intents by name. */
  rows: Array<{ day: string; intent: string } & QualityFigures>;
  /** Per intent over the whole range. */
  totals: Array<{ intent: string } & QualityFigures>;
}

interface Row {
  day: string | null;
  intent: string;
  turns: string;
  auto_sent: string;
  up: string;
  down: string;
  reopens: string;
  edits: string;
  low_edits: string;
  mean_survival: number | null;
  cost_usd: number;
  resolutions: string;
  p95_ms: number | null;
  judged: string;
  judge_passed: string;
  judge_score: number | null;
}

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;
const share = (part: number, whole: number) => (whole > 0 ? round(part / whole, 4) : null);

function figures(r: Row): QualityFigures {
  const n = (v: string) => Number(v);
  const turns = n(r.turns);
  const [up, down, reopens, lowEdits] = [n(r.up), n(r.down), n(r.reopens), n(r.low_edits)];
  const resolutions = n(r.resolutions);
  const judged = n(r.judged);
  return {
    turns,
    autoSent: n(r.auto_sent),
    deflection: share(n(r.auto_sent), turns) ?? 0,
    ratings: { up, down },
    csat: share(up, up + down),
    reopens,
    edits: n(r.edits),
    lowSurvivalEdits: lowEdits,
    meanSurvival: r.mean_survival === null ? null : round(r.mean_survival, 3),
    badAnswerSignals: down + reopens + lowEdits,
    costUsd: round(r.cost_usd, 6),
    resolutions,
    costPerResolution: resolutions > 0 ? round(r.cost_usd / resolutions, 6) : null,
    p95LatencyMs: r.p95_ms === null ? null : Math.round(r.p95_ms),
    judge: {
      judged,
      passed: n(r.judge_passed),
      passRate: share(n(r.judge_passed), judged),
      meanScore: r.judge_score === null ? null : round(r.judge_score, 3),
    },
  };
}

/**
 * The quality report of a workspace over a range of days, from handoff's own tables: the read model the events
 * fill (decided turns, ratings), the agents' draft reviews and the judge's grades. Every signal counts on the
 * day and intent of the turn it is about. One query: per (day, intent) and per intent, with grouping sets.
 */
export async function qualityReport(
  db: Kysely<Database>,
  workspace: string,
  range: DayRange,
): Promise<QualityReport> {
  const { rows } = await sql<Row>`
    with turn as (
      select t.intent, t.decision, t.cost_usd,
        to_char(t.decided_at at time zone 'UTC', 'YYYY-MM-DD') as day,
        extract(epoch from (t.decided_at - t.received_at)) * 1000 as latency_ms,
        r.rating,
        t.decision = 'auto_sent' and exists (
          select 1 from quality_turns n
          where n.ticket_id = t.ticket_id and n.turn = t.turn + 1 and not n.confirmation
        ) as reopened,
        d.survival, d.inbox_item_id is not null as agent_answered,
        j.passed as judge_passed, j.score as judge_score
      from quality_turns t
      left join quality_ratings r on r.ticket_id = t.ticket_id and r.turn = t.turn
      left join lateral (
        select survival, inbox_item_id from draft_reviews
        where ticket_id = t.ticket_id and turn = t.turn order by reviewed_at desc limit 1
      ) d on true
      -- A model's grade where there is one, else the deterministic checks'.
      left join lateral (
        select passed, score from quality_judgements
        where ticket_id = t.ticket_id and turn = t.turn order by judge = 'model' desc limit 1
      ) j on true
      where t.workspace_id = ${workspace} and t.decided_at >= ${range.start} and t.decided_at < ${range.end}
    )
    select day, intent,
      count(*) as turns,
      count(*) filter (where decision = 'auto_sent') as auto_sent,
      count(*) filter (where rating = 'up') as up,
      count(*) filter (where rating = 'down') as down,
      count(*) filter (where reopened) as reopens,
      count(survival) as edits,
      count(*) filter (where survival < ${LOW_SURVIVAL}) as low_edits,
      avg(survival)::float8 as mean_survival,
      coalesce(sum(cost_usd), 0)::float8 as cost_usd,
      count(*) filter (where (decision = 'auto_sent' and not reopened) or agent_answered) as resolutions,
      percentile_cont(0.95) within group (order by latency_ms)::float8 as p95_ms,
      count(judge_passed) as judged,
      count(*) filter (where judge_passed) as judge_passed,
      avg(judge_score)::float8 as judge_score
    from turn
    group by grouping sets ((day, intent), (intent))
    order by day nulls last, intent`.execute(db);
  return {
    workspace,
    from: range.from,
    to: range.to,
    lowSurvivalBelow: LOW_SURVIVAL,
    rows: rows.filter((r) => r.day !== null).map((r) => ({ day: r.day!, intent: r.intent, ...figures(r) })),
    totals: rows.filter((r) => r.day === null).map((r) => ({ intent: r.intent, ...figures(r) })),
  };
}
