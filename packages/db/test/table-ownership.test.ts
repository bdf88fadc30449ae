import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { TABLE_OWNERS } from '../src/owners.js';
import type { TableUsage } from './ownership/scan.js';
import { checkUsages, tableUsages } from './ownership/scan.js';

// Each service owns its tables and no service reads another's (docs/adr/0003): every query in the services'
// and packages' code names only tables its own service or package owns. Tests are left out (they look at
// every table to check effects), and so are the migrations, which create every table.
const ROOT = new URL('../../../', import.meta.url).pathname;
const MIGRATIONS = 'packages/db/src/migrations/';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : sources(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** `services/gate`, `packages/audit`...: each with the source files of its `src`. */
function places(): Array<{ owner: string; files: string[] }> {
  return ['services', 'packages'].flatMap((kind) =>
    readdirSync(join(ROOT, kind))
      .filter((name) => statSync(join(ROOT, kind, name, 'src'), { throwIfNoEntry: false })?.isDirectory())
      .map((name) => ({
        owner: `${kind}/${name}`,
        files: sources(join(ROOT, kind, name, 'src'))
          .map((f) => relative(ROOT, f))
          .filter((f) => !f.startsWith(MIGRATIONS)),
      })),
  );
}

describe('table ownership', () => {
  const known = new Set(Object.keys(TABLE_OWNERS));
  const scanned = places().map(({ owner, files }) => ({
    owner,
    files: files.map((file) => ({
      file,
      usages: tableUsages(file, readFileSync(join(ROOT, file), 'utf8'), known),
    })),
  }));

  it('gives every table the migrations create exactly one owner, and every owner is a service or package', () => {
    const created = new Set<string>();
    for (const file of readdirSync(join(ROOT, MIGRATIONS))) {
      const text = readFileSync(join(ROOT, MIGRATIONS, file), 'utf8');
      for (const m of text.matchAll(/createTable\('(\w+)'\)|create table (?:if not exists )?(\w+)/g))
        created.add(m[1] ?? m[2]!);
    }
    expect([...created].sort()).toEqual([...known].sort());
    const owners = new Set(scanned.map((o) => o.owner));
    for (const owner of new Set(Object.values(TABLE_OWNERS))) expect(owners).toContain(owner);
  });

  it('finds no query of a table outside its owner', () => {
    const violations = scanned.flatMap(({ owner, files }) =>
      files.flatMap(({ file, usages }) =>
        checkUsages(file, owner, usages, TABLE_OWNERS).map(
          (v) => `${v.file}:${v.line} (${v.via}): ${v.reason}`,
        ),
      ),
    );
    expect(violations).toEqual([]);
  });

  it('sees the queries it checks: every table is queried by its owner', () => {
    // A scan that found nothing would pass the test above for nothing.
    const usages = new Map<string, TableUsage[]>(
      scanned.map(({ owner, files }) => [owner, files.flatMap((f) => f.usages)]),
    );
    const unseen = Object.entries(TABLE_OWNERS).filter(
      ([table, owner]) => !usages.get(owner)!.some((u) => u.table === table),
    );
    expect(unseen).toEqual([]);
  });
});
