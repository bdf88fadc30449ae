import { parseKbArgs, runKb } from '@parley/retrieval-service/cli/kb';
import { UsageError } from '../args.js';
import type { Io } from '../io.js';

export const USAGE =
  'usage: parley kb ingest <path|file> [--source <id>] [--kind markdown-dir|html-dir|zendesk|intercom]';

/** Checked here first so a wrong command line is a usage error before anything is opened. */
export function parse(argv: readonly string[]): string[] {
  try {
    parseKbArgs([...argv]);
  } catch (err) {
    const message = (err as Error).message.replace('usage: pnpm kb ingest', 'usage: parley kb ingest');
    throw new UsageError(message.startsWith('usage:') ? message : `${message}\n${USAGE}`);
  }
  return [...argv];
}

/** Knowledge ingestion through the same use-case as POST /v1/kb/ingest, with a progress bar on a terminal. */
export async function run(argv: string[], _io: Io): Promise<number> {
  return runKb(argv);
}
