import { describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GoldenOutcome } from '../../golden/summary.js';
import { figures as goldenFigures } from '../../golden/summary.js';
import { goldenCase, ticketOutcome } from '../../golden/testing.js';
import { casesOf, figuresOf } from '../figures.js';
import type { PartRun } from '../figures.js';
import {
  ACTIONS_GATE_TASKS,
  ACTIONS_TASKS,
  actionsPart,
  actionsSuiteExists,
  measureActions,
} from './actions.js';
import { goldenPart } from './golden.js';
import { carveValidation } from './router.js';

const value = (run: PartRun, name: string, group?: string) => {
  const def = figuresOf(run).find((d) => d.name === name && d.group === group)!;
  return def.stat(run.columns, casesOf(run, def)!);
};

describe('gate parts', () => {
  it('turns golden outcomes into columns whose figures are those of evals golden', () => {
    const ok = { ok: true, problems: [], leaks: [] };
    const leak = { ok: false, problems: ['shows #W2000001'], leaks: ['order #W2000001'] };
    const outcomes: GoldenOutcome[] = [
      { case: goldenCase({ id: 'a' }), ticket: ticketOutcome({ costUsd: 0.01 }), grade: ok },
      { case: goldenCase({ id: 'b' }), ticket: ticketOutcome({ costUsd: 0.01 }), grade: leak },
      {
        case: goldenCase({ id: 'c', category: 'order_status', intent: 'order_status' }),
        ticket: ticketOutcome({ decision: 'suggested', reasons: ['low_retrieval'] }),
        grade: leak,
      },
      {
        case: goldenCase({
          id: 'd',
          category: 'complaint',
          intent: 'complaint',
          accept: ['escalated'],
          mustContain: [],
        }),
        ticket: ticketOutcome({ decision: 'escalated', body: undefined }),
        grade: null,
      },
    ];
    const run = goldenPart('golden-dev', 'dev.jsonl', outcomes);
    const expected = goldenFigures(outcomes);
    expect(value(run, 'deflection')).toBeCloseTo(expected.deflection, 3);
    expect(value(run, 'badAnswerRate')).toBeCloseTo(expected.badAnswerRate, 3);
    expect(value(run, 'privacyLeaks')).toBe(expected.privacyLeaks);
    expect(value(run, 'draftPrivacyLeaks')).toBe(expected.draftPrivacyLeaks);
    expect(value(run, 'costPerResolutionUsd')).toBeCloseTo(expected.costPerResolutionUsd!, 6);
    expect(value(run, 'escalated')).toBe(0.25);
    expect(run.groups).toEqual({
      'category=help_centre': [0, 1],
      'category=order_status': [2],
      'category=complaint': [3],
    });
    expect(value(run, 'deflection', 'category=help_centre')).toBe(0.5);
    // The digest follows the cases, so a changed golden set is compared unpaired.
    const renamed = goldenPart('golden-dev', 'dev.jsonl', [
      { ...outcomes[0]!, case: goldenCase({ id: 'z' }) },
      ...outcomes.slice(1),
    ]);
    expect(renamed.digest).not.toBe(run.digest);
  });

  it('reads per-task actions outcomes when the suite lists them, and aggregates otherwise', () => {
    const detailed = actionsPart(
      {
        n: 2,
        passAt1: 0.75,
        passHatK: 0.5,
        wrongWrites: 1,
        tasks: [
          { id: 't1', trials: [true, true] },
          { id: 't2', trials: [{ pass: true }, { pass: false }], wrongWrites: 1 },
        ],
      },
      'tasks_dev.jsonl',
    );
    expect(detailed.columns).toEqual({ pass1: [1, 0.5], passK: [1, 0], wrongWrites: [0, 1] });
    expect(detailed.digest).not.toBe('');
    expect(value(detailed, 'passAt1')).toBe(0.75);
    const aggregate = actionsPart({ n: 4, passAt1: 0.5, passHatK: 0.25, wrongWrites: 0 }, 'tasks_dev.jsonl');
    expect(aggregate).toMatchObject({ digest: '', n: 4 });
    expect(value(aggregate, 'passAt1')).toBe(0.5);
    expect(value(aggregate, 'passHatK')).toBe(0.25);
    expect(value(aggregate, 'wrongWrites')).toBe(0);
    expect(() => actionsPart({ n: 4, passAt1: 0.5 }, 'x')).toThrow('the gate cannot read it');
  });

  it('runs an actions suite module with the dev tasks and the trials, and reads what it returns', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gate-actions-'));
    const suite = path.join(dir, 'actions.mjs');
    expect(await actionsSuiteExists(suite)).toBe(false);
    // Refuses anything but the dev tasks; one task with as many passing trials as asked for.
    await writeFile(
      suite,
      `export async function run(args) {
        if (!args.options.tasks.endsWith('/${ACTIONS_TASKS}')) throw new Error('wrong tasks ' + args.options.tasks);
        if (args.options.limit !== '${ACTIONS_GATE_TASKS}') throw new Error('no fixed subset');
        const k = Number(args.options.trials);
        return { n: 1, passAt1: 1, passHatK: 1, wrongWrites: 0, tasks: [{ id: 't1', trials: Array(k).fill(true) }] };
      }\n`,
    );
    expect(await actionsSuiteExists(suite)).toBe(true);
    const run = await measureActions(3, suite);
    expect(run).toMatchObject({
      part: 'actions-dev',
      kind: 'actions',
      n: 1,
      source: `${ACTIONS_TASKS} (first ${ACTIONS_GATE_TASKS}) x3 trials`,
    });
    expect(run.columns).toEqual({ pass1: [1], passK: [1], wrongWrites: [0] });
    expect(run.digest).not.toBe(actionsPart({ tasks: [{ id: 't1', trials: [true, true] }] }, '').digest);
  });

  it('carves validation and test from the shipped validation file by label and position', () => {
    const val = ['a', 'b', 'a', 'a', 'b', 'out_of_scope', 'a', 'b', 'out_of_scope'].map((intent, i) => ({
      text: `q${i}`,
      intent,
    }));
    const { val: v, test } = carveValidation(val);
    expect(v.map((e) => e.text)).toEqual(['q0', 'q1', 'q3', 'q5', 'q7']);
    expect(test.map((e) => e.text)).toEqual(['q2', 'q4', 'q6', 'q8']);
  });
});
