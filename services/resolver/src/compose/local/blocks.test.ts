import { describe, expect, it } from '@jest/globals';
import { blocksOf, lineText } from './blocks.js';

describe('blocksOf', () => {
  it('groups consecutive items into a list, with the paragraph that introduces it', () => {
    const text = 'To pause a plan:\n- Open Billing .\n- Choose Pause .\nThe plan resumes after 30 days.';
    expect(blocksOf(text)).toEqual([
      { kind: 'paragraph', lines: [0] },
      { kind: 'list', lines: [1, 2], intro: 0 },
      { kind: 'paragraph', lines: [3] },
    ]);
    expect(lineText(text, 1)).toBe('- Open Billing.');
  });

  it('groups rows into a table and knows its header row', () => {
    const text = 'Plan | Price\nBasic | $5\nPro | $12\nPrices include tax.';
    expect(blocksOf(text)).toEqual([
      { kind: 'table', lines: [0, 1, 2], header: 0 },
      { kind: 'paragraph', lines: [3] },
    ]);
  });

  it('gives a table whose first row is a sentence no header, and keeps numbered steps as a list', () => {
    expect(blocksOf('Basic | Five dollars a month.\nPro | Twelve dollars.')).toEqual([
      { kind: 'table', lines: [0, 1] },
    ]);
    expect(blocksOf('1. Sign in.\n2. Open Settings.')).toEqual([{ kind: 'list', lines: [0, 1] }]);
  });
});
