export { loadWordVectors, cacheFile, defaultCacheDir, DEFAULT_MAX_WORDS } from './vectors.js';
export type { WordVectors, LoadOptions } from './vectors.js';
export { tokenize } from './tokenize.js';
export { sifEmbed, sifWeight, zipfProbability } from './sif.js';
export { wordSimilarity } from './similarity.js';
export type { Similarity } from './similarity.js';
