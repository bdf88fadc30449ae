// `pnpm --silent evals golden --split dev|test|train|calibration [--dir evals/golden] [--limit N]
//   [--perturb typo|casing|politeness|signoff|all|context|typography [--seed 1]] [--concurrency 8] [--answer-threshold x] [--answer-model file] [--groundedness-floor x] [--resolver-floor x]
//   [--sweep [--signals-out examples.jsonl]] [--halves] [--details] [--html report.html] [--json]`
// The golden set through the whole product, black-box: starts the six services (the demo store seeded),
// posts every case as a ticket through the public API as the customer wrote it, reads back the decision,
// the reply or the inbox draft and the timeline, and grades each answer against the case and the store's
// records (evals/README.md, "Golden set"). `--sweep` starts the gate with the answer threshold at 1 and
// replays every threshold; `--signals-out` (dev or train, never test, calibration or fresh) writes the drafts the
// answer model decided, with their signals and grade, as training examples for `@parley/answer-model`.
// `--halves` (train only) runs the split half by half, each half with the demo store's answered questions less
// its own, so no question is found asked before (`src/golden/halves.ts`).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAnsweredQuestions } from '@parley/demo-store';
import type { SuiteArgs } from '../dispatch.js';
import { UsageError, positiveIntOption } from '../dispatch.js';
import { floorEnv, modelDecided, replay } from '../floors.js';
import { startStack } from '../stack.js';
import type { TicketOutcome, TicketRequest } from '../tickets.js';
import { askTickets } from '../tickets.js';
import type { GoldenCase, GoldenSplit } from '../golden/cases.js';
import { GOLDEN_DIR, GOLDEN_SPLITS, loadGoldenSplit, perturbCases } from '../golden/cases.js';
import type { Perturbation } from '../robustness/perturb.js';
import { PERTURBATIONS } from '../robustness/perturb.js';
import { gradeReply, judgeAutoSend } from '../golden/grade.js';
import { renderReport } from '../golden/html.js';
import type { StoreFacts } from '../golden/store.js';
import { loadStoreFacts, referenceProblems } from '../golden/store.js';
import type { Figures, GoldenOutcome, SweepPoint } from '../golden/summary.js';
import { figures, figuresBy, isActionStep, sweepCurve } from '../golden/summary.js';
import { formatText } from '../golden/text.js';
import { answeredWithout, dealHalves, interleave } from '../golden/halves.js';

/** Sender of an email-channel case with no customer: a reply needs an address, and this one is nobody's. */
export const UNKNOWN_EMAIL_SENDER = 'golden-sender@example.invalid';
/** Sender of every sms-channel case: the demo store keeps no phone numbers, so it matches no one. */
export const SMS_SENDER = '+1 555 010 9999';

/** The `POST /v1/tickets` body for a case: the customer's own words, on the case's channel. */
export function ticketRequest(c: GoldenCase): TicketRequest {
  const customer: TicketRequest['customer'] = {};
  if (c.customer !== undefined) customer.email = c.customer;
  else if (c.channel === 'email') customer.email = UNKNOWN_EMAIL_SENDER;
  if (c.channel === 'sms') customer.phone = SMS_SENDER;
  return {
    channel: c.channel,
    customer,
    ...(c.subject !== undefined ? { subject: c.subject } : {}),
    body: c.text,
  };
}

/** Grades what came back: the reply, or the draft of a suggestion; an escalation is not graded. */
export function gradeOutcome(c: GoldenCase, ticket: TicketOutcome, store: StoreFacts): GoldenOutcome {
  const graded = ticket.decision !== 'escalated' && ticket.body !== undefined;
  return {
    case: c,
    ticket,
    grade: graded
      ? gradeReply(c, { body: ticket.body!, cited: ticket.cited, fromRecords: ticket.fromRecords }, store)
      : null,
  };
}

export interface GoldenResult extends Figures {
  split: GoldenSplit;
  file: string;
  /** Environment the services ran with (floors); empty means the defaults. */
  floors: Record<string, string>;
  /** The texts were written another way (`--perturb`), seeded. */
  perturbed?: { kind: Perturbation; seed: number };
  /** Run half by half, each half without its own questions among the answered ones (`--halves`). */
  halves?: true;
  perIntent: Record<string, Figures>;
  perCategory: Record<string, Figures>;
  sweep?: SweepPoint[];
  html?: string;
  outcomes?: Array<GoldenOutcome & { good: boolean | null; actionStep: boolean }>;
}

function options(args: SuiteArgs) {
  const split = args.options.split;
  if (!GOLDEN_SPLITS.includes(split as GoldenSplit))
    throw new UsageError(`--split must be ${GOLDEN_SPLITS.join(', ')}, got ${split ?? '(none)'}`);
  for (const name of ['dir', 'html', 'signals-out'])
    if (args.options[name] === 'true') throw new UsageError(`--${name} needs a path`);
  const signalsOut = args.options['signals-out'];
  // Training on the test half or the calibration split would make their figures meaningless.
  if (signalsOut !== undefined && split !== 'dev' && split !== 'train')
    throw new UsageError('--signals-out is for the dev and train splits only');
  if (signalsOut !== undefined && args.options.sweep !== 'true')
    throw new UsageError('--signals-out needs --sweep (every draft held back with its probability)');
  const perturbation = args.options.perturb;
  if (perturbation !== undefined && !PERTURBATIONS.includes(perturbation as Perturbation))
    throw new UsageError(`--perturb must be ${PERTURBATIONS.join(', ')}, got ${perturbation}`);
  // Examples are the cases as written; a model trained on one seed's slips would learn those slips.
  if (perturbation !== undefined && signalsOut !== undefined)
    throw new UsageError('--perturb cannot be used with --signals-out');
  const halves = args.options.halves === 'true';
  // Only the train split's questions are among the answered ones: any other split is unseen as it is.
  if (halves && split !== 'train') throw new UsageError('--halves is for the train split only');
  return {
    perturb: perturbation as Perturbation | undefined,
    seed: positiveIntOption(args, 'seed', 1),
    split: split as GoldenSplit,
    dir: args.options.dir ?? GOLDEN_DIR,
    limit: args.options.limit === undefined ? undefined : positiveIntOption(args, 'limit', 1),
    concurrency: positiveIntOption(args, 'concurrency', 8),
    sweep: args.options.sweep === 'true',
    details: args.options.details === 'true',
    html: args.options.html,
    signalsOut,
    halves,
  };
}

export async function run(args: SuiteArgs): Promise<GoldenResult> {
  const opt = options(args);
  const env = floorEnv(args, opt.sweep);
  const file = `${opt.dir.replace(/\/$/, '')}/${opt.split}.jsonl`;
  let cases: GoldenCase[];
  try {
    cases = await loadGoldenSplit(opt.split, opt.dir);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const store = await loadStoreFacts();
  const problems = referenceProblems(cases, store);
  if (problems.length > 0)
    throw new UsageError(
      `${file}: ${problems.length} unknown references: ${problems.slice(0, 10).join('; ')}`,
    );
  if (opt.limit !== undefined) cases = cases.slice(0, opt.limit);
  if (opt.perturb !== undefined) cases = perturbCases(cases, opt.perturb, opt.seed);

  const ask = async (some: readonly GoldenCase[], extra: Record<string, string> = {}) => {
    const stack = await startStack({ label: 'golden', env: { ...env, ...extra } });
    try {
      return await askTickets(stack, some.map(ticketRequest), { concurrency: opt.concurrency });
    } finally {
      await stack.stop();
    }
  };
  const tickets = opt.halves ? await askByHalves(cases, ask) : await ask(cases);
  const outcomes = cases.map((c, i) => gradeOutcome(c, tickets[i]!, store));

  const result: GoldenResult = {
    split: opt.split,
    file,
    ...(opt.perturb !== undefined ? { perturbed: { kind: opt.perturb, seed: opt.seed } } : {}),
    ...(opt.halves ? { halves: true as const } : {}),
    floors: env,
    ...figures(outcomes),
    perIntent: figuresBy(outcomes, 'intent'),
    perCategory: figuresBy(outcomes, 'category'),
  };
  const points = opt.sweep ? sweepCurve(outcomes) : undefined;
  if (points) result.sweep = points;
  if (opt.signalsOut !== undefined) await writeFile(opt.signalsOut, trainingExamples(outcomes), 'utf8');
  if (opt.html !== undefined) {
    await writeFile(opt.html, htmlReport(result, outcomes, points), 'utf8');
    result.html = opt.html;
  }
  if (opt.details)
    result.outcomes = outcomes.map((o) => ({
      ...o,
      // A step towards the expected write is not an answer: neither good nor bad.
      good:
        o.ticket.decision === 'auto_sent' && !isActionStep(o) ? judgeAutoSend(o.case, o.grade).good : null,
      actionStep: isActionStep(o),
    }));
  return result;
}

/** Each half asked of a stack whose retrieval knows the answered questions less that half's own. */
async function askByHalves(
  cases: readonly GoldenCase[],
  ask: (some: readonly GoldenCase[], env: Record<string, string>) => Promise<TicketOutcome[]>,
): Promise<TicketOutcome[]> {
  const answered = await loadAnsweredQuestions();
  const dir = await mkdtemp(join(tmpdir(), 'parley-golden-halves-'));
  try {
    const results: TicketOutcome[][] = [];
    for (const [i, half] of dealHalves(cases).entries()) {
      const file = join(dir, `answered-${i + 1}.jsonl`);
      await writeFile(file, answeredWithout(answered, new Set(half.map((c) => c.id))), 'utf8');
      results.push(await ask(half, { RETRIEVAL_ANSWERED_QUESTIONS_FILE: file }));
    }
    return interleave(results[0]!, results[1]!);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const isWrong = (o: GoldenOutcome) => !judgeAutoSend(o.case, o.grade).good;

/**
 * The drafts the answer model decided, one JSON line each: the case id, the signals the gate read and
 * whether the answer, sent as it was drafted, would have been right (`@parley/answer-model` trains on these).
 */
export function trainingExamples(outcomes: readonly GoldenOutcome[]): string {
  return outcomes
    .filter((o) => modelDecided(o.ticket) && o.ticket.signals !== undefined)
    .map((o) => JSON.stringify({ id: o.case.id, signals: o.ticket.signals, good: !isWrong(o) }))
    .map((line) => `${line}\n`)
    .join('');
}

export function htmlReport(
  result: GoldenResult,
  outcomes: readonly GoldenOutcome[],
  sweep: SweepPoint[] | undefined,
): string {
  const floors = Object.entries(result.floors)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return renderReport({
    title: `Golden set: ${result.split}`,
    facts: [
      ['file', result.file],
      ['cases', String(result.n)],
      ['floors', floors || 'service defaults'],
    ],
    figures: result,
    perIntent: result.perIntent,
    perCategory: result.perCategory,
    // The same curve either way: the drafts the model decided carry their probability in any run.
    curve: {
      points: (sweep ?? sweepCurve(outcomes)).map((p) => ({
        ...p,
        label: `answer probability >= ${p.threshold}`,
      })),
    },
    ...(sweep
      ? {
          wrong: outcomes.filter(
            (o) => replay(o.ticket, 0) === 'auto_sent' && isWrong(o) && !isActionStep(o),
          ),
          wrongHeading: 'Drafts that would be wrong answers if the threshold let them out',
        }
      : {
          wrong: outcomes.filter((o) => o.ticket.decision === 'auto_sent' && isWrong(o) && !isActionStep(o)),
          wrongHeading: 'Wrong answers sent automatically',
        }),
  });
}

export function format(result: Record<string, unknown>): string {
  const r = result as unknown as GoldenResult;
  const floors = Object.entries(r.floors)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return formatText({
    title: `golden ${r.split}: ${r.file}, floors ${floors || 'service defaults'}${r.html ? `, report ${r.html}` : ''}`,
    figures: r,
    perIntent: r.perIntent,
    perCategory: r.perCategory,
    ...(r.sweep ? { sweep: r.sweep } : {}),
  });
}
