export type {
  CancelOrderRequest,
  OrderAddressRequest,
  OrderItemsRequest,
  OrderPaymentRequest,
  ReturnItemsRequest,
  StateSource,
  Store,
  UserAddressRequest,
  WriteMeta,
} from './store.js';
export { REFUSAL_RULES } from './refusals.js';
export type { Refusal, RefusalRule, WriteResult } from './refusals.js';
export * from './types.js';
export type { PolicyOptions } from './policy.js';
export { roundCents } from './money.js';
export { TOOLS, toolByName, toolSpecs, describeInputIssues } from './tools.js';
export type { HelpCentreArticle, Tool, ToolContext, ToolName, ToolOutcome } from './tools.js';
export { stateDigest, stateDocument } from './digest.js';
export { PostgresStore } from './postgres/store.js';
export type { PostgresStoreOptions } from './postgres/store.js';
export { crmReader } from './postgres/crm.js';
export type { CatalogueRow, CrmContactRow, CrmCustomerRow, CrmOrderRow, CrmReader } from './postgres/crm.js';
export { seedDemoStore } from './postgres/seed.js';
export type { SeedResult } from './postgres/seed.js';
export { ShopifyStore } from './shopify/store.js';
export type { ShopifyStoreOptions } from './shopify/store.js';
export { ShopifyClient, ShopifyError, DEFAULT_API_VERSION } from './shopify/client.js';
export type { ShopifyClientConfig } from './shopify/client.js';
