import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { withProgress } from '@parley/runtime/progress';

export interface SuiteArgs {
  /** `--name value` pairs; a flag with no value is "true". */
  options: Record<string, string>;
  positional: string[];
  json: boolean;
}

export interface SuiteModule {
  run(args: SuiteArgs): Promise<Record<string, unknown>>;
  /** A readable rendering of `run`'s result for a terminal; without it (or with --json) the JSON is printed. */
  format?(result: Record<string, unknown>): string;
  /** The process's exit code for a result that was computed (a gate that found a regression says 1). */
  exitCode?(result: Record<string, unknown>): number;
}

export class UsageError extends Error {}

export function parseSuiteArgs(argv: string[]): SuiteArgs {
  const options: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const [key, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      const next = argv[i + 1];
      if (inline !== undefined) options[key] = inline;
      else if (next !== undefined && !next.startsWith('--')) {
        options[key] = next;
        i++;
      } else options[key] = 'true';
    } else positional.push(arg);
  }
  return { options, positional, json: options.json === 'true' };
}

export function requireOption(args: SuiteArgs, name: string): string {
  const value = args.options[name];
  if (!value || value === 'true') throw new UsageError(`missing required option --${name} <value>`);
  return value;
}

/** `--name <n>`: a positive integer, `fallback` when the option is absent. */
export function positiveIntOption(args: SuiteArgs, name: string, fallback: number): number {
  const raw = args.options[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new UsageError(`--${name} must be a positive integer, got ${raw}`);
  return value;
}

async function available(folder: string): Promise<string[]> {
  const dir = fileURLToPath(new URL(`./${folder}/`, import.meta.url));
  const files = await readdir(dir).catch(() => [] as string[]);
  return files.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => f.slice(0, -3));
}

export async function runNamed(folder: string, name: string | undefined, args: SuiteArgs): Promise<void> {
  const names = await available(folder);
  if (!name || !names.includes(name)) {
    process.stderr.write(
      `usage: ${folder === 'suites' ? 'evals' : 'bench'} <${names.join('|')}> [options] [--json]\n`,
    );
    process.exitCode = 2;
    return;
  }
  try {
    const mod = (await import(`./${folder}/${name}.ts`)) as SuiteModule;
    // Elapsed time on stderr while it runs (stdout stays the result, one JSON object with --json).
    const result = await withProgress(`${folder === 'suites' ? 'evals' : 'bench'} ${name}`, () =>
      mod.run(args),
    );
    const text = args.json
      ? JSON.stringify(result)
      : mod.format
        ? mod.format(result)
        : JSON.stringify(result, null, 2);
    process.stdout.write(`${text}\n`);
    if (mod.exitCode) process.exitCode = mod.exitCode(result);
  } catch (err) {
    process.stderr.write(`${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  }
}
