import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { detectKind, exportKind } from './detect-kind.js';

async function tmp(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kb-kind-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

describe('detectKind', () => {
  it('tells markdown and HTML folders apart by what they hold most', async () => {
    expect(await detectKind(await tmp({ 'a.md': '# A', 'sub/b.markdown': '# B', 'c.html': '' }))).toBe(
      'markdown-dir',
    );
    expect(await detectKind(await tmp({ 'a.html': '', 'b.htm': '', 'c.md': '' }))).toBe('html-dir');
  });

  it('tells vendor exports apart by their shape', async () => {
    const dir = await tmp({
      'zd.json': JSON.stringify({ articles: [] }),
      'ic.json': JSON.stringify([{ type: 'list', data: [] }]),
      'other.json': JSON.stringify({ items: [] }),
      'bad.json': '{',
      'notes.txt': 'x',
    });
    expect(await detectKind(join(dir, 'zd.json'))).toBe('zendesk');
    expect(await detectKind(join(dir, 'ic.json'))).toBe('intercom');
    await expect(detectKind(join(dir, 'other.json'))).rejects.toThrow('not a Zendesk');
    await expect(detectKind(join(dir, 'bad.json'))).rejects.toThrow('invalid JSON');
    await expect(detectKind(join(dir, 'notes.txt'))).rejects.toThrow('expected a folder or a .json export');
    await expect(detectKind(join(dir, 'missing'))).rejects.toThrow('no such file or directory');
    await expect(detectKind(await tmp({ 'x.txt': '' }))).rejects.toThrow('no markdown or HTML files');
    expect(exportKind(null)).toBeNull();
  });
});
