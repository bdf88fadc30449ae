import { describe, expect, it } from '@jest/globals';
import { redactPii } from '../src/redact.js';
import { loadPiiCorpus } from '../src/testing.js';

describe('the PII corpus', () => {
  const corpus = loadPiiCorpus();

  it('has enough lines to mean something, nearly all of them carrying PII', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(50);
    expect(corpus.filter((l) => l.pii.length > 0).length).toBeGreaterThanOrEqual(50);
  });

  it.each(corpus.map((l) => [l.text, l] as const))('redacts %j', (_text, line) => {
    const out = redactPii(line.text);
    expect({ out, leaked: line.pii.filter((t) => out.includes(t)) }).toEqual({ out, leaked: [] });
    expect({ out, lost: line.keep.filter((t) => !out.includes(t)) }).toEqual({ out, lost: [] });
  });

  it('stays linear on long hostile input', () => {
    const hostile = [
      '+1 '.repeat(5_000),
      '1 '.repeat(10_000),
      `${'a'.repeat(20_000)}@`,
      '12 '.repeat(7_000) + 'x',
    ];
    for (const text of hostile) {
      const started = Date.now();
      redactPii(text);
      // Generous for a loaded machine; a super-linear pattern takes minutes here.
      expect(Date.now() - started).toBeLessThan(2_000);
    }
  });
});
