import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { stateDigest } from '../src/digest.js';
import type { RefusalRule } from '../src/refusals.js';
import { toolByName } from '../src/tools.js';
import type { SeededStore, TauTask } from './harness.js';
import { loadTasks, seededStore } from './harness.js';

// Every tau-bench task of the demo store, applied through the tool catalogue with the task's customer
// authenticated, must end in the state tau-bench's own tools reach (fixtures/tau-expected.json, made by
// scripts/tau_expected.py from the benchmark's code), and be refused exactly where tau-bench refuses.

interface Expected {
  split: 'train' | 'dev';
  index: number;
  userId: string;
  refused: Array<{ action: number; error: string }>;
  digest: string;
}

let s: SeededStore;
let tasks: TauTask[];
let expected: Expected[];

beforeAll(async () => {
  // The benchmark's answers list items "changed" to themselves, which the strict policy refuses.
  s = await seededStore('consistency', { policy: { allowUnchangedItems: true } });
  tasks = await loadTasks();
  expected = JSON.parse(
    await readFile(new URL('./fixtures/tau-expected.json', import.meta.url), 'utf8'),
  ) as Expected[];
});
afterAll(async () => {
  await s.t.drop();
});

describe('the tau-bench tasks through the tool catalogue', () => {
  it('refuses only what tau-bench refuses and reaches the state it reaches, for all 520 tasks', async () => {
    expect(tasks).toHaveLength(520);
    expect(expected.map((e) => `${e.split}:${e.index}:${e.userId}`)).toEqual(
      tasks.map((t) => `${t.split}:${t.index}:${t.userId}`),
    );
    const seeded = await stateDigest(s.store);
    const refusals: Array<{ task: string; action: number; rule: RefusalRule }> = [];
    const mismatched: string[] = [];
    let applied = 0;
    for (const [n, task] of tasks.entries()) {
      const name = `${task.split}:${task.index}`;
      for (const [j, action] of task.actions.entries()) {
        const tool = toolByName(action.name);
        if (!tool) throw new Error(`${name}: no tool ${action.name}`);
        const outcome = await tool.run(s.store, action.kwargs, {
          customerId: task.userId,
          actionId: `${name}:${j}`,
        });
        if (outcome.ok) applied += 1;
        else refusals.push({ task: name, action: j, rule: outcome.refusal.rule });
      }
      const digest = await stateDigest(s.store, { customerIds: [task.userId] });
      if (digest !== expected[n]?.digest) mismatched.push(name);
      await s.restore(task.userId);
    }
    const tauRefused = expected.flatMap((e) =>
      e.refused.map((r) => {
        // tau-bench refuses these for one reason only: the gift card cannot cover the amount.
        expect(r.error).toMatch(/insufficient gift card balance/);
        return { task: `${e.split}:${e.index}`, action: r.action, rule: 'insufficient_gift_card_balance' };
      }),
    );
    expect(refusals).toEqual(tauRefused);
    expect(refusals).toHaveLength(20);
    expect(applied).toBe(793 - 20);
    expect(mismatched).toEqual([]);
    // Undoing each task left the store exactly as seeded, so every task started from a fresh store.
    expect(await stateDigest(s.store)).toBe(seeded);
  });
});
