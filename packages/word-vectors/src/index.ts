export { loadWordVectors, cacheFile, defaultCacheDir, DEFAULT_MAX_WORDS } from './vectors.js';
export type { WordVectors, LoadOptions } from './vectors.js';
export { tokenize } from './tokenize.js';
export { sifEmbed, sifWeight, zipfProbability } from './sif.js';
