// `evals actions` on three store tasks through the whole product (the CLI in its own process, seven services,
// real NATS and Postgres), two trials each: the figures it reports and how they hang together, and that the
// planner carries a return, a cancellation and an exchange through to the store with nothing written wrongly.
import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TASKS = fileURLToPath(new URL('./fixtures/actions/tasks.jsonl', import.meta.url));

interface Result {
  n: number;
  trials: number;
  passAt1: number;
  passHatK: number;
  wrongWrites: number;
  avgTurns: number;
  avgToolRounds: number;
  costPerTask: number;
  outcomes: Array<{
    userId: string;
    trials: Array<{
      pass: boolean;
      end: string;
      turns: number;
      wrongWrites: number;
      last?: { intent?: string; reasons?: string[] };
      transcript?: string[];
    }>;
  }>;
}

describe('evals actions through the whole product', () => {
  it('holds each conversation to the store write, graded on the end state, with consistent figures', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'evals/src/cli.ts',
        'actions',
        '--tasks',
        TASKS,
        '--trials',
        '2',
        '--json',
        '--details',
      ],
      { cwd: ROOT, env: process.env, maxBuffer: 16 * 1024 ** 2 },
    );
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const r = JSON.parse(lines[0]!) as Result;
    expect(r).toMatchObject({ n: 3, trials: 2, wrongWrites: 0, avgToolRounds: 0, costPerTask: 0 });
    expect(r.outcomes.map((o) => o.userId)).toEqual(['james_li_5688', 'juan_rossi_6696', 'ava_nguyen_2175']);
    const passes = r.outcomes.map((o) => o.trials.filter((t) => t.pass).length / o.trials.length);
    expect(r.passAt1).toBeCloseTo(passes.reduce((a, b) => a + b, 0) / 3, 3);
    expect(r.passHatK).toBeCloseTo(r.outcomes.filter((o) => o.trials.every((t) => t.pass)).length / 3, 3);
    expect(r.passHatK).toBeLessThanOrEqual(r.passAt1);
    // A return, a cancellation and an exchange, each proposed, confirmed and carried out in every trial; a trial
    // that fails shows how its conversation ended (handed over, timed out, the turn cap), the last decision's
    // intent and reasons, and the last message.
    const ending = (t: Result['outcomes'][number]['trials'][number]) =>
      `${t.end} (${t.last?.intent ?? '?'}: ${(t.last?.reasons ?? []).join(', ')}) ${t.transcript?.at(-1) ?? ''}`;
    expect(r.outcomes.map((o) => o.trials.map((t) => (t.pass ? 'pass' : ending(t))))).toEqual([
      ['pass', 'pass'],
      ['pass', 'pass'],
      ['pass', 'pass'],
    ]);
    expect(r.passHatK).toBe(1);
    for (const o of r.outcomes) for (const t of o.trials) expect(t.turns).toBeGreaterThanOrEqual(2);
  }, 600_000);
});
