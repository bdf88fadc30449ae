import { z } from 'zod';
import { describeIssues, packagePath, readJsonFile } from './files.js';

export const DEFAULT_DEMO_TICKETS_FILE = packagePath('demo-tickets.json');

// Mirrors the body of the ingress `POST /v1/tickets` request, plus a label for the demo menu.
const demoTicketSchema = z
  .object({
    label: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug'),
    customer: z
      .object({
        email: z.string().email().optional(),
        name: z.string().min(1).optional(),
        phone: z.string().min(5).optional(),
      })
      .strict()
      .refine((c) => c.email ?? c.name ?? c.phone, 'needs at least one of email, name, phone'),
    subject: z.string().min(1).optional(),
    body: z.string().trim().min(1),
  })
  .strict();

export type DemoTicket = z.infer<typeof demoTicketSchema>;

const demoTicketsSchema = z
  .array(demoTicketSchema)
  .min(1)
  .superRefine((tickets, ctx) => {
    const seen = new Set<string>();
    tickets.forEach((t, i) => {
      if (seen.has(t.label))
        ctx.addIssue({ code: 'custom', path: [i, 'label'], message: `duplicate label "${t.label}"` });
      seen.add(t.label);
    });
  });

/** The tickets `pnpm start` can replay so a newcomer sees each kind of answer and hand-off. */
export async function loadDemoTickets(file: string = DEFAULT_DEMO_TICKETS_FILE): Promise<DemoTicket[]> {
  const parsed = demoTicketsSchema.safeParse(await readJsonFile(file));
  if (!parsed.success) throw new Error(`${file}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}
