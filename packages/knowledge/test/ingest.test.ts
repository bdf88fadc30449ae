import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { IngestError, chunkArticle, ingestSource } from '../src/index.js';
import type { Article } from '../src/index.js';

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'knowledge-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

const RETURNS = `---
id: returns
title: Returns
url: https://help.example.com/returns
updated_at: 2024-05-01T10:00:00Z
---
Most items can be returned.

## Refunds
General refund rules.

### Refund timing
Refunds take five days.

## Exchanges
Swap sizes by returning.
`;

describe('markdown folders', () => {
  it('keeps heading paths, provenance and a lead section', async () => {
    const dir = await folder({ 'returns.md': RETURNS });
    const { chunks, summary } = await ingestSource({ kind: 'markdown-dir', path: dir, sourceId: 'kb' });
    expect(summary).toMatchObject({ sourceId: 'kb', articles: 1, chunks: 4, skipped: [] });
    expect(chunks.map((c) => c.section)).toEqual(['', 'Refunds', 'Refunds > Refund timing', 'Exchanges']);
    const timing = chunks[2]!;
    expect(timing).toMatchObject({
      sourceId: 'kb',
      articleId: 'returns',
      title: 'Returns',
      url: 'https://help.example.com/returns',
      updatedAt: '2024-05-01T10:00:00.000Z',
      sectionPath: ['Refunds', 'Refund timing'],
      text: 'Refunds take five days.',
    });
    expect(timing.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('falls back to the path for the id and the first heading for the title', async () => {
    const dir = await folder({ 'billing/cards.md': '# Paying by card\n\nWe take Visa.\n' });
    const { chunks } = await ingestSource({ kind: 'markdown-dir', path: dir, sourceId: 'kb' });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatchObject({
      articleId: 'billing/cards',
      title: 'Paying by card',
      section: '',
      url: null,
      updatedAt: null,
    });
  });

  it('keeps chunk ids when text changes and changes the hash', async () => {
    const a = await ingestSource({
      kind: 'markdown-dir',
      path: await folder({ 'r.md': RETURNS }),
      sourceId: 'kb',
    });
    const edited = RETURNS.replace('Refunds take five days.', 'Refunds take   ten days.');
    const b = await ingestSource({
      kind: 'markdown-dir',
      path: await folder({ 'r.md': edited }),
      sourceId: 'kb',
    });
    expect(b.chunks.map((c) => c.id)).toEqual(a.chunks.map((c) => c.id));
    expect(b.chunks[2]!.contentHash).not.toBe(a.chunks[2]!.contentHash);
    expect(b.chunks[1]!.contentHash).toBe(a.chunks[1]!.contentHash);
  });

  it('reports a malformed front matter file with its line, and other files as unsupported', async () => {
    const dir = await folder({
      'bad.md': '---\ntitle: ok\nid: [unclosed\n---\nbody\n',
      'good.md': 'Hello there.',
      'notes.txt': 'x',
    });
    const { summary } = await ingestSource({ kind: 'markdown-dir', path: dir, sourceId: 'kb' });
    expect(summary.articles).toBe(1);
    const bad = summary.skipped.find((s) => s.origin.endsWith('bad.md'));
    expect(bad).toMatchObject({ reason: 'invalid', articleId: 'bad' });
    expect(bad!.detail).toMatch(/bad\.md \(line \d+/);
    expect(summary.skipped.find((s) => s.origin.endsWith('notes.txt'))).toMatchObject({
      reason: 'unsupported',
    });
  });

  it('throws the file and field in strict mode', async () => {
    const dir = await folder({ 'x.md': '---\ntitle: 42\n---\nbody' });
    const err = await ingestSource(
      { kind: 'markdown-dir', path: dir, sourceId: 'kb' },
      { strict: true },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).message).toMatch(
      /x\.md \(field title\): front matter "title" must be a non-empty string/,
    );
  });

  it('rejects a missing folder by name', async () => {
    await expect(ingestSource({ kind: 'markdown-dir', path: '/nonexistent/kb' })).rejects.toThrow(
      '/nonexistent/kb: no such file or folder',
    );
  });
});

describe('html folders', () => {
  it('reads title, canonical url and sections, ignoring scripts', async () => {
    const html = `<html><head><title>Delivery</title><link rel="canonical" href="https://h.example/delivery">
      <meta name="article:modified_time" content="2024-01-02T00:00:00Z"></head>
      <body><h1>Delivery</h1><p>We ship daily.</p><script>track()</script>
      <h2>Express</h2><ul><li>Next day</li><li>Before <b>noon</b></li></ul>
      <table><tr><th>Zone</th><th>Price</th></tr><tr><td>UK</td><td>5</td></tr></table></body></html>`;
    const { chunks } = await ingestSource({
      kind: 'html-dir',
      path: await folder({ 'delivery.html': html }),
      sourceId: 'h',
    });
    expect(chunks.map((c) => [c.section, c.text])).toEqual([
      ['', 'We ship daily.'],
      ['Express', '- Next day\n- Before noon\nZone | Price\nUK | 5'],
    ]);
    expect(chunks[0]).toMatchObject({
      title: 'Delivery',
      url: 'https://h.example/delivery',
      updatedAt: '2024-01-02T00:00:00.000Z',
      articleId: 'delivery',
    });
  });
});

describe('vendor exports', () => {
  it('reads Zendesk pages, skipping drafts and reporting invalid fields', async () => {
    const page = (articles: unknown[]) => ({
      articles,
      page: 1,
      per_page: 30,
      count: articles.length,
      next_page: null,
    });
    const data = [
      page([
        {
          id: 101,
          title: 'Returns',
          body: '<p>Send it back.</p>',
          html_url: 'https://z.example/hc/101',
          updated_at: '2024-03-01T00:00:00Z',
          locale: 'en-us',
          section_id: 7,
        },
        {
          id: 102,
          title: 'Draft',
          body: '<p>x</p>',
          html_url: 'u',
          updated_at: '2024-03-01T00:00:00Z',
          draft: true,
        },
      ]),
      page([{ id: 103, body: '<p>No title</p>', updated_at: '2024-03-01T00:00:00Z' }]),
    ];
    const dir = await folder({ 'zd.json': JSON.stringify(data) });
    const { chunks, summary } = await ingestSource({
      kind: 'zendesk',
      path: join(dir, 'zd.json'),
      sourceId: 'zd',
    });
    expect(chunks.map((c) => [c.articleId, c.url, c.text])).toEqual([
      ['101', 'https://z.example/hc/101', 'Send it back.'],
    ]);
    expect(summary.skipped).toEqual([
      expect.objectContaining({
        articleId: '102',
        reason: 'draft',
        origin: expect.stringMatching(/zd\.json#\/0\/articles\/1$/),
      }),
      expect.objectContaining({
        articleId: '103',
        reason: 'invalid',
        detail: expect.stringContaining('field title'),
      }),
    ]);
  });

  it('reads Intercom lists with unix-second timestamps', async () => {
    const data = {
      type: 'list',
      total_count: 2,
      data: [
        {
          type: 'article',
          id: '6871119',
          title: 'Passwords',
          body: '<h2>Reset</h2><p>Use the link.</p>',
          url: 'https://i.example/6871119',
          updated_at: 1700000000,
          state: 'published',
        },
        {
          type: 'article',
          id: '6871120',
          title: 'Wip',
          body: '<p>x</p>',
          url: null,
          updated_at: 1700000000,
          state: 'draft',
        },
      ],
    };
    const dir = await folder({ 'ic.json': JSON.stringify(data) });
    const { chunks, summary } = await ingestSource({
      kind: 'intercom',
      path: join(dir, 'ic.json'),
      sourceId: 'ic',
    });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatchObject({
      articleId: '6871119',
      section: 'Reset',
      updatedAt: '2023-11-14T22:13:20.000Z',
    });
    expect(summary.skipped).toEqual([expect.objectContaining({ articleId: '6871120', reason: 'draft' })]);
  });

  it('names the line of a JSON syntax error and a wrong top-level shape', async () => {
    const dir = await folder({
      'broken.json': '{\n  "articles": [\n    {"id": 1,,}\n  ]\n}',
      'shape.json': '{"data": []}',
    });
    await expect(ingestSource({ kind: 'zendesk', path: join(dir, 'broken.json') })).rejects.toThrow(
      /broken\.json \(line 3:\d+\): invalid JSON/,
    );
    await expect(ingestSource({ kind: 'zendesk', path: join(dir, 'shape.json') })).rejects.toThrow(
      /shape\.json \(field \/articles\): expected an object with a "articles" array/,
    );
  });
});

describe('chunking long sections', () => {
  it('splits into overlapping windows within the word limit with distinct stable ids', () => {
    const sentences = Array.from({ length: 30 }, (_, i) => `Sentence number ${i} talks about refunds.`);
    const article: Article = {
      id: 'a',
      title: 'Long',
      url: null,
      updatedAt: null,
      html: `<h2>Policy</h2><p>${sentences.join(' ')}</p>`,
      origin: 'test',
    };
    const chunks = chunkArticle(article, 's', { maxWords: 40, overlapWords: 10 });
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.map((c) => c.ordinal)).toEqual(chunks.map((_, i) => i));
    expect(new Set(chunks.map((c) => c.id)).size).toBe(chunks.length);
    for (const c of chunks) expect(c.text.split(/\s+/).length).toBeLessThanOrEqual(40);
    for (let i = 1; i < chunks.length; i++) {
      const lastOfPrevious = chunks[i - 1]!.text.split('\n').at(-1)!;
      expect(chunks[i]!.text.startsWith(lastOfPrevious)).toBe(true);
    }
    const all = chunks.map((c) => c.text).join('\n');
    for (const s of sentences) expect(all).toContain(s);
  });

  it('gives repeated headings distinct ids', () => {
    const html = '<h2>Notes</h2><p>one</p><h2>Notes</h2><p>two</p>';
    const chunks = chunkArticle({ id: 'a', title: 'T', url: null, updatedAt: null, html, origin: 't' }, 's');
    expect(chunks.map((c) => c.section)).toEqual(['Notes', 'Notes']);
    expect(chunks[0]!.id).not.toBe(chunks[1]!.id);
  });
});
