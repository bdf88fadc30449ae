// The golden set: customer messages with what a correct system may do with them and what a correct answer
// says. One JSON object per line in `evals/golden/<split>.jsonl`; the format and the grading rules are in
// evals/README.md ("Golden set").
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { INTENTS } from '@parley/demo-store';
import { z } from 'zod';
import type { Perturbation } from '../robustness/perturb.js';
import { perturb } from '../robustness/perturb.js';

export const GOLDEN_DIR = fileURLToPath(new URL('../../golden/', import.meta.url));

export const CATEGORIES = [
  'help_centre',
  'store_info',
  'product',
  'order_status',
  'action',
  'complaint',
  'out_of_scope',
  'human',
  'other_customers_order',
] as const;

export const DECISIONS = ['auto_sent', 'suggested', 'escalated'] as const;

/** The writes policy.md allows an agent to make, named as there. */
export const ACTION_TOOLS = [
  'cancel_order',
  'modify_pending_order_address',
  'modify_pending_order_items',
  'modify_pending_order_payment',
  'return_delivered_order_items',
  'exchange_delivered_order_items',
  'modify_user_address',
  'transfer_to_human_agents',
] as const;

export const STYLES = [
  'terse',
  'chatty',
  'typo',
  'greeting',
  'signoff',
  'two_questions',
  'angry',
  'non_native',
  'lowercase',
  'all_caps',
  'email_quote',
  'emoji',
] as const;

const text = z.string().trim().min(1, 'must not be empty');

export const GoldenCase = z
  .object({
    id: text,
    text,
    subject: text.optional(),
    channel: z.enum(['api', 'email', 'chat', 'sms']).default('api'),
    customer: z.string().email().optional(),
    // The taxonomy's intents include `out_of_scope`.
    intent: z.enum(INTENTS),
    category: z.enum(CATEGORIES),
    accept: z
      .array(z.enum(DECISIONS))
      .min(1)
      .refine((a) => new Set(a).size === a.length, 'must not repeat a decision'),
    articles: z.array(text),
    mustContain: z.array(text),
    orderId: z
      .string()
      .regex(/^#W\d+$/, 'must be an order id like "#W1234567"')
      .optional(),
    action: z
      .object({ tool: z.enum(ACTION_TOOLS), args: z.record(z.string(), z.unknown()).optional() })
      .strict()
      .optional(),
    styles: z.array(z.enum(STYLES)),
  })
  .strict()
  .superRefine((c, ctx) => {
    // A case a correct system may answer on its own has to say what a correct answer contains.
    if (c.accept.includes('auto_sent') && c.mustContain.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['mustContain'],
        message: 'must list at least one fact when accept has auto_sent',
      });
  });
export type GoldenCase = z.infer<typeof GoldenCase>;

/**
 * `dev` is tuned on, `test` only reported, `train` only fed to models that learn from cases (never reported as
 * a result), `calibration` only used to choose and check the answer gate's auto-send threshold on wording
 * nothing was tuned on (never tuned against case by case, never trained on), `fresh` written last, by other
 * writers, in customers' own words, only run to report (never tuned against case by case, never trained on).
 */
export const GOLDEN_SPLITS = ['dev', 'test', 'train', 'calibration', 'fresh'] as const;
export type GoldenSplit = (typeof GOLDEN_SPLITS)[number];
export type Category = (typeof CATEGORIES)[number];
export type Style = (typeof STYLES)[number];

export function goldenSplitFile(split: GoldenSplit, dir: string = GOLDEN_DIR): string {
  return `${dir.replace(/\/$/, '')}/${split}.jsonl`;
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ');
}

/**
 * Parses a golden JSONL file: one case per non-blank line, ids unique. Errors name the file, the line and
 * the field, never the customer text.
 */
export function parseGoldenCases(source: string, file: string): GoldenCase[] {
  const cases: GoldenCase[] = [];
  const seen = new Map<string, number>();
  source.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${file}:${i + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`${where}: not valid JSON`);
    }
    const parsed = GoldenCase.safeParse(json);
    if (!parsed.success) throw new Error(`${where}: ${describe(parsed.error)}`);
    const first = seen.get(parsed.data.id);
    if (first !== undefined)
      throw new Error(`${where}: id ${JSON.stringify(parsed.data.id)} already used on line ${first}`);
    seen.set(parsed.data.id, i + 1);
    cases.push(parsed.data);
  });
  if (cases.length === 0) throw new Error(`${file}: no cases`);
  return cases;
}

/** The cases of `<dir>/<split>.jsonl` (by default the repository's `evals/golden`). */
export async function loadGoldenSplit(split: GoldenSplit, dir: string = GOLDEN_DIR): Promise<GoldenCase[]> {
  return loadGoldenFile(goldenSplitFile(split, dir));
}

/**
 * Help-centre questions written only to be answered questions (`evals/golden/README.md`, "The bank"): not a
 * split, never run or graded, never a training example; retrieval searches them beside the train split's.
 */
export const GOLDEN_BANK_FILE = `${GOLDEN_DIR.replace(/\/$/, '')}/bank.jsonl`;

export async function loadGoldenBank(file: string = GOLDEN_BANK_FILE): Promise<GoldenCase[]> {
  return loadGoldenFile(file);
}

async function loadGoldenFile(file: string): Promise<GoldenCase[]> {
  const source = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new Error(err.code === 'ENOENT' ? `${file}: no such file` : `${file}: ${err.message}`);
  });
  return parseGoldenCases(source, file);
}

/**
 * The cases with their texts written another way (`evals golden --perturb`): seeded typos, casing, a greeting
 * and thanks, a sign-off, or all at once, the same every run. Nothing a correct product decides differently.
 */
export function perturbCases(cases: readonly GoldenCase[], kind: Perturbation, seed: number): GoldenCase[] {
  return cases.map((c, i) => ({ ...c, text: perturb(c.text, kind, seed, i) }));
}
