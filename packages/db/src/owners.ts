import type { Database } from './schema/index.js';

/**
 * Who owns each table: the one service or package whose code reads and writes it. Everyone else learns its
 * content from the owner's events (a service) or calls the owner's functions (a package), never its rows.
 * `packages/db/test/table-ownership.test.ts` fails when code anywhere else names the table in a query. Typed
 * against `Database`, so a table added to the schema without an owner does not compile.
 */
export const TABLE_OWNERS = {
  // The ticket as the customer sees it: channels, threads, replies delivered, actions shown on the ticket.
  tickets: 'services/ingress',
  messages: 'services/ingress',
  channel_messages: 'services/ingress',
  chat_sessions: 'services/ingress',
  replies: 'services/ingress',
  deliveries: 'services/ingress',
  ticket_actions: 'services/ingress',
  // One decision per turn, and the gate's view of who owns each ticket.
  decisions: 'services/gate',
  ticket_owners: 'services/gate',
  // The agent workspace: inbox, sessions, take-overs, the desk mirror.
  inbox_items: 'services/handoff',
  agent_sessions: 'services/handoff',
  takeovers: 'services/handoff',
  desk_tickets: 'services/handoff',
  desk_items: 'services/handoff',
  desk_replies: 'services/handoff',
  // The help centre's index.
  kb_sources: 'services/retrieval',
  kb_chunks: 'services/retrieval',
  // Quality: customers' ratings are taken at the edge; the report's read model and the judge's grades are handoff's.
  reply_ratings: 'services/ingress',
  draft_reviews: 'services/handoff',
  quality_turns: 'services/handoff',
  quality_ratings: 'services/handoff',
  quality_judgements: 'services/handoff',
  // Platform: every service records through these packages.
  timeline: 'packages/audit',
  outbox: 'packages/bus',
  bus_processed: 'packages/bus',
  api_keys: 'packages/auth',
  workspaces: 'packages/auth',
  // The store (customers, orders, products and its write ledger), read and changed through its tools.
  customers: 'packages/commerce',
  orders: 'packages/commerce',
  products: 'packages/commerce',
  store_actions: 'packages/commerce',
} as const satisfies Record<keyof Database, string>;

export type TableName = keyof typeof TABLE_OWNERS;
