import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { defaultOf, ENV_EXAMPLE, renderEnvExample } from '../src/env-example.js';
import { z } from 'zod';

const ROOT = new URL('../../', import.meta.url).pathname;

/** The names .env.example sets or mentions (commented-out path defaults included). */
async function listed(): Promise<Set<string>> {
  const text = await readFile(ENV_EXAMPLE, 'utf8');
  return new Set([...text.matchAll(/^(?:# )?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!));
}

/** Production sources: what runs in a service, the CLI or `pnpm start`, not tests or test helpers. */
async function sources(): Promise<string[]> {
  const dirs = ['packages', 'services'];
  const files: string[] = [];
  for (const group of dirs) {
    for (const pkg of await readdir(join(ROOT, group))) {
      const src = join(ROOT, group, pkg, 'src');
      const entries = await readdir(src, { recursive: true, withFileTypes: true }).catch(() => []);
      for (const e of entries) if (e.isFile()) files.push(join(e.parentPath, e.name));
    }
  }
  for (const dir of ['cli/src', 'scripts']) {
    for (const e of await readdir(join(ROOT, dir), { recursive: true, withFileTypes: true })) {
      if (e.isFile()) files.push(join(e.parentPath, e.name));
    }
  }
  return files.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('/testing.ts'));
}

describe('.env.example', () => {
  it('is what the settings in the code generate (run `pnpm --filter @parley/deploy env:example`)', async () => {
    expect(await readFile(ENV_EXAMPLE, 'utf8')).toBe(renderEnvExample());
  });

  it('lists every variable the code reads directly from the environment', async () => {
    const names = await listed();
    const read = new Map<string, string>();
    for (const file of await sources()) {
      const text = await readFile(file, 'utf8');
      const patterns = [
        /process\.env\.([A-Z][A-Z0-9_]+)/g,
        /\benv\.([A-Z][A-Z0-9_]+)\b/g,
        /\b([A-Z][A-Z0-9_]{2,}): env\./g,
      ];
      for (const pattern of patterns) {
        for (const m of text.matchAll(pattern)) read.set(m[1]!, file.slice(ROOT.length));
      }
    }
    expect(read.size).toBeGreaterThan(100);
    const missing = [...read].filter(([name]) => !names.has(name)).map(([name, file]) => `${name} (${file})`);
    expect(missing).toEqual([]);
  });

  it('reads defaults through every wrapper a setting is declared with', () => {
    expect(defaultOf(z.string().default('x'))).toBe('x');
    expect(
      defaultOf(
        z
          .enum(['true', 'false'])
          .default('true')
          .transform((v) => v === 'true'),
      ),
    ).toBe('true');
    expect(defaultOf(z.string().transform(Number).pipe(z.number()).default('5'))).toBe('5');
    expect(defaultOf(z.string().optional())).toBeUndefined();
  });
});
