import { describe, expect, it } from '@jest/globals';
import { smsParts } from './split.js';

describe('smsParts', () => {
  it('sends a reply that fits as one message, unchanged', () => {
    expect(smsParts('Your order ships within 2 days.', 3)).toEqual(['Your order ships within 2 days.']);
    expect(smsParts('x'.repeat(1600), 3)).toHaveLength(1);
  });

  it('splits a long reply at paragraph and word boundaries, numbering the parts', () => {
    const para = (w: string) => Array.from({ length: 12 }, () => w).join(' ');
    const body = `${para('alpha')}\n\n${para('beta')}\n\n${para('gamma')}`;
    const parts = smsParts(body, 3, 100);
    expect(parts.every((p) => p.length <= 100)).toBe(true);
    expect(parts[0]).toMatch(/^alpha( alpha)* \(1\/\d\)$/);
    expect(
      parts
        .join(' ')
        .replace(/ \(\d\/\d\)/g, '')
        .split(/\s+/),
    ).toEqual(body.split(/\s+/));
  });

  it('cuts the last allowed part short and marks it when the reply needs more parts', () => {
    const parts = smsParts('word '.repeat(200), 2, 100);
    expect(parts).toHaveLength(2);
    expect(parts[1]).toMatch(/\[message truncated\] \(2\/2\)$/);
    expect(parts.every((p) => p.length <= 100)).toBe(true);
    expect(smsParts('word '.repeat(200), 1, 100)).toEqual([expect.stringMatching(/\[message truncated\]$/)]);
  });
});
