import type { DecidedAnswer } from '@parley/contracts';
import type { ChatModel } from '@parley/providers';
import { completeJson, withModelDeadline } from '@parley/providers';
import { z } from 'zod';
import type { Grade } from './checks.js';

// A hosted model grading an automatic reply against a rubric (through the provider adapters, so every text is
// PII-redacted on its way out). The model says per criterion whether the reply meets it and why, briefly.

export const CRITERIA = ['grounded', 'answers_question', 'facts_correct', 'tone'] as const;

const RUBRIC = `You review an automatic reply a support assistant sent to a customer. Grade it against each criterion:
- grounded: every claim is stated in the quoted help-centre passages or the customer's order records; nothing is invented.
- answers_question: it answers what the customer asked, or says plainly what it cannot do.
- facts_correct: order ids, statuses, tracking numbers and amounts match the order records exactly.
- tone: polite and clear; promises nothing the passages or records do not support.
Answer with JSON only: {"verdicts":[{"criterion":"grounded","passed":true,"note":"at most one short sentence"}, ...]}, one entry per criterion.`;

const Graded = z.object({
  verdicts: z
    .array(
      z.object({ criterion: z.enum(CRITERIA), passed: z.boolean(), note: z.string().max(300).optional() }),
    )
    .min(1)
    .max(CRITERIA.length * 2),
});

/** Passages are cut to this many characters each: the quote is near the top of a section. */
const PASSAGE_CHARS = 2_000;

function prompt(answer: DecidedAnswer): string {
  return JSON.stringify({
    customer_message: answer.question,
    reply: answer.body,
    quoted_passages: answer.sources.map((p) => ({
      article: p.title,
      section: p.section,
      text: p.text.slice(0, PASSAGE_CHARS),
    })),
    order_records: answer.orders.map((o) => ({
      order: o.orderId,
      status: o.status,
      tracking: o.trackingIds,
      total: o.total,
      items: o.items.map((i) => i.name),
    })),
  });
}

export type ModelGrade = Grade & { model: string; costUsd: number };

/**
 * Grades one reply; a criterion the model did not answer counts as failed. Returns the failure kind instead when
 * the model could not be used (timeout, rate limit, bad answer), so the job goes on with the next reply.
 */
export async function gradeWithModel(
  model: ChatModel,
  answer: DecidedAnswer,
  timeoutMs: number,
): Promise<{ ok: true; grade: ModelGrade } | { ok: false; kind: string }> {
  const result = await withModelDeadline(timeoutMs, (signal) =>
    completeJson(
      model,
      {
        system: RUBRIC,
        messages: [{ role: 'user', content: prompt(answer) }],
        maxTokens: 600,
        timeoutMs,
        signal,
      },
      Graded,
    ),
  );
  if (!result.ok) return { ok: false, kind: result.kind };
  const { value, usage, model: name } = result.value;
  const verdicts = CRITERIA.map((criterion) => {
    const said = value.verdicts.find((v) => v.criterion === criterion);
    return said
      ? { criterion, passed: said.passed, ...(said.note ? { note: said.note } : {}) }
      : { criterion, passed: false, note: 'not graded by the model' };
  });
  const passed = verdicts.filter((v) => v.passed).length;
  return {
    ok: true,
    grade: {
      passed: passed === verdicts.length,
      score: Math.round((passed / verdicts.length) * 1000) / 1000,
      verdicts,
      model: name,
      costUsd: usage.costUsd,
    },
  };
}
