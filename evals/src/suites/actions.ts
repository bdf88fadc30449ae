// `pnpm --silent evals actions --tasks <jsonl> [--trials k] [--offset N] [--limit N] [--concurrency c] [--details] [--json]`:
// the store tasks (tau-bench retail format) held as conversations through the public API of the running product
// by a deterministic simulated customer, graded on the store's end state. See evals/README.md.
import { PostgresStore, stateDigest } from '@parley/commerce';
import type { Kysely } from 'kysely';
import type { SuiteArgs } from '../dispatch.js';
import { positiveIntOption, requireOption } from '../dispatch.js';
import { apiClient, startStack } from '../stack.js';
import { mapLimited } from '../tickets.js';
import { converse } from '../actions/converse.js';
import type { OwnOrder } from '../actions/customer.js';
import { SimulatedCustomer } from '../actions/customer.js';
import { ExpectedStates, keepSeedCopy, restoreCustomer, wrongWrites } from '../actions/grade.js';
import type { Task } from '../actions/tasks.js';
import { loadTasks } from '../actions/tasks.js';

interface TrialOutcome {
  pass: boolean;
  turns: number;
  end: string;
  wrongWrites: number;
  toolRounds: number;
  costUsd: number;
  executed?: Array<{ tool: string; input: Record<string, unknown> }>;
  last?: { intent?: string; reasons: string[] };
  ticketId?: string;
  transcript?: string[];
}

interface TaskOutcome {
  id: string;
  userId: string;
  trials: TrialOutcome[];
  wrongWrites: number;
}

const mean = (xs: readonly number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * The customer's own orders as they would know them: number, status and the items with their options, and the
 * options each item's product page offers.
 */
async function ownOrders(store: PostgresStore, userId: string): Promise<OwnOrder[]> {
  const customer = await store.getCustomer(userId);
  const orders = (await Promise.all((customer?.orderIds ?? []).map((id) => store.getOrder(id)))).filter(
    (o) => o !== null,
  );
  const choices = new Map<string, Record<string, string[]>>();
  for (const id of new Set(orders.flatMap((o) => o.items.map((i) => i.productId)))) {
    const values: Record<string, string[]> = {};
    for (const v of (await store.getProduct(id))?.variants ?? [])
      for (const [k, val] of Object.entries(v.options)) values[k] = [...new Set([...(values[k] ?? []), val])];
    choices.set(id, values);
  }
  return orders.map((o) => ({
    id: o.id,
    status: o.status,
    items: o.items.map((i) => ({
      name: i.name,
      options: i.options,
      choices: choices.get(i.productId) ?? {},
    })),
  }));
}

export async function run(args: SuiteArgs): Promise<Record<string, unknown>> {
  const file = requireOption(args, 'tasks');
  const trials = positiveIntOption(args, 'trials', 1);
  const limit = args.options.limit === undefined ? undefined : positiveIntOption(args, 'limit', 1);
  const offset = args.options.offset === '0' ? 0 : positiveIntOption(args, 'offset', 0);
  const concurrency = positiveIntOption(args, 'concurrency', 3);
  const details = args.options.details === 'true';
  const tasks = await loadTasks(file, limit, offset);
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

  const expected = await ExpectedStates.create(databaseUrl);
  const digests: string[] = [];
  try {
    for (const [i, task] of tasks.entries()) digests.push(await expected.digest(task, i));
  } finally {
    await expected.close();
  }

  const stack = await startStack({
    label: 'actions',
    // Seven services loading word vectors on a shared, loaded machine can take longer than the default.
    readyTimeoutMs: 240_000,
    prepare: (db) => keepSeedCopy(db.db as Kysely<unknown>),
  });
  const outcomes: TaskOutcome[] = tasks.map((t) => ({
    id: t.customer.id,
    userId: t.customer.userId,
    trials: [],
    wrongWrites: 0,
  }));
  try {
    const api = apiClient(stack);
    const store = new PostgresStore(stack.db.db);
    const raw = stack.db.db as Kysely<unknown>;
    // Tasks of one customer run one after another (each from the seeded state); different customers in parallel.
    const byCustomer = new Map<string, number[]>();
    tasks.forEach((t, i) =>
      byCustomer.set(t.customer.userId, [...(byCustomer.get(t.customer.userId) ?? []), i]),
    );
    await mapLimited([...byCustomer.values()], concurrency, async (indexes) => {
      for (const i of indexes) {
        const task: Task = tasks[i]!;
        for (let trial = 0; trial < trials; trial++) {
          await restoreCustomer(raw, task.customer.userId);
          const customer = new SimulatedCustomer(
            task.customer,
            await ownOrders(store, task.customer.userId),
            trial,
          );
          const talk = await converse(api, customer, { timeoutMs: 60_000 });
          const digest = await stateDigest(store, { customerIds: [task.customer.userId] });
          const wrong = wrongWrites(talk.executed, task.expected);
          outcomes[i]!.trials.push({
            pass: digest === digests[i] && wrong === 0,
            turns: talk.turns,
            end: talk.end,
            wrongWrites: wrong,
            toolRounds: talk.toolRounds,
            costUsd: talk.costUsd,
            ...(details
              ? {
                  executed: talk.executed,
                  last: talk.last,
                  ticketId: talk.ticketId,
                  transcript: talk.transcript,
                }
              : {}),
          });
          outcomes[i]!.wrongWrites += wrong;
        }
        await restoreCustomer(raw, task.customer.userId);
      }
    });
  } finally {
    await stack.stop();
  }
  const all = outcomes.flatMap((o) => o.trials);
  return {
    tasks: file,
    n: outcomes.length,
    trials,
    passAt1: round(mean(outcomes.map((o) => mean(o.trials.map((t) => (t.pass ? 1 : 0)))))),
    passHatK: round(mean(outcomes.map((o) => (o.trials.every((t) => t.pass) ? 1 : 0)))),
    wrongWrites: outcomes.reduce((n, o) => n + o.wrongWrites, 0),
    avgTurns: round(mean(all.map((t) => t.turns)), 2),
    avgToolRounds: round(mean(all.map((t) => t.toolRounds)), 2),
    costPerTask: round(mean(all.map((t) => t.costUsd)), 6),
    ends: Object.fromEntries(
      [...new Set(all.map((t) => t.end))].sort().map((e) => [e, all.filter((t) => t.end === e).length]),
    ),
    outcomes,
  };
}

export function format(result: Record<string, unknown>): string {
  const r = result as Record<string, number | string | object>;
  const lines = [
    `actions: ${String(r.tasks)} (${String(r.n)} tasks x ${String(r.trials)} trials)`,
    `  pass^1 ${String(r.passAt1)}   pass^k ${String(r.passHatK)}   wrong writes ${String(r.wrongWrites)}`,
    `  turns/conversation ${String(r.avgTurns)}   tool rounds ${String(r.avgToolRounds)}   cost/task $${String(r.costPerTask)}`,
    `  conversations ended: ${JSON.stringify(r.ends)}`,
  ];
  for (const o of result.outcomes as TaskOutcome[])
    lines.push(
      `  ${o.id.padStart(3)} ${o.userId.padEnd(24)} ${o.trials.map((t) => (t.pass ? 'P' : '.')).join('')} ${o.trials.map((t) => t.end).join(',')}`,
    );
  return lines.join('\n');
}
