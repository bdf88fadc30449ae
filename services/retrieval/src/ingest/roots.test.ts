import { mkdir, mkdtemp, realpath, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { IngestPathError } from '@parley/knowledge';
import type { KnowledgeRoot } from './roots.js';
import { locateUnderRoots, parseKnowledgeRoots } from './roots.js';

let base: string;
let roots: KnowledgeRoot[];

beforeAll(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'kb-roots-')));
  await mkdir(join(base, 'kb', 'faq', 'sub'), { recursive: true });
  await mkdir(join(base, 'private'), { recursive: true });
  await writeFile(join(base, 'kb', 'faq', 'a.md'), '# A\n');
  await writeFile(join(base, 'private', 'secret.md'), '# Secret\n');
  await symlink(join(base, 'private'), join(base, 'kb', 'out'));
  await symlink(join(base, 'kb', 'faq'), join(base, 'kb', 'faq-link'));
  roots = parseKnowledgeRoots(join(base, 'kb'));
});

async function refusal(requested: string): Promise<IngestPathError> {
  const err = await locateUnderRoots(requested, roots).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof IngestPathError)) throw new Error(`${JSON.stringify(requested)} was not refused`);
  expect(err.message).not.toContain(base);
  return err;
}

describe('parseKnowledgeRoots', () => {
  it('reads absolute folders named by their last segment, or none', () => {
    expect(parseKnowledgeRoots('/srv/kb, /data/faq/')).toEqual([
      { name: 'kb', dir: '/srv/kb' },
      { name: 'faq', dir: '/data/faq' },
    ]);
    expect(parseKnowledgeRoots('none')).toEqual([]);
    expect(() => parseKnowledgeRoots('kb')).toThrow('"kb" is not an absolute path');
    expect(() => parseKnowledgeRoots('/')).toThrow('file system root');
    expect(() => parseKnowledgeRoots('/a/kb,/b/kb')).toThrow('two roots are named "kb"');
    expect(() => parseKnowledgeRoots(' , ')).toThrow('no folder given');
  });
});

describe('locateUnderRoots', () => {
  it('finds a folder under a root, absolute or by root name, and labels it by root name', async () => {
    const byPath = await locateUnderRoots(join(base, 'kb', 'faq'), roots);
    expect(byPath).toEqual({ path: join(base, 'kb', 'faq'), boundary: join(base, 'kb'), label: 'kb/faq' });
    expect(await locateUnderRoots('kb/faq', roots)).toEqual(byPath);
    expect(await locateUnderRoots('kb/faq/sub/../a.md', roots)).toMatchObject({ label: 'kb/faq/a.md' });
    expect(await locateUnderRoots('kb', roots)).toMatchObject({ label: 'kb' });
    // A link that stays inside the root is fine.
    expect(await locateUnderRoots('kb/faq-link', roots)).toMatchObject({ path: join(base, 'kb', 'faq') });
  });

  it('refuses anything outside the roots without touching or naming it', async () => {
    const outside = 'path: is outside the configured knowledge roots';
    for (const requested of [
      '/',
      '/root',
      '/etc',
      '/etc/passwd',
      '/etc/does-not-exist',
      join(base, 'private'),
      join(base, 'kb', '..', 'private'),
      join(base, 'kb-other'),
      'kb/../private',
      'kb/faq/../../private/secret.md',
      '../private',
      './kb',
      'private',
      '%2Fetc',
      'kb%2F..%2F..%2Fprivate',
      '\uff0fetc',
      'kb\u2215..\u2215private',
      '',
      'kb/\0',
    ])
      expect((await refusal(requested)).message).toBe(outside);
  });

  it('refuses a link under the root that leads out as outside', async () => {
    expect((await refusal('kb/out')).message).toBe('path: is outside the configured knowledge roots');
    expect((await refusal(join(base, 'kb', 'out', 'secret.md'))).message).toBe(
      'path: is outside the configured knowledge roots',
    );
  });

  it('treats encoded and look-alike dots as plain names under the root', async () => {
    for (const requested of [
      'kb/%2e%2e/private',
      'kb/\uff0e\uff0e/private',
      'kb/\u2025/private',
      'kb/..%2fprivate',
    ]) {
      const err = await refusal(requested);
      expect(err.message).toBe(`${requested}: no such file or folder`);
    }
  });

  it('says when path ingestion is off or a root is missing, without the server path', async () => {
    await expect(locateUnderRoots('/etc', [])).rejects.toThrow('path ingestion is turned off');
    const missing = [{ name: 'gone', dir: join(base, 'gone') }];
    await expect(locateUnderRoots('gone/x', missing)).rejects.toThrow(
      'gone: knowledge root is not available',
    );
  });
});
