export { CARD_MASK, luhnValid, maskCards } from './cards.js';
export { redactPii } from './redact.js';
