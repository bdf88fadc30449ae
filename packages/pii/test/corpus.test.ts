import { describe, expect, it } from '@jest/globals';
import { checkSync } from 'recheck';
import { DIGIT_RUN } from '../src/cards.js';
import { REDACTION_PATTERNS, redactPii } from '../src/redact.js';
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

  it('still redacts inside long hostile input', () => {
    const long = `${'a'.repeat(20_000)}@`;
    expect(redactPii(long)).toBe(long);
    expect(redactPii(`${'x'.repeat(5_000)} mail ana.lee@example.com now`)).toContain('mail [email] now');
    expect(redactPii('+1 '.repeat(5_000))).not.toMatch(/\d{3}/);
  });
});

// Time on this shared machine says little, so linearity is checked on the patterns themselves: recheck
// analyses each one (automaton or seeded fuzzing, deterministic) for inputs that make backtracking blow up.
describe('the redaction patterns', () => {
  const check = (r: RegExp) =>
    checkSync(r.source, r.flags, {
      randomSeed: 1,
      // Every budget off: a time limit would make the verdict depend on how busy the machine is.
      timeout: null,
      attackTimeout: null,
      incubationTimeout: null,
      seedingTimeout: null,
    });

  it('are all free of super-linear backtracking', () => {
    for (const pattern of [...REDACTION_PATTERNS, DIGIT_RUN]) {
      expect({ pattern: pattern.source, status: check(pattern).status }).toEqual({
        pattern: pattern.source,
        status: 'safe',
      });
    }
  });

  it('would catch a quadratic one (the email pattern without its run-start guard)', () => {
    const unguarded = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
    expect(check(unguarded)).toMatchObject({ status: 'vulnerable', complexity: { type: 'polynomial' } });
  });
});
