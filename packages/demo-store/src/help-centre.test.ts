import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from '@jest/globals';
import { loadHelpCentre, parseArticle } from './help-centre.js';

const valid = [
  '---',
  'id: a-b',
  'title: A title',
  'updated_at: 2024-01-31',
  '---',
  '## Section',
  '',
  'Text.',
].join('\n');

describe('shipped help centre', () => {
  it('has at least 28 articles with unique ids, sections and dates', async () => {
    const articles = await loadHelpCentre();
    expect(articles.length).toBeGreaterThanOrEqual(28);
    expect(new Set(articles.map((a) => a.id)).size).toBe(articles.length);
    for (const a of articles) {
      expect(a.markdown).not.toMatch(/^---/);
      expect(a.markdown.split('\n').filter((l) => l.startsWith('## ')).length).toBeGreaterThanOrEqual(2);
    }
  });

  it('links only to articles that exist', async () => {
    const articles = await loadHelpCentre();
    const ids = new Set(articles.map((a) => a.id));
    const broken = articles.flatMap((a) =>
      [...a.markdown.matchAll(/\]\(([^)]+)\)/g)]
        .map((m) => m[1] ?? '')
        .filter((target) => !target.includes(':') && !ids.has(target))
        .map((t) => `${a.id} -> ${t}`),
    );
    expect(broken).toEqual([]);
  });

  it('states refund timing the way the store policy does', async () => {
    const refunds = (await loadHelpCentre()).find((a) => a.id === 'refund-timing');
    expect(refunds?.markdown).toMatch(/\| Gift card +\| Immediately/);
    expect(refunds?.markdown).toMatch(/\| Credit card [^|]*\| 5-7 business days/);
    expect(refunds?.markdown).toMatch(/\| PayPal +\| 5-7 business days/);
  });

  it('only ever offers cancellation and changes for pending orders', async () => {
    const articles = await loadHelpCentre();
    const byId = new Map(articles.map((a) => [a.id, a.markdown]));
    expect(byId.get('cancel-an-order')).toContain('Only orders with the status **pending** can be cancelled');
    expect(byId.get('modify-order-items')).toMatch(/While an order is \*\*pending\*\*/);
    expect(byId.get('returns-policy')).toMatch(/status \*\*delivered\*\*/);
    expect(byId.get('exchanges')).toMatch(/status \*\*delivered\*\*/);
  });
});

describe('parseArticle', () => {
  it('reads front matter and strips it from the body', () => {
    expect(parseArticle('a-b.md', valid)).toEqual({
      id: 'a-b',
      title: 'A title',
      updatedAt: '2024-01-31',
      markdown: '## Section\n\nText.',
    });
  });

  it.each([
    ['no front matter', '## Section\n', 'must start with a "---"'],
    ['unclosed front matter', '---\nid: a\n## Section', 'not closed'],
    ['unknown key', valid.replace('id: a-b', 'id: a-b\nauthor: x'), 'author'],
    ['duplicate key', valid.replace('id: a-b', 'id: a-b\nid: c'), 'appears twice'],
    ['bad date', valid.replace('2024-01-31', '31/01/2024'), 'updated_at: must be YYYY-MM-DD'],
    ['missing title', valid.replace('title: A title\n', ''), 'title: Required'],
    ['no section heading', valid.replace('## Section', 'Section'), 'no "## " section heading'],
    ['bad url', valid.replace('title: A title', 'title: A title\nurl: not a url'), 'url:'],
  ])('rejects %s and names the file', (_case, text, problem) => {
    expect(() => parseArticle('help/x.md', text)).toThrow(/^help\/x\.md: /);
    expect(() => parseArticle('help/x.md', text)).toThrow(problem);
  });

  it('requires the file name to match the id', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'help-'));
    await writeFile(join(dir, 'other.md'), valid);
    await expect(loadHelpCentre(dir)).rejects.toThrow(
      `${join(dir, 'other.md')}: id "a-b" does not match the file name`,
    );
  });
});
