import { seedDemoStore } from '@parley/commerce';
import { strictArgs } from '../args.js';
import type { Io } from '../io.js';
import { openDb } from '../io.js';
import { withProgress } from '@parley/runtime/progress';

export const USAGE = 'usage: parley seed   (loads the demo store into an empty database; a no-op otherwise)';

export function parse(argv: readonly string[]): Record<string, never> {
  strictArgs(argv, {}, USAGE, { min: 0, max: 0 });
  return {};
}

export async function run(_args: Record<string, never>, io: Io): Promise<number> {
  const db = openDb(io.env, 'seed');
  try {
    const seed = await withProgress('seeding the demo store', () => seedDemoStore(db.db), io.err);
    io.out(
      seed.seeded
        ? `demo store seeded: ${seed.customers} customers, ${seed.orders} orders, ${seed.products} products\n`
        : 'demo store already present\n',
    );
    return 0;
  } finally {
    await db.close();
  }
}
