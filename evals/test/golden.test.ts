// `evals golden` on a fixture of twelve cases through the whole product (the CLI in its own process, six
// services, real NATS and Postgres): the fields it reports and how they hang together, not quality targets.
import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadGoldenSplit } from '../src/golden/cases.js';
import { goldenCase } from '../src/golden/testing.js';
import type { GoldenResult } from '../src/suites/golden.js';
import { SMS_SENDER, UNKNOWN_EMAIL_SENDER, ticketRequest } from '../src/suites/golden.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/golden/', import.meta.url));

describe('ticketRequest', () => {
  it("posts the customer's words on the case's channel, with a sender the channel can answer", () => {
    expect(ticketRequest(goldenCase({ customer: 'a@example.com', subject: 'Hi', text: 'Where?' }))).toEqual({
      channel: 'api',
      customer: { email: 'a@example.com' },
      subject: 'Hi',
      body: 'Where?',
    });
    expect(ticketRequest(goldenCase({ channel: 'email' })).customer).toEqual({ email: UNKNOWN_EMAIL_SENDER });
    expect(ticketRequest(goldenCase({ channel: 'sms', customer: 'a@example.com' })).customer).toEqual({
      email: 'a@example.com',
      phone: SMS_SENDER,
    });
    expect(ticketRequest(goldenCase({ channel: 'chat' })).customer).toEqual({});
  });
});

describe('evals golden through the whole product', () => {
  it('reports consistent figures, per intent and category, with each outcome and an HTML report', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'golden-'));
    const html = join(dir, 'report.html');
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'evals/src/cli.ts', 'golden', '--split', 'dev', '--dir', FIXTURES].concat([
          '--concurrency',
          '4',
          '--details',
          '--html',
          html,
          '--json',
        ]),
        { cwd: ROOT, env: process.env, maxBuffer: 16 * 1024 ** 2 },
      );
      const lines = stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      const r = JSON.parse(lines[0]!) as GoldenResult;
      const cases = await loadGoldenSplit('dev', FIXTURES);

      expect(r.n).toBe(cases.length);
      expect(r.autoSent).toBe(r.goodAuto + r.badAuto);
      expect(r.n).toBe(r.autoSent + r.actionSteps + r.suggested + r.escalated);
      expect(r.deflection).toBeCloseTo(r.goodAuto / r.n, 3);
      expect(r.badAnswerRate).toBeCloseTo(r.autoSent === 0 ? 0 : r.badAuto / r.autoSent, 3);
      expect(r.p95Ms).toBeGreaterThanOrEqual(r.p50Ms);
      expect(r.p50Ms).toBeGreaterThan(0);
      expect(r.costUsd).toBeGreaterThanOrEqual(0);
      if (r.goodAuto > 0) expect(r.costPerResolutionUsd).toBeCloseTo(r.costUsd / r.goodAuto, 6);
      expect(r.privacyLeaks).toBeLessThanOrEqual(r.badAuto);

      for (const groups of [r.perIntent, r.perCategory]) {
        const sum = (
          k: 'n' | 'autoSent' | 'goodAuto' | 'badAuto' | 'actionSteps' | 'suggested' | 'escalated',
        ) => Object.values(groups).reduce((s, f) => s + f[k], 0);
        for (const k of [
          'n',
          'autoSent',
          'goodAuto',
          'badAuto',
          'actionSteps',
          'suggested',
          'escalated',
        ] as const)
          expect(sum(k)).toBe(r[k]);
        for (const f of Object.values(groups))
          expect(f.n).toBe(f.autoSent + f.actionSteps + f.suggested + f.escalated);
      }
      expect(Object.keys(r.perIntent).sort()).toEqual([...new Set(cases.map((c) => c.intent))].sort());
      expect(Object.keys(r.perCategory).sort()).toEqual([...new Set(cases.map((c) => c.category))].sort());

      const outcomes = r.outcomes!;
      expect(outcomes.map((o) => o.case.id)).toEqual(cases.map((c) => c.id));
      expect(outcomes.filter((o) => o.good === true)).toHaveLength(r.goodAuto);
      expect(outcomes.filter((o) => o.good === false)).toHaveLength(r.badAuto);
      expect(outcomes.filter((o) => o.actionStep)).toHaveLength(r.actionSteps);
      expect(
        outcomes.filter((o) => o.ticket.decision === 'auto_sent' && (o.grade?.leaks.length ?? 0) > 0),
      ).toHaveLength(r.privacyLeaks);
      for (const o of outcomes) {
        expect(o.ticket.reasons.length).toBeGreaterThan(0);
        // Every auto-sent reply and every suggestion's draft came back and was graded; escalations are not.
        if (o.ticket.decision === 'auto_sent') expect(o.grade).not.toBeNull();
        if (o.ticket.decision === 'escalated') expect(o.grade).toBeNull();
        if (o.grade) expect(o.grade.ok).toBe(o.grade.problems.length === 0);
      }

      expect(r.html).toBe(html);
      const page = await readFile(html, 'utf8');
      expect(page.startsWith('<!doctype html>')).toBe(true);
      expect(page).toContain('<svg');
      expect(page).toContain(`Wrong answers sent automatically (${r.badAuto})`);
      expect(page).not.toContain('<script');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
