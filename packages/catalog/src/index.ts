export { runsOf, singular, words, wordsAsWritten } from './words.js';
export { matchingVariants, namedOptions } from './options.js';
export { OPTION_VOCABULARY } from './vocabulary.js';
