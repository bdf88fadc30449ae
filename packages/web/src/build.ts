import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SOURCES = ['workspace', 'widget', 'vite.workspace.config.ts', 'vite.widget.config.ts'];
const OUTPUTS = [join(ROOT, 'build/workspace/index.html'), join(ROOT, 'build/widget/widget.js')];

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function oldest(paths: string[]): number {
  try {
    return Math.min(...paths.map((p) => statSync(p).mtimeMs));
  } catch {
    return -1;
  }
}

/** Whether the built workspace and widget are missing or older than their sources. */
export function buildIsStale(): boolean {
  const built = oldest(OUTPUTS);
  return built < 0 || Math.max(...SOURCES.map((s) => newest(join(ROOT, s)))) > built;
}

/**
 * Builds the workspace and the widget when the build is missing or stale (`pnpm install` builds them; this
 * covers sources changed since). Returns whether it built.
 */
export async function ensureBuilt(): Promise<boolean> {
  if (!buildIsStale()) return false;
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  for (const config of ['vite.workspace.config.ts', 'vite.widget.config.ts'])
    await promisify(execFile)(process.execPath, [vite, 'build', '--config', config], { cwd: ROOT });
  return true;
}
