// `pnpm build`: compiles every workspace package's `src/` to JavaScript in its `dist/` for production, where
// services run on plain `node --conditions=production` (each package's `exports` sends that condition to
// `dist/`). Types are checked by `pnpm typecheck`; this step only strips them, file by file, so `dist/` mirrors
// `src/` and paths relative to a module (data folders beside `src/`) resolve the same from either.
import { cp, readdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

const ROOT = new URL('../', import.meta.url).pathname;
/** Workspace folders whose `src/` is compiled; evals and scripts are development tools and stay in TypeScript. */
const GROUPS = ['packages', 'services'];
const SINGLES = ['cli'];

/** `*.test.ts` and test helpers under `test/` never reach production. */
function isSource(file: string): boolean {
  return file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts');
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function workspaceDirs(): Promise<string[]> {
  const dirs = SINGLES.map((d) => join(ROOT, d));
  for (const group of GROUPS) {
    for (const entry of await readdir(join(ROOT, group), { withFileTypes: true })) {
      if (entry.isDirectory()) dirs.push(join(ROOT, group, entry.name));
    }
  }
  return dirs;
}

export async function buildPackage(dir: string): Promise<number> {
  const src = join(dir, 'src');
  const dist = join(dir, 'dist');
  const files = await filesUnder(src).catch(() => [] as string[]);
  await rm(dist, { recursive: true, force: true });
  const entryPoints = files.filter(isSource);
  if (entryPoints.length === 0) return 0;
  await build({
    entryPoints,
    outdir: dist,
    outbase: src,
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    sourcemap: true,
    logLevel: 'warning',
  });
  // Plain JavaScript modules beside the sources (the email worker's boot file) are copied as they are.
  for (const file of files.filter((f) => f.endsWith('.mjs'))) {
    await cp(file, join(dist, relative(src, file)));
  }
  return entryPoints.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  let total = 0;
  const dirs = await workspaceDirs();
  for (const [i, dir] of dirs.entries()) {
    const count = await buildPackage(dir);
    total += count;
    process.stdout.write(`[${i + 1}/${dirs.length}] ${relative(ROOT, dir)}: ${count} modules\n`);
  }
  process.stdout.write(
    `compiled ${total} modules into dist/ in ${Math.round(performance.now() - started)} ms\n`,
  );
}
