import { readFile } from 'node:fs/promises';
import { z } from 'zod';

// tau-bench retail tasks (`packages/demo-store/data/tasks_*.jsonl`). The simulated customer gets the task's
// `CustomerTask` only (who they are and what they want); the expected actions stay with the grader.

const Line = z.object({
  user_id: z.string().min(1),
  instruction: z.string().min(1),
  actions: z.array(z.object({ name: z.string(), kwargs: z.record(z.string(), z.unknown()) })),
});

/** What the customer knows: who they are and what they want. Never the expected outcome. */
export interface CustomerTask {
  id: string;
  userId: string;
  instruction: string;
}

export interface ExpectedAction {
  name: string;
  kwargs: Record<string, unknown>;
}

export interface Task {
  customer: CustomerTask;
  expected: ExpectedAction[];
}

export async function loadTasks(file: string, limit?: number, offset = 0): Promise<Task[]> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim().length > 0);
  const tasks = lines.map((line, i) => {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${i + 1}: not JSON`);
    }
    const parsed = Line.safeParse(json);
    if (!parsed.success) throw new Error(`${file}:${i + 1}: not a task (${parsed.error.issues[0]?.message})`);
    const { user_id: userId, instruction, actions } = parsed.data;
    return { customer: { id: `${i}`, userId, instruction }, expected: actions };
  });
  return tasks.slice(offset, limit === undefined ? undefined : offset + limit);
}
