export {
  NORMALISER_VERSION,
  PLACEHOLDERS,
  normaliseForIntent,
  readableText,
  withPlaceholders,
  withoutCourtesy,
} from './normalise.js';
export type { NormaliseOptions } from './normalise.js';
// The order-id grammar is the platform's (`@parley/contracts`); re-exported for the wording helpers' users.
export { canonicalOrderId, orderIdsIn, replaceOrderIds, sameOrderId } from '@parley/contracts';
export {
  EVERY_ORDER_UP_TO,
  ORDERS_LISTED_UP_TO,
  aboutAnothersOrder,
  asksEveryOrder,
  canonicalText,
  disputesWhatWeSaid,
  isStatusOfAwaited,
  isStatusOnly,
  mendedWords,
  questionsAsked,
  readOrderQuestion,
  reportsWrongItem,
  saysCancellationDone,
  voicesDispleasure,
} from './order-question.js';
export type { OrderQuestion, OrderRequest } from './order-question.js';
export {
  askedWrite,
  asksAQuestion,
  asksOtherOption,
  asksUsToInvestigate,
  asksAboutRules,
  asksRulesOfAWrite,
  asksWhetherAllowed,
  focusSentences,
  onlyTheQuestion,
  plainRequest,
  questionSentences,
  questionsBesideRequest,
  reportsWriteDone,
  requestSentences,
} from './write-request.js';
export type { WriteRequest } from './write-request.js';
export {
  asksAboutRestock,
  asksCatalogueOnly,
  asksProductItself,
  asksRestockOnly,
} from './catalogue-question.js';
export { plainApostrophes } from './apostrophes.js';
export { asksOnlyProgressOfItems } from './item-status.js';
export { acknowledgementOnly, thanksOnly } from './thanks-only.js';
export { smallTalkOnly } from './small-talk.js';
export { asksAboutAStoreVisit } from './store-visit.js';
export { sentToUsByTheHelpCentre } from './sent-to-us.js';
export { asksOrderAmount } from './order-detail.js';
export { confirmationOf } from './confirmation.js';
export { GO_AHEAD_QUESTION, WRITE_LEAD, declinesOffer } from './offer.js';
export {
  WHICH_ORDER_FOR_WRITE,
  WHICH_ORDER_QUESTION,
  orderPickedFromList,
  pickedByPosition,
} from './order-pick.js';
export { WHICH_ITEMS_QUESTION, itemPickedFromList } from './item-pick.js';
export { refundDue } from './refund-due.js';
export { asksBesidesRefund, speaksOfMoneyBack } from './refund-question.js';
export type { RefundableOrder } from './refund-due.js';
export { claimedAccount, givesIdentity, identityIn, nameAgrees, withoutIdentity } from './identity.js';
export type { AccountLookup, IdentityClaim, NameAndZip } from './identity.js';
export { statusesSaid } from './statuses-said.js';
export { turnWords } from './turn-words.js';
export {
  IDENTITY_QUESTION,
  ORDER_LOOKUP_LEAD,
  askedWords,
  identityAnswers,
  lookupAnswered,
  lookupQuestion,
  lookupWords,
} from './order-lookup.js';
export type { TurnWordsInput } from './turn-words.js';
export { orderNamedByItems } from './orders-by-items.js';
export type { NamedOrder } from './orders-by-items.js';
export { saysTrackingStalled, statedWaitDays } from './stated-wait.js';
export { anotherCompanysMatter } from './other-company.js';
export { asksWhyOrWhatNext } from './why-or-next.js';
export { asksWithCondition } from './write-condition.js';
export { asksOwnAccountFact } from './account-fact.js';
export { reportsAccountMisuse } from './account-misuse.js';
