import type { Generated, GeneratedAlways } from 'kysely';

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
  /** 0 urgent, 1 high, 2 normal, 3 low: what queues sort by first. */
  priority_rank: GeneratedAlways<number>;
  /** First response due while open, resolution due after. */
  next_due_at: GeneratedAlways<Date>;
  /** When an SLA of the item was first breached (its priority was raised then). */
  sla_breached_at: Date | null;
  /** Replies sent from the item: `{ replyId, body, agentId, at, via }[]`. */
  replies: Generated<unknown>;
  /** The agent's decision on the draft's proposed action, `{ decision, action, agentId, at, status }`. */
  action_decision: unknown;
}
