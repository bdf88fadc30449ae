// A process that handles BATCH messages together and is killed inside their shared transaction, before its
// commit: `test/group-commit.test.ts` starts it, waits for "in commit" and SIGKILLs it.
import { readPlatformConfig } from '@parley/config';
import { createDb } from '@parley/db';
import { createLogger, Registry } from '@parley/telemetry';
import { Bus, connectNats } from '../src/index.js';
import { batchConsumer, recordEffect, together } from './fixtures.js';

const c = readPlatformConfig(process.env);
const batch = Number(process.env.BATCH);
const { db } = createDb({
  url: c.databaseUrl,
  schema: c.databaseSchema,
  poolMax: 2,
  statementTimeoutMs: 20e3,
});
const log = createLogger({ service: 'group-commit-child', level: 'silent' });
const nc = await connectNats(c.natsUrl, 'group-commit-child', c.natsAuth);
const bus = new Bus({ nc, db, prefix: c.busPrefix, service: 'svc', log, registry: new Registry() });
const gate = together(batch);
let written = 0;
await bus.startConsumers(
  batchConsumer(batch, async (event, ctx) => {
    await gate();
    recordEffect(event, ctx, 'crashed');
    ctx.write(async () => {
      written += 1;
      if (written < batch) return;
      // Every message of the batch has written; the commit never comes.
      process.stdout.write('in commit\n');
      await new Promise(() => undefined);
    });
  }),
);
