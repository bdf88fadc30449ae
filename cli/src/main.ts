// `parley <command> ...`: the one operator command. Every command parses its arguments strictly (an unknown
// flag or a missing value is a usage error, exit 2), prints its result on stdout and its progress on stderr.
import { ConfigError } from '@parley/config';
import { UsageError } from './args.js';
import * as canary from './commands/canary.js';
import * as classifier from './commands/classifier.js';
import * as kb from './commands/kb.js';
import * as keys from './commands/keys.js';
import * as killSwitch from './commands/kill-switch.js';
import * as migrate from './commands/migrate.js';
import * as seed from './commands/seed.js';
import * as train from './commands/train.js';
import * as vectors from './commands/vectors.js';
import type { Io } from './io.js';
import { processIo } from './io.js';

interface Command {
  summary: string;
  usage: string;
  main(argv: readonly string[], io: Io): Promise<number>;
}

/** A command whose arguments are parsed before anything is opened. */
function parsed<A>(
  summary: string,
  mod: { USAGE: string; parse(argv: readonly string[]): A; run(args: A, io: Io): Promise<number> },
): Command {
  return { summary, usage: mod.USAGE, main: (argv, io) => mod.run(mod.parse(argv), io) };
}

export const COMMANDS: Record<string, Command> = {
  'kill-switch': parsed('flip every gate to auto, suggest_only or disabled', killSwitch),
  canary: parsed("split a service's tickets with a candidate version; promote or roll it back", canary),
  keys: parsed('create, revoke and list API keys', keys),
  kb: parsed('ingest a knowledge source', kb),
  train: parsed("retrain the router's local intent model", train),
  migrate: parsed('apply (or roll back one) database migration', migrate),
  seed: parsed('load the demo store into an empty database', seed),
  vectors: parsed('build the word-vector cache ahead of time', vectors),
  classifier: parsed("train retrieval's article classifier ahead of time", classifier),
};

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    'usage: parley <command> [arguments]',
    '',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'parley <command> --help shows its arguments. Settings come from the environment (see .env.example).',
  ].join('\n');
}

/** Runs one command line and returns the exit code: 0 done, 1 failed, 2 the command line was wrong. */
export async function runCli(argv: readonly string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(`${usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err.write(`parley: unknown command ${JSON.stringify(name)}\n${usage()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.main(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err.write(`parley ${name}: ${err.message}\n`);
      return 2;
    }
    io.err.write(
      `parley ${name}: ${err instanceof ConfigError ? err.message : `failed: ${(err as Error).message}`}\n`,
    );
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runCli(process.argv.slice(2));
}
