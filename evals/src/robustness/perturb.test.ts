import { describe, expect, it } from '@jest/globals';
import { mulberry32 } from '@parley/intent-model/rng';
import { casing, context, perturb, PERTURBATIONS, politeness, signoff, typo, typography } from './perturb.js';

const TEXT = 'Where is my order? It has not arrived yet';

describe('perturb', () => {
  it('is the same every run for a seed and a position, and differs across positions', () => {
    for (const kind of PERTURBATIONS) {
      expect(perturb(TEXT, kind, 1, 3)).toBe(perturb(TEXT, kind, 1, 3));
    }
    const variants = new Set(Array.from({ length: 20 }, (_, i) => perturb(TEXT, 'typo', 1, i)));
    expect(variants.size).toBeGreaterThan(5);
    expect(perturb(TEXT, 'typo', 2, 3)).not.toBe(perturb(TEXT, 'typo', 1, 3));
  });

  it('makes one slip in one longer word, keeping its first letter', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const out = typo(TEXT, mulberry32(seed));
      expect(out).not.toBe(TEXT);
      const before = TEXT.split(' ');
      const after = out.split(' ');
      expect(after).toHaveLength(before.length);
      const changed = before.filter((w, i) => w !== after[i]);
      expect(changed).toHaveLength(1);
      const i = before.indexOf(changed[0]!);
      expect(after[i]![0]).toBe(before[i]![0]);
      expect(Math.abs(after[i]!.length - before[i]!.length)).toBeLessThanOrEqual(1);
    }
    expect(typo('ok 42', mulberry32(1))).toBe('ok 42');
  });

  it('changes case, wraps in courtesy, or signs off, leaving the request itself unchanged', () => {
    const random = mulberry32(7);
    expect([TEXT.toLowerCase(), TEXT.toUpperCase()]).toContain(casing(TEXT, random));
    const polite = politeness(TEXT, random);
    expect(polite).toContain(TEXT);
    expect(polite.length).toBeGreaterThan(TEXT.length + 5);
    expect(signoff(TEXT, random).startsWith(TEXT)).toBe(true);
    const all = perturb(TEXT, 'all', 1, 0).toLowerCase();
    expect(all.length).toBeGreaterThan(TEXT.length + 10);
  });

  it('tells a situation before the text, which is left as it was', () => {
    const told = context(TEXT, mulberry32(3));
    expect(told.endsWith(TEXT)).toBe(true);
    expect(told.slice(0, -TEXT.length)).toMatch(/^[A-Z][^?]*[.] $/);
    // Added after the others, so their seeds (and the figures measured with them) stay as they were.
    expect(PERTURBATIONS.slice(0, 5)).toEqual(['typo', 'casing', 'politeness', 'signoff', 'all']);
  });

  it('typography puts in the apostrophes, quotation marks and ellipses a phone types, nothing else', () => {
    expect(typography('I\'d say "where is it"... don\'t know')).toBe('I’d say “where is it”… don’t know');
    expect(perturb('no quotes here', 'typography', 1, 0)).toBe('no quotes here');
  });
});
