import type { getItem } from '../inbox/store.js';

type Row = NonNullable<Awaited<ReturnType<typeof getItem>>>;

/** The API's shape of an inbox item: camelCase like the rest of the public API, not table columns. */
export function toInboxView(row: Row) {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    turn: row.turn,
    kind: row.kind,
    status: row.status,
    priority: row.priority,
    reasons: row.reasons,
    draft: row.draft,
    sources: row.sources,
    customer: row.customer,
    routing: row.routing,
    ticket: row.ticket,
    assignee: row.assignee,
    firstResponseDueAt: row.first_response_due_at.toISOString(),
    resolutionDueAt: row.resolution_due_at.toISOString(),
    slaBreachedAt: row.sla_breached_at?.toISOString() ?? null,
    replies: row.replies,
    actionDecision: row.action_decision ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
