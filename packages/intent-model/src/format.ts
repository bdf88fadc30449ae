import { readFile, rename, writeFile } from 'node:fs/promises';
import { NORMALISER_VERSION } from '@parley/wording';
import { loadWordVectors, type LoadOptions } from '@parley/word-vectors';
import { IntentModel, packParts, type ModelParts } from './model.js';
import { TfidfVectorizer, type TfidfOptions } from './tfidf.js';

// Model file layout (little-endian): "PIMF", u32 format version, u32 byte length of a UTF-8 JSON header,
// the header, zero padding to a 4-byte boundary, then the float32 arrays the header lists in `arrays`, in order.
// Version 2 added the `classBias` array (the prior correction); a version 1 file reads as one without it.
// Version 3 added `normaliser`, the text normaliser the model reads through; older files read raw text, and code
// before version 3 refuses the file rather than feed it text the model was not trained on.
const MAGIC = 'PIMF';
export const MODEL_FORMAT_VERSION = 3;
const READABLE_VERSIONS = [1, 2, MODEL_FORMAT_VERSION];

interface Header {
  intents: string[];
  /** Absent before version 3: raw text. */
  normaliser?: string | null;
  /** Absent before version 3: no spelling mended. */
  mendSpelling?: boolean;
  tfidf: { options: TfidfOptions; terms: string[] };
  sifScale: number;
  sifA: number;
  vectorWords: number;
  numFeatures: number;
  temperature: number;
  /** Hidden units of the MLP member; 0 when the model has none. */
  mlpHidden: number;
  memberScales: [number, number];
  centroidWeight: number;
  /** JSON has no Infinity: null stands for "never reject". */
  rejectThreshold: number | null;
  info: Record<string, unknown>;
  arrays: Array<{ name: ArrayName; length: number }>;
}

type ArrayName =
  'idf' | 'weights' | 'bias' | 'centroids' | 'mlpW1' | 'mlpB1' | 'mlpW2' | 'mlpB2' | 'classBias';

export function encodeModel(parts: ModelParts): Buffer {
  if (parts.linear.packed || parts.mlp?.packedW1)
    throw new Error(
      'a model loaded for prediction with byte weights cannot be saved: save the trained model',
    );
  const arrays: Record<ArrayName, Float32Array> = {
    idf: parts.tfidf.idf,
    weights: parts.linear.weights,
    bias: parts.linear.bias,
    centroids: parts.centroids,
    mlpW1: parts.mlp?.w1 ?? new Float32Array(0),
    mlpB1: parts.mlp?.b1 ?? new Float32Array(0),
    mlpW2: parts.mlp?.w2 ?? new Float32Array(0),
    mlpB2: parts.mlp?.b2 ?? new Float32Array(0),
    classBias: parts.classBias,
  };
  const header: Header = {
    intents: parts.intents,
    normaliser: parts.normaliser,
    mendSpelling: parts.mendSpelling,
    tfidf: { options: parts.tfidf.options, terms: parts.tfidf.terms },
    sifScale: parts.sifScale,
    sifA: parts.sifA,
    vectorWords: parts.vectorWords,
    numFeatures: parts.linear.numFeatures,
    temperature: parts.temperature,
    mlpHidden: parts.mlp?.hidden ?? 0,
    memberScales: parts.memberScales,
    centroidWeight: parts.centroidWeight,
    rejectThreshold: Number.isFinite(parts.rejectThreshold) ? parts.rejectThreshold : null,
    info: parts.info,
    arrays: (Object.keys(arrays) as ArrayName[]).map((name) => ({ name, length: arrays[name].length })),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const dataStart = align4(12 + json.length);
  const total = dataStart + header.arrays.reduce((sum, a) => sum + a.length * 4, 0);
  const out = Buffer.alloc(total);
  out.write(MAGIC, 0, 'ascii');
  out.writeUInt32LE(MODEL_FORMAT_VERSION, 4);
  out.writeUInt32LE(json.length, 8);
  json.copy(out, 12);
  let offset = dataStart;
  for (const { name } of header.arrays) {
    const a = arrays[name];
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, offset);
    offset += a.byteLength;
  }
  return out;
}

export interface DecodeOptions {
  /**
   * Hold the two per-feature weight matrices as bytes with a scale per row (`packParts`), a quarter of their
   * size, for a process that only predicts. They are read straight from the file's buffer, never copied as
   * floats first. Such a model cannot be saved.
   */
  int8?: boolean;
}

/** The arrays `int8` turns to bytes: the two with one row per input feature, nearly all of a model's bytes. */
const PER_FEATURE: ReadonlySet<ArrayName> = new Set(['weights', 'mlpW1']);

export function decodeModel(buf: Buffer, file: string, opts: DecodeOptions = {}): ModelParts {
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== MAGIC)
    throw new Error(`${file}: not an intent model file (bad magic)`);
  const version = buf.readUInt32LE(4);
  if (!READABLE_VERSIONS.includes(version)) {
    throw new Error(
      `${file}: intent model format version ${version} is not supported by this code (expected ${MODEL_FORMAT_VERSION}); retrain the model`,
    );
  }
  const headerLength = buf.readUInt32LE(8);
  let header: Header;
  try {
    header = JSON.parse(buf.toString('utf8', 12, 12 + headerLength)) as Header;
  } catch {
    throw new Error(`${file}: intent model header is corrupt`);
  }
  const normaliser = header.normaliser ?? null;
  if (normaliser !== null && normaliser !== NORMALISER_VERSION) {
    throw new Error(
      `${file}: model reads text through normaliser ${normaliser}, this code has ${NORMALISER_VERSION}; retrain the model`,
    );
  }
  const arrays = new Map<ArrayName, Float32Array>();
  let offset = align4(12 + headerLength);
  for (const { name, length } of header.arrays) {
    if (offset + length * 4 > buf.length) throw new Error(`${file}: intent model file is truncated`);
    const start = buf.byteOffset + offset;
    // Copy into a fresh aligned buffer: the file buffer may not be 4-byte aligned, and copying drops it. An
    // aligned matrix about to become bytes is only viewed (a whole-file read is aligned): never held twice.
    arrays.set(
      name,
      opts.int8 && PER_FEATURE.has(name) && start % 4 === 0
        ? new Float32Array(buf.buffer, start, length)
        : new Float32Array(buf.buffer.slice(start, start + length * 4)),
    );
    offset += length * 4;
  }
  const get = (name: ArrayName): Float32Array => {
    const a = arrays.get(name);
    if (!a) throw new Error(`${file}: intent model file lacks the "${name}" array`);
    return a;
  };
  const numClasses = header.intents.length;
  const weights = get('weights');
  if (weights.length !== header.numFeatures * numClasses)
    throw new Error(`${file}: weight matrix does not match its header`);
  const hidden = header.mlpHidden;
  const mlp =
    hidden > 0
      ? {
          numFeatures: header.numFeatures,
          hidden,
          numClasses,
          w1: get('mlpW1'),
          b1: get('mlpB1'),
          w2: get('mlpW2'),
          b2: get('mlpB2'),
        }
      : null;
  if (mlp && (mlp.w1.length !== header.numFeatures * hidden || mlp.w2.length !== hidden * numClasses)) {
    throw new Error(`${file}: hidden-layer weights do not match the header`);
  }
  const parts: ModelParts = {
    intents: header.intents,
    normaliser,
    mendSpelling: header.mendSpelling ?? false,
    tfidf: new TfidfVectorizer(header.tfidf.options, header.tfidf.terms, get('idf')),
    sifScale: header.sifScale,
    sifA: header.sifA,
    vectorWords: header.vectorWords,
    linear: { numFeatures: header.numFeatures, numClasses, weights, bias: get('bias') },
    mlp,
    memberScales: header.memberScales,
    temperature: header.temperature,
    // Version 1 files have no prior correction.
    classBias: arrays.get('classBias') ?? new Float32Array(0),
    centroids: get('centroids'),
    centroidWeight: header.centroidWeight,
    rejectThreshold: header.rejectThreshold ?? -Infinity,
    info: header.info,
  };
  return opts.int8 ? packParts(parts) : parts;
}

/** Writes atomically, so a service restarting mid-retrain never reads half a file. */
export async function saveModel(model: IntentModel, file: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, encodeModel(model.parts));
  await rename(tmp, file);
}

/** Loads a model file and, when it uses them, the word vectors it was trained with. */
export async function loadModel(file: string, vectorOptions: LoadOptions = {}): Promise<IntentModel> {
  const buf = await readFile(file).catch((err: NodeJS.ErrnoException) => {
    throw new Error(`${file}: cannot read intent model (${err.code ?? err.message})`);
  });
  const parts = decodeModel(buf, file);
  const vectors =
    parts.sifScale > 0 ? await loadWordVectors({ maxWords: parts.vectorWords, ...vectorOptions }) : undefined;
  if (vectors && vectors.size !== parts.vectorWords) {
    throw new Error(
      `${file}: model was trained with ${parts.vectorWords} word vectors, but ${vectors.size} were loaded`,
    );
  }
  return new IntentModel(parts, vectors);
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
