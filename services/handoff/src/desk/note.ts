import type { Draft, EventOf, HandoffRequested } from '@parley/contracts';
import type { InboxSummary } from '../inbox/summary.js';

type Handoff = EventOf<typeof HandoffRequested>['payload'];

/** A desk ticket's subject: the customer's own, else the intent and the orders named. */
export function deskSubject(p: Handoff, summary: InboxSummary): string {
  const subject = p.ticket.subject?.trim();
  if (subject) return subject.slice(0, 150);
  const orders = summary.orderIds.length > 0 ? ` (${summary.orderIds.join(', ')})` : '';
  return `${p.routing.intent.replace(/_/g, ' ')}${orders}`.slice(0, 150);
}

function proposed(draft: Draft | null): string | null {
  if (!draft) return null;
  const calls = draft.toolCalls.filter((c) => c.status === 'proposed');
  if (calls.length === 0 && !draft.action) return null;
  const lines = calls.map((c) => `- ${c.name} ${JSON.stringify(c.input)}`);
  return [
    `Proposed action: ${draft.action ?? calls[0]!.name} (approve it in the Parley workspace)`,
    ...lines,
  ].join('\n');
}

/**
 * The internal note that carries what Parley knows about the turn into the desk: the draft (to copy into a
 * public reply, edited or not), the summary, the routing and why it needs a person, the sources the draft
 * cites, and any proposed action. The `[parley ...]` line names the item, so a note already posted is found.
 */
export function deskNote(itemId: string, p: Handoff, summary: InboxSummary): string {
  const draft = p.draft;
  const cited = new Set(draft?.citations.map((c) => c.chunkId) ?? []);
  const sources = p.sources
    .filter((s) => cited.has(s.chunkId))
    .map((s) => `- ${s.title}: ${s.section}${s.url ? ` (${s.url})` : ''}`);
  const sections = [
    `[parley ${itemId}] turn ${p.turn} · ${p.kind === 'escalate' ? 'escalated' : 'draft to review'} · priority ${p.priority}`,
    draft
      ? `Draft reply (reply publicly to send it to the customer):\n\n${draft.body}`
      : 'No draft: write the reply.',
    `Summary: ${summary.text}`,
    `Routing: ${p.routing.intent} · band ${p.routing.band} · confidence ${Math.round(p.routing.confidence * 100)}%`,
    `Why a person: ${p.reasons.map((r) => r.code + (r.detail ? ` (${r.detail})` : '')).join(', ')}`,
    ...(sources.length > 0 ? [`Sources cited:\n${sources.join('\n')}`] : []),
    ...(proposed(draft) ? [proposed(draft)!] : []),
  ];
  return sections.join('\n\n');
}
