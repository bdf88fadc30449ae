import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Every workspace package whose code production runs compiled. */
async function packageFiles(): Promise<string[]> {
  const files = [join(ROOT, 'cli/package.json')];
  for (const group of ['packages', 'services']) {
    for (const name of await readdir(join(ROOT, group))) files.push(join(ROOT, group, name, 'package.json'));
  }
  return files;
}

describe('compiled output', () => {
  it('is what every package exports under the production condition, beside its TypeScript sources', async () => {
    const wrong: string[] = [];
    for (const file of await packageFiles()) {
      const pkg = JSON.parse(await readFile(file, 'utf8')) as {
        name: string;
        exports?: Record<string, unknown>;
      };
      for (const [path, target] of Object.entries(pkg.exports ?? {})) {
        const t = target as { production?: string; default?: string } | string;
        const source = typeof t === 'string' ? t : t.default;
        const expected = source?.replace('./src/', './dist/').replace(/\.ts$/, '.js');
        if (typeof t === 'string' || t.production !== expected)
          wrong.push(`${pkg.name} ${path}: ${JSON.stringify(t)}`);
      }
    }
    // A package without it would run its .ts sources under plain node in the image, and fail to start.
    expect(wrong).toEqual([]);
  });
});
