import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';

export interface Asset {
  body: Buffer;
  type: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * The built workspace, read once into memory: `index.html` and the hashed files under `assets/`. Served from a
 * map by name, so no request path ever reaches the file system. Null when the build is missing.
 */
export function loadWorkspaceAssets(dist: string): { index: Asset; files: Map<string, Asset> } | null {
  let index: Buffer;
  try {
    index = readFileSync(join(dist, 'index.html'));
  } catch {
    return null;
  }
  const files = new Map<string, Asset>();
  const dir = join(dist, 'assets');
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    names = [];
  }
  for (const name of names) {
    const path = join(dir, name);
    const type = TYPES[extname(name)];
    if (!type || !statSync(path).isFile()) continue;
    files.set(name, { body: readFileSync(path), type });
  }
  return { index: { body: index, type: TYPES['.html']! }, files };
}
