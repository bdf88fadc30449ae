import { describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  HybridIndex,
  TermAssociations,
  buildAssociations,
  groupByArticle,
  ingestArticles,
  loadTermAssociations,
  readLabelledTexts,
} from '../src/index.js';
import type { LabelledText } from '../src/index.js';

// Two requests, each worded two ways ("deliver"/"shipping", "refund"/"reimburse"), plus a generic word
// ("quickly") used alike in both.
const examples: LabelledText[] = [
  ...['deliver', 'shipping'].flatMap((w) =>
    ['to canada', 'abroad quickly', 'overseas', 'to spain', 'to france'].map((rest) => ({
      text: `do you ${w} ${rest}`,
      intent: 'shipping',
    })),
  ),
  ...['refund', 'reimburse'].flatMap((w) =>
    ['my order', 'me quickly', 'the fee', 'my card', 'the tax'].map((rest) => ({
      text: `can you ${w} ${rest}`,
      intent: 'refund',
    })),
  ),
];

describe('buildAssociations', () => {
  const table = buildAssociations(examples, { minCount: 3, minSupport: 2, minScore: 0.4 });

  it('associates words used for the same request even when they never share a question', () => {
    const deliver = table.related('deliv');
    expect(deliver[0]).toEqual({ term: 'ship', score: 1 });
    expect(table.related('reimburs').map((a) => a.term)).toContain('refund');
    // Words of different requests are not associated.
    expect(deliver.map((a) => a.term)).not.toContain('refund');
  });

  it('scores a word spread over several requests below the words of one request', () => {
    const quick = table.related('deliv').find((a) => a.term === 'quickli');
    // "quickly" is in two questions of each intent: cosine of (5, 0) and (2, 2) is 1 / sqrt(2).
    expect(quick?.score).toBeCloseTo(Math.SQRT1_2);
    // A pair resting on fewer shared questions than minSupport is left out.
    const supported = buildAssociations(examples, { minCount: 3, minSupport: 3, minScore: 0.4 });
    expect(supported.related('deliv').map((a) => a.term)).toEqual(['ship']);
  });

  it('leaves out terms rarer than minCount and pairs below minScore', () => {
    // "canada" occurs in two questions, below minCount 3.
    expect(table.related('canada')).toEqual([]);
    expect(table.related('deliv').map((a) => a.term)).not.toContain('canada');
    const strict = buildAssociations(examples, { minCount: 3, minSupport: 2, minScore: 0.8 });
    expect(strict.related('deliv').map((a) => a.term)).not.toContain('quickli');
  });

  it('keeps perTerm associations, strongest first, and is deterministic', () => {
    const few = buildAssociations(examples, { minCount: 3, minSupport: 2, minScore: 0.1, perTerm: 2 });
    const related = few.related('deliv');
    expect(related).toHaveLength(2);
    expect(related[0]!.score).toBeGreaterThanOrEqual(related[1]!.score);
    expect(buildAssociations([...examples].reverse(), { minCount: 3 }).toTsv()).toBe(
      buildAssociations(examples, { minCount: 3 }).toTsv(),
    );
  });
});

describe('association tables on disk', () => {
  it('round-trips through TSV', () => {
    const table = buildAssociations(examples, { minCount: 3 });
    const back = TermAssociations.fromTsv(`# a comment\n${table.toTsv()}`);
    expect(back.size).toBe(table.size);
    expect(back.related('deliv')).toEqual(
      table.related('deliv').map((a) => ({ term: a.term, score: Number(a.score.toFixed(3)) })),
    );
  });

  it('names the file and line of a malformed entry', () => {
    expect(() => TermAssociations.fromTsv('ship\tdeliv:0.9\nrefund\treimburs:2', 'x.tsv')).toThrow(
      /x\.tsv:2: bad association "reimburs:2"/,
    );
    expect(() => TermAssociations.fromTsv('no tab here', 'x.tsv')).toThrow(/x\.tsv:1:/);
  });

  it('reads labelled JSONL, leaving out out-of-scope rows and keeping intents of files apart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'assoc-'));
    const a = join(dir, 'a.jsonl');
    const b = join(dir, 'b.jsonl');
    await writeFile(a, '{"text":"hi","intent":"x"}\n{"text":"bye","intent":"out_of_scope"}\n');
    await writeFile(b, '{"text":"yo","intent":"x"}\n\n');
    const rows = await readLabelledTexts([a, b]);
    expect(rows.map((r) => r.text)).toEqual(['hi', 'yo']);
    expect(rows[0]!.intent).not.toBe(rows[1]!.intent);
    await writeFile(b, '{"text":"yo"}\n');
    await expect(readLabelledTexts([b])).rejects.toThrow(/b\.jsonl:1: expected/);
  });

  it('ships a table learned from support questions', async () => {
    const shipped = await loadTermAssociations();
    expect(shipped.size).toBeGreaterThan(1000);
    expect(shipped.related('password').map((a) => a.term)).toContain('passcod');
    expect(shipped.related('deliv').map((a) => a.term)).toContain('ship');
  });
});

describe('association expansion in the index', () => {
  const chunks = ingestArticles('kb', [
    {
      id: 'shipping',
      title: 'Shipping abroad',
      url: null,
      updatedAt: null,
      origin: 't',
      html: '<p>Shipping to Europe takes five days.</p>',
    },
    {
      id: 'returns',
      title: 'Returns',
      url: null,
      updatedAt: null,
      origin: 't',
      html: '<p>Send an item back within thirty days.</p>',
    },
  ]).chunks;
  const associations = buildAssociations(examples, { minCount: 3 });

  it('finds an article that shares no word with the question through an associated term', async () => {
    const plain = new HybridIndex();
    await plain.upsert(chunks);
    expect(await plain.search('deliver')).toEqual([]);
    const index = new HybridIndex({ associations });
    await index.upsert(chunks);
    const terms = new Map(index.queryTerms('deliver').map((t) => [t.term, t.weight]));
    expect(terms.get('deliv')).toBe(1);
    expect(terms.get('ship')).toBeCloseTo(0.3);
    // Associations outside the index vocabulary ("reimburse", "quickly") are not added.
    expect([...terms.keys()].sort()).toEqual(['deliv', 'ship']);
    expect(groupByArticle(await index.search('deliver'))[0]?.articleId).toBe('shipping');
  });

  it('is switched off by weight 0 and validated', async () => {
    const index = new HybridIndex({ associations });
    await index.upsert(chunks);
    expect(index.queryTerms('deliver', { associations: { weight: 0, neighbours: 4 } })).toEqual([
      { term: 'deliv', weight: 1 },
    ]);
    expect(() => index.queryTerms('deliver', { associations: { weight: -1, neighbours: 4 } })).toThrow(
      /associations.weight/,
    );
  });
});
