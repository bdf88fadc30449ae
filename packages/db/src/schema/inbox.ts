import type { Generated } from 'kysely';

export interface InboxItemsTable {
  id: string;
  /** The workspace (tenant) the row belongs to; see the workspaces migration. */
  workspace_id: string;
  ticket_id: string;
  turn: number;
  kind: string;
  /** open | sent | taken_over | closed */
  status: Generated<string>;
  priority: string;
  reasons: unknown;
  draft: unknown;
  sources: unknown;
  customer: unknown;
  routing: unknown;
  ticket: unknown;
  assignee: string | null;
  first_response_due_at: Date;
  resolution_due_at: Date;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
