export { loadCustomers, loadOrders, loadProducts, loadPolicy, DEFAULT_DATA_DIR } from './store.js';
export type {
  Address,
  Customer,
  LoadOptions,
  Order,
  OrderItem,
  OrderStatus,
  Fulfillment,
  PaymentMethod,
  PaymentTransaction,
  Product,
  ProductVariant,
} from './store.js';
export { loadHelpCentre, parseArticle, DEFAULT_HELP_CENTRE_DIR } from './help-centre.js';
export type { HelpArticle } from './help-centre.js';
export {
  loadTaxonomy,
  parseTaxonomy,
  INTENTS,
  CONSEQUENTIAL_TOOLS,
  intentSchema,
  DEFAULT_TAXONOMY_FILE,
} from './taxonomy.js';
export type { Intent, IntentSpec, Band, Tier, Taxonomy } from './taxonomy.js';
export { loadLabelledIntents, parseLabelledIntents, labelledIntentsFile } from './intents.js';
export type { LabelledText, Split } from './intents.js';
export {
  loadRetrievalSet,
  loadRetrievalQueries,
  buildRetrievalSet,
  assembleRetrievalSet,
  retrievalSetSchema,
  DEFAULT_RETRIEVAL_SET_FILE,
} from './retrieval-set.js';
export type { RetrievalSet, RetrievalQuery } from './retrieval-set.js';
export { loadDemoTickets, DEFAULT_DEMO_TICKETS_FILE } from './demo-tickets.js';
export type { DemoTicket } from './demo-tickets.js';
export {
  DEFAULT_ANSWERED_QUESTIONS_FILE,
  loadAnsweredQuestions,
  parseAnsweredQuestions,
} from './answered-questions.js';
export type { AnsweredQuestion, SectionRef } from './answered-questions.js';
