// `pnpm demo`: posts the demo store's tickets to a running `pnpm start` and prints what happened to each.
import { loadDemoTickets } from '@parley/demo-store';
import { readLocalKey } from './local-key.js';
import { servicePort } from './services.js';

interface TicketView {
  status: string;
  intent?: string;
  band?: string;
  decision?: string;
  reply?: { body: string };
}

const base = process.env.PARLEY_URL ?? `http://127.0.0.1:${servicePort('ingress')}`;
const run = `demo-${Date.now().toString(36)}`;

async function post(key: string, ticket: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${base}/v1/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(ticket),
  });
  const body = (await res.json().catch(() => ({}))) as { ticketId?: string; message?: string };
  if (res.status !== 202 || !body.ticketId)
    throw new Error(`POST /v1/tickets answered ${res.status}: ${body.message ?? ''}`);
  return body.ticketId;
}

async function settle(key: string, id: string, deadline: number): Promise<TicketView> {
  for (;;) {
    const res = await fetch(`${base}/v1/tickets/${id}`, { headers: { authorization: `Bearer ${key}` } });
    const view = (await res.json()) as TicketView;
    if (view.decision || Date.now() > deadline) return view;
    await new Promise((r) => setTimeout(r, 100));
  }
}

try {
  const key = await readLocalKey();
  const tickets = await loadDemoTickets();
  const rows = await Promise.all(
    tickets.map(async (t, i) => {
      const sent = Date.now();
      const id = await post(key, {
        customer: t.customer,
        subject: t.subject,
        body: t.body,
        externalId: `${run}-${i}`,
      });
      const view = await settle(key, id, sent + 30_000);
      return { label: t.label, id, view, ms: Date.now() - sent };
    }),
  );
  const cols = ['ticket', 'intent', 'band', 'decision', 'latency'];
  const table = rows.map((r) => [
    r.label.slice(0, 44),
    r.view.intent ?? '-',
    r.view.band ?? '-',
    r.view.decision ?? `(${r.view.status})`,
    `${r.ms} ms`,
  ]);
  const widths = cols.map((c, i) => Math.max(c.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  process.stdout.write(`${line(cols)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const row of table) process.stdout.write(`${line(row)}\n`);
  const auto = rows.find((r) => r.view.decision === 'auto_sent' && r.view.reply);
  if (auto) process.stdout.write(`\nexample auto-sent reply (${auto.label}):\n${auto.view.reply!.body}\n`);
} catch (err) {
  process.stderr.write(`demo failed: ${(err as Error).message}\n(is \`pnpm start\` running?)\n`);
  process.exitCode = 1;
}
