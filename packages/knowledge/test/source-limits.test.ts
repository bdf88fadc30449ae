import { mkdir, mkdtemp, realpath, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  exportKind,
  IngestBudget,
  IngestError,
  IngestLimitError,
  IngestPathError,
  ingestSource,
} from '../src/index.js';
import { readBounded } from '../src/sources/bounded-read.js';

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), 'knowledge-limits-')));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

const md = (title: string) => `# ${title}\n\n${title} explained.\n`;

async function failure(p: Promise<unknown>): Promise<Error> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof Error)) throw new Error('expected a rejection');
  return err;
}

describe('source kind detection', () => {
  it('tells markdown and HTML folders apart by what they hold most', async () => {
    const mdDir = await folder({ 'a.md': '# A', 'sub/b.markdown': '# B', 'c.html': '<p>c</p>' });
    expect((await ingestSource({ path: mdDir })).kind).toBe('markdown-dir');
    const htmlDir = await folder({ 'a.html': '<p>a</p>', 'b.htm': '<p>b</p>', 'c.md': 'c' });
    expect((await ingestSource({ path: htmlDir })).kind).toBe('html-dir');
    await expect(ingestSource({ path: await folder({ 'x.txt': '' }) })).rejects.toThrow(
      'no markdown or HTML files',
    );
  });

  it('tells vendor exports apart by their shape', async () => {
    const dir = await folder({
      'zd.json': JSON.stringify({ articles: [] }),
      'ic.json': JSON.stringify([{ type: 'list', data: [] }]),
      'other.json': JSON.stringify({ items: [] }),
      'bad.json': '{',
      'notes.txt': 'x',
    });
    expect((await ingestSource({ path: join(dir, 'zd.json') })).kind).toBe('zendesk');
    expect((await ingestSource({ path: join(dir, 'ic.json') })).kind).toBe('intercom');
    await expect(ingestSource({ path: join(dir, 'other.json') })).rejects.toThrow('not a Zendesk');
    await expect(ingestSource({ path: join(dir, 'bad.json') })).rejects.toThrow('invalid JSON');
    await expect(ingestSource({ path: join(dir, 'notes.txt') })).rejects.toThrow(
      'expected a folder or a .json export',
    );
    await expect(ingestSource({ path: join(dir, 'zd.json'), kind: 'markdown-dir' })).rejects.toThrow(
      'is not a folder',
    );
    expect(exportKind(null)).toBeNull();
  });
});

describe('labels', () => {
  it('names files by the label in origins, messages and the default source id', async () => {
    const dir = await folder({
      'faq/a.md': md('A'),
      'faq/notes.txt': 'x',
      'faq/bad.md': '---\nid: [\n---\nx',
    });
    const result = await ingestSource({ path: join(dir, 'faq'), label: 'kb/faq' });
    expect(result.sourceId).toBe('markdown-dir:kb/faq');
    expect(result.summary.skipped.map((s) => s.origin).sort()).toEqual(['kb/faq/bad.md', 'kb/faq/notes.txt']);
    expect(JSON.stringify(result)).not.toContain(dir);
    const slash = await ingestSource({ path: join(dir, 'faq'), label: '/' });
    expect(slash.summary.skipped.map((s) => s.origin).sort()).toEqual(['/bad.md', '/notes.txt']);
    const err = await failure(ingestSource({ path: join(dir, 'nope'), label: 'kb/nope' }));
    expect(err).toBeInstanceOf(IngestPathError);
    expect(err.message).toBe('kb/nope: no such file or folder');
  });
});

describe('links and hidden entries', () => {
  it('follows a link that stays inside the boundary and refuses one that leads out', async () => {
    const outside = await folder({ 'secret.md': md('Secret') });
    const root = await folder({ 'kb/a.md': md('A'), 'shared/b.md': md('B') });
    await symlink(join(root, 'shared', 'b.md'), join(root, 'kb', 'b.md'));
    const inside = await ingestSource({ path: join(root, 'kb'), boundary: root, label: 'kb' });
    expect(inside.summary.articles).toBe(2);

    await symlink(join(outside, 'secret.md'), join(root, 'kb', 'secret.md'));
    const err = await failure(ingestSource({ path: join(root, 'kb'), boundary: root, label: 'kb' }));
    expect(err).toBeInstanceOf(IngestPathError);
    expect(err.message).toBe('kb/secret.md: is a link that leads outside the source root');

    // A folder link out is refused the same way; so is a source that is itself outside the boundary.
    const dirLink = await folder({ 'a.md': md('A') });
    await symlink(outside, join(dirLink, 'more'));
    await expect(ingestSource({ path: dirLink, label: 'x' })).rejects.toThrow(
      'leads outside the source root',
    );
    await expect(ingestSource({ path: outside, boundary: root, label: 'y' })).rejects.toThrow(
      'y: is outside the source root',
    );
  });

  it('ends link cycles, passes over links to nothing, and skips hidden folders', async () => {
    const dir = await folder({ 'a.md': md('A'), 'sub/b.md': md('B'), '.git/c.md': md('C') });
    await symlink(dir, join(dir, 'sub', 'loop'));
    await symlink(join(dir, 'gone.md'), join(dir, 'dangling.md'));
    const result = await ingestSource({ path: dir, label: 'kb' });
    expect(result.summary.articles).toBe(2);
    expect(result.summary.skipped).toEqual([
      { origin: 'kb/dangling.md', reason: 'unsupported', detail: 'a link that leads nowhere' },
    ]);
  });
});

describe('limits', () => {
  it('stops a tree over the file count, naming the limit', async () => {
    const files = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}.md`, md(`F${i}`)]));
    const dir = await folder(files);
    const err = await failure(ingestSource({ path: dir, label: 'kb' }, { limits: { maxFiles: 10 } }));
    expect(err).toBeInstanceOf(IngestLimitError);
    expect(err).toMatchObject({ limit: 'files', max: 10 });
    expect(err.message).toBe('kb: source exceeds the file-count limit (10 files and folders)');
    expect((await ingestSource({ path: dir }, { limits: { maxFiles: 12 } })).summary.articles).toBe(12);
  });

  it('stops a tree deeper than the depth limit', async () => {
    const dir = await folder({ 'a/b/c/d.md': md('D') });
    await expect(ingestSource({ path: dir, label: 'kb' }, { limits: { maxDepth: 2 } })).rejects.toMatchObject(
      {
        limit: 'depth',
        message: 'kb/a/b/c: source exceeds the folder depth limit (2 levels)',
      },
    );
    expect((await ingestSource({ path: dir }, { limits: { maxDepth: 3 } })).summary.articles).toBe(1);
  });

  it('checks file and total sizes from the listing before reading anything', async () => {
    const dir = await folder({ 'a.md': md('A'.repeat(600)), 'b.md': md('B'.repeat(600)) });
    await expect(
      ingestSource({ path: dir, label: 'kb' }, { limits: { maxFileBytes: 1000 } }),
    ).rejects.toMatchObject({
      limit: 'file-bytes',
      message: 'kb/a.md: source exceeds the per-file size limit (1000 bytes)',
    });
    await expect(
      ingestSource({ path: dir, label: 'kb' }, { limits: { maxBytes: 2000 } }),
    ).rejects.toMatchObject({
      limit: 'bytes',
    });
    const json = await folder({ 'zd.json': JSON.stringify({ articles: [], pad: 'x'.repeat(2000) }) });
    await expect(
      ingestSource({ path: join(json, 'zd.json'), label: 'zd.json' }, { limits: { maxFileBytes: 1000 } }),
    ).rejects.toMatchObject({ limit: 'file-bytes' });
  });

  it('counts bytes as they are read, so a file larger than listed stops at the cap', async () => {
    const dir = await folder({ 'grows.md': 'x'.repeat(200_000) });
    const info = await stat(join(dir, 'grows.md'));
    const listed = { path: join(dir, 'grows.md'), rel: 'grows.md', size: 10, dev: info.dev, ino: info.ino };
    const err = await failure(
      readBounded(listed, 'kb/grows.md', new IngestBudget({ maxFileBytes: 100_000 })),
    );
    expect(err).toMatchObject({ limit: 'file-bytes' });
    const total = await failure(readBounded(listed, 'kb/grows.md', new IngestBudget({ maxBytes: 150_000 })));
    expect(total).toMatchObject({ limit: 'bytes' });
    // Another file at the listed path (swapped after the walk) is refused, not read.
    const swapped = await failure(
      readBounded({ ...listed, ino: info.ino + 1 }, 'kb/grows.md', new IngestBudget()),
    );
    expect(swapped.message).toBe('kb/grows.md: changed while it was being read');
  });

  it('stops at the time limit by the injected clock, not the wall clock', async () => {
    const files = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}.md`, md(`F${i}`)]));
    const dir = await folder(files);
    let now = 0;
    const stepping = () => (now += 1000);
    const err = await failure(
      ingestSource(
        { path: dir, label: 'kb' },
        { budget: new IngestBudget({ timeLimitMs: 10_000 }, stepping) },
      ),
    );
    expect(err).toMatchObject({ limit: 'time', max: 10_000 });
    expect(err.message).toMatch(/^kb\/f\d+\.md: source exceeds the time limit \(10 s\)$/);
    const frozen = new IngestBudget({ timeLimitMs: 1000 }, () => 0);
    expect((await ingestSource({ path: dir }, { budget: frozen })).summary.articles).toBe(20);
  });

  it('keeps malformed content an IngestError, apart from limits and paths', async () => {
    const dir = await folder({ 'bad.json': '{' });
    const err = await failure(
      ingestSource({ path: join(dir, 'bad.json'), kind: 'zendesk', label: 'bad.json' }),
    );
    expect(err).toBeInstanceOf(IngestError);
    expect(err).not.toBeInstanceOf(IngestPathError);
  });
});
