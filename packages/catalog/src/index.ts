export { runsOf, singular, words, wordsAsWritten } from './words.js';
export { matchingVariants, namedOptions } from './options.js';
export { OPTION_VOCABULARY } from './vocabulary.js';
export { STOCK_RULE_TERMS } from './stock-rule.js';
