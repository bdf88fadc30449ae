// Binary cache layout (little-endian): "PWVC", u32 format version, u32 dim, u32 count, u32 byte length of
// the '\n'-joined UTF-8 vocabulary, the vocabulary in rank order, zero padding to a 4-byte boundary, then
// count * dim float32 values row by row. One read and a typed-array view load it with no parsing.
const MAGIC = 'PWVC';
export const CACHE_FORMAT_VERSION = 1;
const HEADER_BYTES = 20;

export interface VectorTable {
  dim: number;
  words: string[];
  /** words.length * dim values, row i belongs to words[i]. */
  data: Float32Array;
}

export function encodeVectorTable(table: VectorTable): Buffer {
  const { dim, words, data } = table;
  if (data.length !== words.length * dim)
    throw new Error(`vector table holds ${data.length} values, expected ${words.length * dim}`);
  if (words.some((w) => w.includes('\n'))) throw new Error('vocabulary words must not contain a newline');
  const vocab = Buffer.from(words.join('\n'), 'utf8');
  const dataOffset = align4(HEADER_BYTES + vocab.length);
  const out = Buffer.alloc(dataOffset + data.byteLength);
  out.write(MAGIC, 0, 'ascii');
  out.writeUInt32LE(CACHE_FORMAT_VERSION, 4);
  out.writeUInt32LE(dim, 8);
  out.writeUInt32LE(words.length, 12);
  out.writeUInt32LE(vocab.length, 16);
  vocab.copy(out, HEADER_BYTES);
  Buffer.from(data.buffer, data.byteOffset, data.byteLength).copy(out, dataOffset);
  return out;
}

export const VECTOR_HEADER_BYTES = HEADER_BYTES;

/** Where things are in a cache file, read from its header and checked against the file's length. */
export interface VectorLayout {
  dim: number;
  count: number;
  vocabBytes: number;
  /** Byte offset of row 0; row i starts at dataOffset + i * dim * 4. */
  dataOffset: number;
}

/** Reads the first `VECTOR_HEADER_BYTES` of a cache file of `fileBytes` bytes. */
export function readVectorLayout(header: Buffer, fileBytes: number, file: string): VectorLayout {
  if (header.length < HEADER_BYTES || header.toString('ascii', 0, 4) !== MAGIC) {
    throw new Error(`${file}: not a word-vector cache (bad magic)`);
  }
  const version = header.readUInt32LE(4);
  if (version !== CACHE_FORMAT_VERSION) {
    throw new Error(
      `${file}: word-vector cache format version ${version} is not supported (expected ${CACHE_FORMAT_VERSION})`,
    );
  }
  const dim = header.readUInt32LE(8);
  const count = header.readUInt32LE(12);
  const vocabBytes = header.readUInt32LE(16);
  const dataOffset = align4(HEADER_BYTES + vocabBytes);
  if (fileBytes !== dataOffset + count * dim * 4)
    throw new Error(`${file}: word-vector cache is truncated or corrupt`);
  return { dim, count, vocabBytes, dataOffset };
}

/** The vocabulary, in rank order, from its UTF-8 bytes (`vocabBytes` of them after the header). */
export function decodeVocabulary(vocab: Buffer, count: number, file: string): string[] {
  const words = count === 0 ? [] : vocab.toString('utf8').split('\n');
  if (words.length !== count)
    throw new Error(`${file}: vocabulary holds ${words.length} words, header says ${count}`);
  return words;
}

export function decodeVectorTable(buf: Buffer, file: string): VectorTable {
  const { dim, count, vocabBytes, dataOffset } = readVectorLayout(buf, buf.length, file);
  const words = decodeVocabulary(buf.subarray(HEADER_BYTES, HEADER_BYTES + vocabBytes), count, file);
  const start = buf.byteOffset + dataOffset;
  // A typed-array view needs 4-byte alignment; copy only in the rare case the buffer is not aligned.
  const data =
    start % 4 === 0
      ? new Float32Array(buf.buffer, start, count * dim)
      : new Float32Array(buf.buffer.slice(start, start + count * dim * 4));
  return { dim, words, data };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
