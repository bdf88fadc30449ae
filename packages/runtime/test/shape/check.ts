/** The source of one service, by role; a missing file is null. */
export interface ServiceFiles {
  name: string;
  service: string | null;
  context: string | null;
  events: string | null;
  consumers: string | null;
  index: string | null;
  /** `handlers/<file>.ts` → source. */
  handlers: Record<string, string>;
  /** Every source file of the service (repository-relative path → source). */
  all: Record<string, string>;
}

const INDEX = 'void main(() => startService(buildService(readServiceConfig(process.env))));';

/** What the runtime does, or the context builds: none of it belongs in a definition. */
const NOT_IN_DEFINITIONS = [
  /\bmigrate\b/,
  /\blogDestination\b/,
  /\bonStop\b/,
  /\bsetup\s*[(:]/,
  /\bchecks\s*:/,
  /\bcatalog\s*\(\s*platform\s*\)/,
  /\bplatform\.(?:nc|db|bus|registry|log)\b/,
  /\bawait\b/,
];

const exported = (source: string) =>
  [...source.matchAll(/^export\s+(?:async\s+)?(?:function\s*\*?|const|let|class)\s+(\w+)/gm)].map(
    (m) => m[1]!,
  );

/** Every way `files` departs from the one service shape, as sentences naming the file; empty when in shape. */
export function shapeProblems(files: ServiceFiles): string[] {
  const { name } = files;
  const pascal = name.charAt(0).toUpperCase() + name.slice(1);
  const problems: string[] = [];
  const say = (problem: string) => problems.push(`${name}: ${problem}`);

  if (
    !files.context ||
    !/export\s+function\s+buildContext\(\s*_?config\b[^,]*,\s*platform\b[^,]*,\s*_?overrides\b/.test(
      files.context,
    )
  )
    say('src/context.ts is missing or does not export buildContext(config, platform, overrides)');

  const service = files.service ?? '';
  if (!files.service) say('src/service.ts is missing');
  for (const m of service.matchAll(/\b(let|var)\s+(\w+)/g))
    say(`src/service.ts declares \`${m[1]} ${m[2]}\` (state belongs in the context)`);
  const withoutAllowed = service
    .replace(/\boverrides(?:\s*:\s*\w+)?\s*=\s*\{\}/g, '')
    .replace(/buildContext\(config, platform, overrides\)/g, '');
  if (/\boverrides\b|\.\.\.\s*rest\b/.test(withoutAllowed))
    say('src/service.ts uses overrides other than by passing them to buildContext');
  const owned = NOT_IN_DEFINITIONS.flatMap((re) => service.match(re)?.[0] ?? []);
  if (owned.length > 0)
    say(`src/service.ts does start-up work or reads settings the runtime owns (${owned.join(', ')})`);

  const events = files.events ?? '';
  const create = `create${pascal}Metrics`;
  if (!new RegExp(`export function ${create}\\(registry\\b`).test(events))
    say(`src/events.ts does not export ${create}(registry, ...)`);
  if (!events.includes(`export type ${pascal}Metrics = ReturnType<typeof ${create}>;`))
    say(`src/events.ts does not export type ${pascal}Metrics = ReturnType<typeof ${create}>`);
  for (const fn of exported(events).filter((n) => n !== create && !/^observe[A-Z]/.test(n)))
    say(`src/events.ts exports ${fn} (only ${create} and observe<Thing>(metrics, ...) helpers)`);

  for (const [file, source] of Object.entries(files.handlers)) {
    const names = exported(source);
    for (const fn of names.filter((n) => !/^on[A-Z]/.test(n)))
      say(`${file} exports ${fn} (handlers are named on<Event>)`);
    if (names.length === 0) say(`${file} exports no handler (shared code lives outside handlers/)`);
  }
  for (const m of (files.consumers ?? '').matchAll(/\bhandler:\s*(?:\([^)]*\)\s*=>\s*)?(\w+)/g))
    if (!/^on[A-Z]/.test(m[1]!))
      say(`src/consumers.ts uses ${m[1]} as a handler (handlers are named on<Event>)`);

  if (files.index?.trim().split('\n').at(-1) !== INDEX) say(`src/index.ts is not \`${INDEX}\``);

  for (const [path, source] of Object.entries(files.all))
    if (/RUN_MIGRATIONS|runMigrations/.test(source))
      say(`${path} reads RUN_MIGRATIONS (only the runtime does; pass startService(def, { migrate }))`);
  return problems;
}
