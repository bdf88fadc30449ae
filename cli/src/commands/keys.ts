import { createKey, listKeys, revokeKey } from '@parley/auth';
import { strictArgs, UsageError } from '../args.js';
import type { Io } from '../io.js';
import { openDb } from '../io.js';

export const USAGE = [
  'usage: parley keys create <name> [--scopes tickets,inbox,admin] [--workspace <id>]',
  '       parley keys revoke <id>',
  '       parley keys list [--workspace <id>]',
].join('\n');

export type KeysArgs =
  | { command: 'create'; name: string; scopes: string[]; workspace?: string }
  | { command: 'revoke'; id: string }
  | { command: 'list'; workspace?: string };

export function parse(argv: readonly string[]): KeysArgs {
  const { values, positionals } = strictArgs(
    argv,
    { scopes: { type: 'string' }, workspace: { type: 'string' } },
    USAGE,
    { min: 1, max: 2 },
  );
  const [command, operand] = positionals;
  const workspace = values.workspace !== undefined ? { workspace: values.workspace } : {};
  switch (command) {
    case 'create': {
      if (!operand) throw new UsageError(`create needs a key name\n${USAGE}`);
      const scopes = (values.scopes ?? 'tickets')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      return { command, name: operand, scopes, ...workspace };
    }
    case 'revoke':
      if (!operand) throw new UsageError(`revoke needs a key id\n${USAGE}`);
      if (values.scopes !== undefined || values.workspace !== undefined)
        throw new UsageError(`revoke takes no options\n${USAGE}`);
      return { command, id: operand };
    case 'list':
      if (operand !== undefined || values.scopes !== undefined)
        throw new UsageError(`list takes only --workspace\n${USAGE}`);
      return { command, ...workspace };
    default:
      throw new UsageError(`unknown keys command ${JSON.stringify(command)}\n${USAGE}`);
  }
}

export async function run(args: KeysArgs, io: Io): Promise<number> {
  const db = openDb(io.env, 'keys', 15_000);
  try {
    switch (args.command) {
      case 'create': {
        const { id, key } = await createKey(db.db, args.name, args.scopes, args.workspace);
        io.out(
          `created ${id} (${args.scopes.join(',')}) in workspace ${args.workspace ?? 'default'}\n${key}\nThe key is shown only now; store it safely.\n`,
        );
        return 0;
      }
      case 'revoke': {
        const done = await revokeKey(db.db, args.id);
        io.out(done ? `revoked ${args.id}\n` : `no active key ${args.id}\n`);
        return done ? 0 : 1;
      }
      case 'list': {
        for (const k of await listKeys(db.db)) {
          if (args.workspace !== undefined && k.workspace !== args.workspace) continue;
          io.out(
            `${k.id}\t${k.name}\t${k.workspace}\t${k.scopes.join(',')}\t${k.createdAt}\t${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'}\n`,
          );
        }
        return 0;
      }
    }
  } finally {
    await db.close();
  }
}
