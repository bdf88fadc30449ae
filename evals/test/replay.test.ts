// `evals replay` for real: the golden fixture's tickets (and a second turn on one of them) go through a stack
// with the default configuration; the replay then takes them from that stack's schema through a candidate
// with the gate's answer threshold raised. It must report exactly the turns whose decision moves under that
// threshold (turns auto-sent on the answer model's word whose probability is below it become suggestions; an
// own-order status or a catalogue answer goes out on the records whatever the threshold) and nothing else, and
// must deliver nothing even though the candidate file names an SMTP server.
import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSuiteArgs } from '../src/dispatch.js';
import { loadGoldenSplit } from '../src/golden/cases.js';
import type { Stack } from '../src/stack.js';
import { apiClient, startStack } from '../src/stack.js';
import { ticketRequest } from '../src/suites/golden.js';
import type { ReplayResult } from '../src/suites/replay.js';
import { format, run } from '../src/suites/replay.js';
import { askTickets } from '../src/tickets.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/golden/', import.meta.url));

interface Turn {
  ticketId: string;
  turn: number;
  decision: string;
  probability: number | undefined;
  /** Sent on the answer model's word (`answer_probability`), not on records the model does not decide. */
  byModel: boolean;
}

/** Waits for a turn's decision in the stack's schema and returns it with the answer probability the gate read. */
async function decidedTurn(stack: Stack, ticketId: string, turn: number): Promise<Turn> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const d = await stack.db.db
      .selectFrom('decisions')
      .select('decision')
      .where('ticket_id', '=', ticketId)
      .where('turn', '=', turn)
      .executeTakeFirst();
    if (d) {
      const entry = await stack.db.db
        .selectFrom('timeline')
        .select('detail')
        .where('ticket_id', '=', ticketId)
        .where('turn', '=', turn)
        .where('type', '=', 'ticket.decided')
        .executeTakeFirst();
      const detail = (entry?.detail ?? {}) as { probability?: number; reasons?: string[] };
      return {
        ticketId,
        turn,
        decision: d.decision,
        probability: detail.probability,
        byModel: (detail.reasons ?? []).includes('answer_probability'),
      };
    }
    if (Date.now() > deadline) throw new Error(`${ticketId} turn ${turn}: no decision`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A threshold in the widest gap between the probabilities of the turns auto-sent on the answer model's word: some
 * fall below it, some stay above.
 */
function thresholdBetween(turns: readonly Turn[]): number {
  const levels = [
    ...new Set(turns.filter((t) => t.decision === 'auto_sent' && t.byModel).map((t) => t.probability!)),
  ].sort((a, b) => a - b);
  if (levels.length < 2)
    throw new Error(`need two distinct auto-sent probabilities, got ${levels.join(', ')}`);
  let best = 0;
  for (let i = 1; i < levels.length; i++)
    if (levels[i]! - levels[i - 1]! > levels[best + 1]! - levels[best]!) best = i - 1;
  return Number(((levels[best]! + levels[best + 1]!) / 2).toFixed(4));
}

describe('evals replay', () => {
  it('reports exactly the decisions a raised answer threshold moves, and delivers nothing', async () => {
    let smtpConnections = 0;
    const smtp = createServer((socket) => {
      smtpConnections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.address() as { port: number }).port;

    const source = await startStack({ label: 'replaysrc' });
    try {
      const cases = await loadGoldenSplit('dev', FIXTURES);
      const from = new Date(Date.now() - 1000);
      const outcomes = await askTickets(source, cases.map(ticketRequest), { concurrency: 4 });
      // A second turn on a ticket whose first turn went to an agent either way.
      const held = outcomes.find((o) => o.decision === 'suggested')!;
      const followUp = await apiClient(source).call(
        'ingress',
        'POST',
        `/v1/tickets/${held.ticketId}/messages`,
        {
          body: 'Also, how long does a refund take to reach my card?',
        },
      );
      expect(followUp.status).toBe(202);
      const turns = await Promise.all([
        ...outcomes.map((o) => decidedTurn(source, o.ticketId, 1)),
        decidedTurn(source, held.ticketId, 2),
      ]);
      const to = new Date(Date.now() + 1000);
      await source.supervisor.stop();

      const threshold = thresholdBetween(turns);
      const expected = turns
        .filter((t) => t.decision === 'auto_sent' && t.byModel && t.probability! < threshold)
        .map((t) => ({ ticketId: t.ticketId, turn: t.turn, from: 'auto_sent', to: 'suggested' }));
      expect(expected.length).toBeGreaterThan(0);

      const dir = await mkdtemp(path.join(tmpdir(), 'replay-'));
      const candidate = path.join(dir, 'threshold.env');
      await writeFile(
        candidate,
        [
          `GATE_ANSWER_THRESHOLD=${threshold}`,
          'INGRESS_SMTP_HOST=127.0.0.1',
          `INGRESS_SMTP_PORT=${smtpPort}`,
          'INGRESS_EMAIL_FROM=support@example.com',
          `DATABASE_SCHEMA=${source.schema}`,
        ].join('\n'),
      );
      const html = path.join(dir, 'replay.html');
      const args = ['--from', from.toISOString(), '--to', to.toISOString(), '--candidate', candidate];
      const result = (await run(
        parseSuiteArgs([...args, '--source-schema', source.schema, '--html', html, '--json']),
      )) as ReplayResult;

      expect(result.summary.tickets).toBe(cases.length);
      expect(result.summary.turns).toBe(cases.length + 1);
      expect(result.summary.errors).toBe(0);
      const byKey = (m: { ticketId: string; turn: number }) => `${m.ticketId}/${m.turn}`;
      expect(result.summary.moves.map(byKey).sort()).toEqual(expected.map(byKey).sort());
      expect(result.summary.moves).toEqual(expect.arrayContaining(expected));
      expect(result.summary.transitions).toEqual({ 'auto_sent -> suggested': expected.length });
      // Every other turn came to the same decision as the original.
      const unmoved = result.tickets.flatMap((d) => d.turns.filter((t) => !t.moved));
      expect(unmoved).toHaveLength(turns.length - expected.length);
      for (const t of unmoved) expect(t.candidate!.decision).toBe(t.original!.decision);
      // An answer held back for an agent is the same text as the one that was sent.
      for (const d of result.tickets)
        for (const t of d.turns.filter((x) => x.moved)) {
          expect(t.candidate!.reasons).toContain('low_answer_probability');
          expect(t.candidate!.answer?.body).toBe(t.original!.answer?.body);
          expect(t.lost).toEqual([]);
        }

      expect(result.candidate.settings).toEqual({ GATE_ANSWER_THRESHOLD: String(threshold) });
      expect(result.candidate.ignored.map((i) => i.name)).toEqual([
        'DATABASE_SCHEMA',
        'INGRESS_EMAIL_FROM',
        'INGRESS_SMTP_HOST',
        'INGRESS_SMTP_PORT',
      ]);
      const emailSent = result.tickets.filter(
        (d) => d.channel === 'email' && d.turns.some((t) => t.candidate?.answer?.kind === 'reply'),
      );
      expect(emailSent.length).toBeGreaterThan(0);
      expect(smtpConnections).toBe(0);
      expect(result.copied).toMatchObject({ customers: 500, orders: 1000, products: 50 });

      const page = await readFile(html, 'utf8');
      expect(page).toContain('<h1>Shadow replay</h1>');
      for (const m of expected) expect(page).toContain(`id="${m.ticketId}"`);
      expect(format(result as never)).toContain(`decisions moved: ${expected.length} turns`);
    } finally {
      await source.stop();
      smtp.close();
    }
  }, 600_000);
});
