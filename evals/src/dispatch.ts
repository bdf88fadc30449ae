import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export interface SuiteArgs {
  /** `--name value` pairs; a flag with no value is "true". */
  options: Record<string, string>;
  positional: string[];
  json: boolean;
}

export interface SuiteModule {
  run(args: SuiteArgs): Promise<Record<string, unknown>>;
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
    const result = await mod.run(args);
    process.stdout.write(args.json ? `${JSON.stringify(result)}\n` : `${JSON.stringify(result, null, 2)}\n`);
  } catch (err) {
    process.stderr.write(`${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  }
}
