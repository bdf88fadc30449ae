// Manage API keys: `tsx services/ingress/src/keys-cli.ts create <name> [--scopes tickets,inbox] [--workspace id]
// | revoke <id> | list`
import { readPlatformConfig } from '@parley/config';
import { createDb } from '@parley/db';
import { createKey, listKeys, revokeKey } from '@parley/auth';

const USAGE = 'usage: keys-cli create <name> [--scopes tickets,inbox] [--workspace id] | revoke <id> | list';

/** The value after `--flag` and the arguments without both. */
function takeOption(args: string[], flag: string): { value: string | undefined; rest: string[] } {
  const at = args.indexOf(flag);
  if (at < 0) return { value: undefined, rest: args };
  return { value: args[at + 1], rest: args.filter((_, i) => i !== at && i !== at + 1) };
}

async function run(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  const config = readPlatformConfig(process.env);
  const db = createDb({
    url: config.databaseUrl,
    schema: config.databaseSchema,
    poolMax: 1,
    statementTimeoutMs: config.statementTimeoutMs,
    applicationName: 'parley-keys-cli',
  });
  try {
    switch (command) {
      case 'create': {
        const scopesOpt = takeOption(rest, '--scopes');
        const workspaceOpt = takeOption(scopesOpt.rest, '--workspace');
        const scopes = (scopesOpt.value ?? 'tickets')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const workspace = workspaceOpt.value ?? 'default';
        const name = workspaceOpt.rest.join(' ');
        const { id, key } = await createKey(db.db, name, scopes, workspace);
        process.stdout.write(
          `created ${id} (${scopes.join(',')}) in workspace ${workspace}\n${key}\nThe key is shown only now; store it safely.\n`,
        );
        return 0;
      }
      case 'revoke': {
        if (!rest[0]) break;
        const done = await revokeKey(db.db, rest[0]);
        process.stdout.write(done ? `revoked ${rest[0]}\n` : `no active key ${rest[0]}\n`);
        return done ? 0 : 1;
      }
      case 'list': {
        for (const k of await listKeys(db.db)) {
          process.stdout.write(
            `${k.id}\t${k.name}\t${k.workspace}\t${k.scopes.join(',')}\t${k.createdAt}\t${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'}\n`,
          );
        }
        return 0;
      }
      default:
        break;
    }
    process.stderr.write(`${USAGE}\n`);
    return 2;
  } finally {
    await db.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`keys-cli: ${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
