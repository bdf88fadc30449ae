import { describe, expect, it } from '@jest/globals';
import { PackedVocabulary } from './vocabulary.js';

const packed = (words: string[]) =>
  new PackedVocabulary(Buffer.from(words.join('\n'), 'utf8'), words.length, 'v.bin');

describe('PackedVocabulary', () => {
  it('finds every word at its rank and nothing else', () => {
    const words = ['the', 'card', 'car', 'café', 'naïve', '東京', 'cards', 'a'];
    const v = packed(words);
    expect(v.size).toBe(words.length);
    words.forEach((w, i) => {
      expect(v.rank(w)).toBe(i);
      expect(v.word(i)).toBe(w);
    });
    for (const w of ['ca', 'cardss', 'cafe', 'caf', 'naive', '東', '', 'The', 'th'])
      expect(v.rank(w)).toBeUndefined();
  });

  it('keeps the first rank of a word listed twice', () => {
    expect(packed(['bank', 'card', 'bank']).rank('bank')).toBe(0);
  });

  it('holds many words (the table wraps and probes past collisions)', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`);
    const v = packed(words);
    words.forEach((w, i) => expect(v.rank(w)).toBe(i));
    expect(v.rank('w-1')).toBeUndefined();
  });

  it('refuses a vocabulary whose word count disagrees with the header', () => {
    expect(() => new PackedVocabulary(Buffer.from('a\nb'), 3, 'v.bin')).toThrow(
      'v.bin: vocabulary holds 2 words, header says 3',
    );
    expect(() => new PackedVocabulary(Buffer.from('a\nb\nc'), 2, 'v.bin')).toThrow(
      'v.bin: vocabulary holds 3 words, header says 2',
    );
  });

  it('an empty vocabulary knows no word', () => {
    const v = new PackedVocabulary(Buffer.alloc(0), 0, 'v.bin');
    expect(v.size).toBe(0);
    expect(v.rank('a')).toBeUndefined();
  });
});
