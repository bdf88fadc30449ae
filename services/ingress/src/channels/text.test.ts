import { describe, expect, it } from '@jest/globals';
import { channelLine, channelText, cutNear, TRUNCATION_MARK } from './text.js';

describe('channelText', () => {
  it('normalises line ends, drops control characters and extra blank lines, and trims', () => {
    expect(channelText('  Hello\r\nthere\u0000\u0007  \r\n\r\n\r\n\r\nBye\u0085 \n', 1000)).toBe(
      'Hello\nthere\n\nBye',
    );
    expect(channelText('tab\tkept', 100)).toBe('tab\tkept');
  });

  it('drops unpaired surrogates but keeps real astral characters', () => {
    expect(channelText('a\ud800b 😀', 100)).toBe('ab 😀');
  });

  it('cuts long text near the limit at a word boundary and marks it', () => {
    const text = 'word '.repeat(100);
    const out = channelText(text, 120);
    expect(out.length).toBeLessThanOrEqual(120);
    expect(out.endsWith(TRUNCATION_MARK)).toBe(true);
    expect(out.slice(0, -TRUNCATION_MARK.length)).toMatch(/^(word )*word$/);
  });
});

describe('channelLine', () => {
  it('makes one line of at most max characters', () => {
    expect(channelLine('Re: my\r\n order\tis late', 100)).toBe('Re: my order is late');
    expect(channelLine('x'.repeat(600), 500)).toHaveLength(500);
  });
});

describe('cutNear', () => {
  it('prefers a line break, then a space, in the last fifth; else cuts hard without splitting a pair', () => {
    expect(cutNear('aaaa bbbb\ncccc dddd', 17)).toBe('aaaa bbbb\ncccc');
    expect(cutNear('abcdefghij', 5)).toBe('abcde');
    expect(cutNear('abcd😀', 5)).toBe('abcd');
  });
});
