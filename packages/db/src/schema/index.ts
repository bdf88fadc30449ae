import type { AgentSessionsTable } from './agent-sessions.js';
import type { ApiKeysTable } from './api-keys.js';
import type { BusProcessedTable } from './bus-processed.js';
import type { ChannelMessagesTable, ChatSessionsTable } from './channels.js';
import type { CustomersTable, OrdersTable, ProductsTable } from './crm.js';
import type { DecisionsTable } from './decisions.js';
import type { DeskItemsTable, DeskRepliesTable, DeskTicketsTable } from './desk.js';
import type { InboxItemsTable } from './inbox.js';
import type { KbChunksTable, KbSourcesTable } from './knowledge.js';
import type { OutboxTable } from './outbox.js';
import type {
  DraftReviewsTable,
  QualityJudgementsTable,
  QualityRatingsTable,
  QualityTurnsTable,
  ReplyRatingsTable,
} from './quality.js';
import type { DeliveriesTable, RepliesTable } from './replies.js';
import type { MessagesTable, TicketsTable } from './tickets.js';
import type { StoreActionsTable } from './store-actions.js';
import type { TicketActionsTable } from './ticket-actions.js';
import type { TakeoversTable, TicketOwnersTable } from './owners.js';
import type { TimelineTable } from './timeline.js';
import type { WorkspacesTable } from './workspaces.js';

export interface Database {
  bus_processed: BusProcessedTable;
  outbox: OutboxTable;
  customers: CustomersTable;
  orders: OrdersTable;
  products: ProductsTable;
  tickets: TicketsTable;
  messages: MessagesTable;
  timeline: TimelineTable;
  decisions: DecisionsTable;
  replies: RepliesTable;
  deliveries: DeliveriesTable;
  inbox_items: InboxItemsTable;
  kb_sources: KbSourcesTable;
  kb_chunks: KbChunksTable;
  api_keys: ApiKeysTable;
  channel_messages: ChannelMessagesTable;
  chat_sessions: ChatSessionsTable;
  workspaces: WorkspacesTable;
  store_actions: StoreActionsTable;
  ticket_actions: TicketActionsTable;
  agent_sessions: AgentSessionsTable;
  desk_tickets: DeskTicketsTable;
  desk_items: DeskItemsTable;
  desk_replies: DeskRepliesTable;
  reply_ratings: ReplyRatingsTable;
  draft_reviews: DraftReviewsTable;
  quality_turns: QualityTurnsTable;
  quality_ratings: QualityRatingsTable;
  quality_judgements: QualityJudgementsTable;
  takeovers: TakeoversTable;
  ticket_owners: TicketOwnersTable;
}

export type {
  AgentSessionsTable,
  ApiKeysTable,
  BusProcessedTable,
  ChannelMessagesTable,
  ChatSessionsTable,
  CustomersTable,
  DecisionsTable,
  DeliveriesTable,
  DeskItemsTable,
  DeskRepliesTable,
  DeskTicketsTable,
  DraftReviewsTable,
  InboxItemsTable,
  KbChunksTable,
  KbSourcesTable,
  MessagesTable,
  OrdersTable,
  OutboxTable,
  ProductsTable,
  QualityJudgementsTable,
  QualityRatingsTable,
  QualityTurnsTable,
  RepliesTable,
  ReplyRatingsTable,
  StoreActionsTable,
  TakeoversTable,
  TicketActionsTable,
  TicketOwnersTable,
  TicketsTable,
  TimelineTable,
  WorkspacesTable,
};
