import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadWorkspaceAssets } from './assets.js';

describe('loadWorkspaceAssets', () => {
  it('reads the page and the typed assets, and says when there is no build', () => {
    const dist = mkdtempSync(join(tmpdir(), 'workspace-dist-'));
    expect(loadWorkspaceAssets(dist)).toBeNull();
    writeFileSync(join(dist, 'index.html'), '<!doctype html>');
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'assets', 'index-abc.js'), 'x');
    writeFileSync(join(dist, 'assets', 'index-abc.css'), 'y');
    writeFileSync(join(dist, 'assets', 'notes.txt'), 'not served');
    const assets = loadWorkspaceAssets(dist)!;
    expect(assets.index.type).toBe('text/html; charset=utf-8');
    expect([...assets.files.keys()].sort()).toEqual(['index-abc.css', 'index-abc.js']);
    expect(assets.files.get('index-abc.js')!.type).toBe('text/javascript; charset=utf-8');
  });
});
