import { z } from 'zod';
import { describeIssues, packagePath, readJsonFile } from './files.js';

export const DEFAULT_TAXONOMY_FILE = packagePath('taxonomy.json');

/** Every intent the demo store routes; labelled sets and the taxonomy must use exactly these. */
export const INTENTS = [
  'order_status',
  'shipping_info',
  'cancel_order',
  'modify_order',
  'change_address',
  'return_request',
  'exchange_request',
  'refund_status',
  'returns_policy',
  'payment',
  'account',
  'product_question',
  'complaint',
  'store_info',
  'out_of_scope',
] as const;
export type Intent = (typeof INTENTS)[number];
export const intentSchema = z.enum(INTENTS);

/**
 * Tools that change an order, an address or money. An intent allowed to call one of these must
 * never be answered without a person approving it, so the loader refuses an `auto` band for it.
 */
export const CONSEQUENTIAL_TOOLS = [
  'cancel_order',
  'modify_order_items',
  'modify_order_payment',
  'update_address',
  'return_items',
  'exchange_items',
  'refund',
] as const;

/** Intents that are consequential by nature, whatever tools they list. */
const CONSEQUENTIAL_INTENTS: readonly Intent[] = [
  'cancel_order',
  'modify_order',
  'change_address',
  'return_request',
  'exchange_request',
];

const intentSpecSchema = z
  .object({
    band: z.enum(['auto', 'suggest', 'escalate']),
    tier: z.enum(['local', 'commodity', 'frontier']),
    tools: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a snake_case tool name')),
    description: z.string().min(10),
  })
  .strict();
export type IntentSpec = z.infer<typeof intentSpecSchema>;
export type Band = IntentSpec['band'];
export type Tier = IntentSpec['tier'];

export const taxonomySchema = z
  .object({
    version: z.literal(1),
    intents: z.record(intentSchema, intentSpecSchema),
  })
  .strict()
  .superRefine((t, ctx) => {
    for (const intent of INTENTS) {
      if (!(intent in t.intents))
        ctx.addIssue({ code: 'custom', path: ['intents', intent], message: 'intent is missing' });
    }
    for (const [intent, spec] of Object.entries(t.intents)) {
      const risky = spec.tools.filter((tool) => (CONSEQUENTIAL_TOOLS as readonly string[]).includes(tool));
      if (spec.band === 'auto' && (risky.length > 0 || CONSEQUENTIAL_INTENTS.includes(intent as Intent))) {
        ctx.addIssue({
          code: 'custom',
          path: ['intents', intent, 'band'],
          message: `a consequential intent${risky.length > 0 ? ` (tools ${risky.join(', ')})` : ''} cannot be auto`,
        });
      }
    }
  });

export interface Taxonomy {
  version: 1;
  intents: Record<Intent, IntentSpec>;
}

/** Validates a taxonomy object; errors name the source and the failing fields. */
export function parseTaxonomy(source: string, json: unknown): Taxonomy {
  const parsed = taxonomySchema.safeParse(json);
  if (!parsed.success) throw new Error(`${source}: ${describeIssues(parsed.error)}`);
  // The refinement above guarantees every intent key is present.
  return parsed.data as Taxonomy;
}

export async function loadTaxonomy(file: string = DEFAULT_TAXONOMY_FILE): Promise<Taxonomy> {
  return parseTaxonomy(file, await readJsonFile(file));
}
