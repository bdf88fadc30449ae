// The golden set's case format (evals/golden/README.md): one JSON object per line of dev.jsonl / test.jsonl.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { intentSchema } from '@parley/demo-store';

export const GOLDEN_DIR = fileURLToPath(new URL('../../golden', import.meta.url));

export const DECISIONS = ['auto_sent', 'suggested', 'escalated'] as const;
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
/** The writes of the store policy (packages/demo-store/data/policy.md) a correct agent may propose. */
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

export type Decision = (typeof DECISIONS)[number];
export type Category = (typeof CATEGORIES)[number];
export type Style = (typeof STYLES)[number];
export type ActionTool = (typeof ACTION_TOOLS)[number];

const nonEmptyUnique = <T extends z.ZodTypeAny>(item: T) =>
  z
    .array(item)
    .min(1)
    .refine((xs) => new Set(xs).size === xs.length, 'has a value twice');

export const goldenCaseSchema = z
  .object({
    id: z.string().regex(/^g-\d{4}$/, 'must look like g-0001'),
    text: z.string().trim().min(1),
    subject: z.string().trim().min(1).optional(),
    channel: z.enum(['api', 'email', 'chat', 'sms']).optional(),
    customer: z.string().email().optional(),
    intent: intentSchema,
    category: z.enum(CATEGORIES),
    accept: nonEmptyUnique(z.enum(DECISIONS)),
    articles: z.array(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be an article id')),
    mustContain: z.array(z.string().trim().min(1)),
    orderId: z
      .string()
      .regex(/^#W\d{7}$/, 'must look like #W1234567')
      .optional(),
    action: z
      .object({ tool: z.enum(ACTION_TOOLS), args: z.record(z.string(), z.unknown()).optional() })
      .strict()
      .optional(),
    styles: nonEmptyUnique(z.enum(STYLES)),
  })
  .strict()
  // Grading an auto-sent reply needs at least one fact it must contain.
  .refine((c) => !c.accept.includes('auto_sent') || c.mustContain.length > 0, {
    message: 'accepts auto_sent but has no mustContain fact',
    path: ['mustContain'],
  });

export type GoldenCase = z.infer<typeof goldenCaseSchema>;
export type GoldenSplit = 'dev' | 'test';

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

/** Parses golden-set JSONL; a bad line is reported with the file, its line number and the failing fields. */
export function parseGoldenCases(text: string, file: string): GoldenCase[] {
  const cases: GoldenCase[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${file}:${index + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (err) {
      throw new Error(`${where}: invalid JSON: ${(err as Error).message}`);
    }
    const parsed = goldenCaseSchema.safeParse(json);
    if (!parsed.success) throw new Error(`${where}: ${describeIssues(parsed.error)}`);
    if (seen.has(parsed.data.id)) throw new Error(`${where}: id ${parsed.data.id} appears twice`);
    seen.add(parsed.data.id);
    cases.push(parsed.data);
  });
  return cases;
}

export function goldenSplitFile(split: GoldenSplit, dir: string = GOLDEN_DIR): string {
  return `${dir}/${split}.jsonl`;
}

/** The dev or test half of the golden set. */
export async function loadGoldenSplit(split: GoldenSplit, dir: string = GOLDEN_DIR): Promise<GoldenCase[]> {
  const file = goldenSplitFile(split, dir);
  return parseGoldenCases(await readFile(file, 'utf8'), file);
}
