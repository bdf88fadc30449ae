/**
 * The vocabulary as the cache file stores it (UTF-8 words joined by '\n') with an open-addressing hash table
 * in typed arrays over it, instead of 100,000 strings in a Map: about 2.5 MB in typed arrays rather than 7 MB
 * of heap objects that every major GC walks.
 */
export class PackedVocabulary {
  readonly size: number;
  /** Byte offset of word i in `bytes`; word i ends where word i + 1 starts, less its '\n'. */
  private readonly starts: Uint32Array;
  /** rank + 1 of the word in each slot; 0 is an empty slot. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(
    private readonly bytes: Buffer,
    count: number,
    file: string,
  ) {
    this.starts = new Uint32Array(count + 1);
    let words = count === 0 ? 0 : 1;
    for (let at = 0; at < bytes.length; at++) {
      if (bytes[at] !== 10) continue;
      if (words <= count) this.starts[words] = at + 1;
      words++;
    }
    if (words !== count) throw new Error(`${file}: vocabulary holds ${words} words, header says ${count}`);
    this.starts[count] = bytes.length + 1;
    this.size = count;
    let capacity = 1;
    while (capacity < count * 2) capacity *= 2;
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let rank = 0; rank < count; rank++) {
      const word = this.word(rank);
      // Keep the first (most frequent) rank if a word were ever listed twice.
      for (let slot = hash(word) & this.mask; ; slot = (slot + 1) & this.mask) {
        const held = this.slots[slot]!;
        if (held === 0) {
          this.slots[slot] = rank + 1;
          break;
        }
        if (this.equals(held - 1, word)) break;
      }
    }
  }

  /** The rank of a word written exactly as stored (the cache holds lower-case words). */
  rank(word: string): number | undefined {
    for (let slot = hash(word) & this.mask; ; slot = (slot + 1) & this.mask) {
      const held = this.slots[slot]!;
      if (held === 0) return undefined;
      if (this.equals(held - 1, word)) return held - 1;
    }
  }

  word(rank: number): string {
    return this.bytes.toString('utf8', this.starts[rank]!, this.starts[rank + 1]! - 1);
  }

  /** Compares without decoding while both sides are ASCII, which nearly every word is. */
  private equals(rank: number, word: string): boolean {
    const start = this.starts[rank]!;
    const length = this.starts[rank + 1]! - 1 - start;
    // A UTF-8 word is never shorter in bytes than in UTF-16 code units.
    if (length < word.length) return false;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      if (c >= 0x80) return this.word(rank) === word;
      if (this.bytes[start + i] !== c) return false;
    }
    return length === word.length;
  }
}

/** FNV-1a over UTF-16 code units. */
function hash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
