import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';

/** A command line the command cannot run: the message names the problem and ends with the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `util.parseArgs` in strict mode (unknown flags, missing values and flags of the wrong type are errors), with
 * the positional count checked too; every error is a UsageError carrying the command's usage line.
 */
export function strictArgs<O extends Options>(
  argv: readonly string[],
  options: O,
  usage: string,
  positionals: { min: number; max: number },
): {
  values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>['values'];
  positionals: string[];
} {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${usage}`);
  }
  const count = parsed.positionals.length;
  if (count < positionals.min) throw new UsageError(`missing argument\n${usage}`);
  if (count > positionals.max) {
    throw new UsageError(
      `unexpected argument ${JSON.stringify(parsed.positionals[positionals.max])}\n${usage}`,
    );
  }
  return { values: parsed.values, positionals: parsed.positionals };
}
