export { NORMALISER_VERSION, PLACEHOLDERS, normaliseForIntent, withPlaceholders } from './normalise.js';
export type { NormaliseOptions } from './normalise.js';
export { canonicalOrderId, orderIdsIn, replaceOrderIds, sameOrderId } from './order-ids.js';
export { canonicalText, isStatusOnly, readOrderQuestion } from './order-question.js';
export type { OrderQuestion, OrderRequest } from './order-question.js';
export { askedWrite } from './write-request.js';
export type { WriteRequest } from './write-request.js';
