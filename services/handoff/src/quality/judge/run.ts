import type { DecidedAnswer } from '@parley/contracts';
import type { Database } from '@parley/db';
import type { ChatModel } from '@parley/providers';
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { Grade } from './checks.js';
import { checkAnswer } from './checks.js';
import { gradeWithModel } from './model-judge.js';

export interface JudgeModel {
  chat: ChatModel;
  timeoutMs: number;
}

export interface JudgeRun {
  day: string;
  /** Auto-sent replies of the day picked (those not judged yet, in a fixed pseudo-random order). */
  sampled: number;
  checked: number;
  graded: number;
  /** Replies the model could not grade, by failure kind (they keep their deterministic grade). */
  failed: Record<string, number>;
  /** False when another replica was already judging. */
  ran: boolean;
}

const DAY_MS = 86_400_000;

async function store(
  trx: Transaction<Database>,
  turn: { ticket_id: string; turn: number; workspace_id: string },
  judge: 'checks' | 'model',
  grade: Grade & { model?: string; costUsd?: number },
  at: Date,
) {
  await trx
    .insertInto('quality_judgements')
    .values({
      ticket_id: turn.ticket_id,
      turn: turn.turn,
      workspace_id: turn.workspace_id,
      judge,
      passed: grade.passed,
      score: grade.score,
      verdicts: JSON.stringify(grade.verdicts),
      model: grade.model ?? null,
      cost_usd: grade.costUsd ?? 0,
      judged_at: at,
    })
    .onConflict((oc) => oc.columns(['ticket_id', 'turn', 'judge']).doNothing())
    .execute();
}

/**
 * Grades a sample of one UTC day's auto-sent replies (by default yesterday's): always with the deterministic
 * checks, and with the model when one is configured. One replica judges at a time (a transaction-scoped advisory
 * lock); a reply already judged is not picked again, so a rerun only fills in what is missing.
 */
export async function runJudge(
  db: Kysely<Database>,
  opts: { model: JudgeModel | null; sample: number; now: Date; day?: string },
): Promise<JudgeRun> {
  const day = opts.day ?? new Date(opts.now.getTime() - DAY_MS).toISOString().slice(0, 10);
  const start = new Date(`${day}T00:00:00Z`);
  const run: JudgeRun = { day, sampled: 0, checked: 0, graded: 0, failed: {}, ran: false };
  const primary = opts.model ? 'model' : 'checks';
  await db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ locked: boolean }>`
      select pg_try_advisory_xact_lock(hashtext(current_schema() || ':parley-quality-judge')) as locked`.execute(
      trx,
    );
    if (!rows[0]?.locked) return;
    run.ran = true;
    const turns = await trx
      .selectFrom('quality_turns as t')
      .select(['t.ticket_id', 't.turn', 't.workspace_id', 't.answer'])
      .where('t.decision', '=', 'auto_sent')
      .where('t.answer', 'is not', null)
      .where('t.decided_at', '>=', start)
      .where('t.decided_at', '<', new Date(start.getTime() + DAY_MS))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('quality_judgements as j')
              .select('j.judge')
              .whereRef('j.ticket_id', '=', 't.ticket_id')
              .whereRef('j.turn', '=', 't.turn')
              .where('j.judge', '=', primary),
          ),
        ),
      )
      .orderBy(sql`md5(t.ticket_id || ':' || t.turn)`)
      .limit(opts.sample)
      .execute();
    run.sampled = turns.length;
    for (const turn of turns) {
      const answer = turn.answer as DecidedAnswer;
      await store(trx, turn, 'checks', checkAnswer(answer), opts.now);
      run.checked += 1;
      if (!opts.model) continue;
      const graded = await gradeWithModel(opts.model.chat, answer, opts.model.timeoutMs);
      if (!graded.ok) {
        run.failed[graded.kind] = (run.failed[graded.kind] ?? 0) + 1;
        continue;
      }
      await store(trx, turn, 'model', graded.grade, opts.now);
      run.graded += 1;
    }
  });
  return run;
}
