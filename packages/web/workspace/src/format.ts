// Pure helpers for what the workspace shows; unit-tested in packages/web/test.

export const QUEUE_LABELS = {
  needs_reply: 'Needs reply',
  drafts: 'Drafts to review',
  escalated: 'Escalated',
  mine: 'Mine',
  overdue: 'Overdue',
  done: 'Done',
} as const;

/** `order_status` -> `order status`. */
export function label(code: string): string {
  return code.replace(/_/g, ' ');
}

function span(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return `${Math.max(0, Math.floor(ms / 1000))}s`;
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** A countdown to a due time: "due in 3h 59m", "overdue by 2m"; `soon` under 15 minutes. */
export function countdown(dueIso: string, nowMs: number): { text: string; overdue: boolean; soon: boolean } {
  const left = Date.parse(dueIso) - nowMs;
  if (left < 0) return { text: `overdue by ${span(-left)}`, overdue: true, soon: false };
  return { text: `due in ${span(left)}`, overdue: false, soon: left < 15 * 60_000 };
}

/** Which due time matters now: the first response while nobody answered, the resolution after. */
export function nextDue(item: { status: string; firstResponseDueAt: string; resolutionDueAt: string }): {
  label: string;
  at: string;
} {
  return item.status === 'open'
    ? { label: 'first response', at: item.firstResponseDueAt }
    : { label: 'resolution', at: item.resolutionDueAt };
}

/** "3 min ago", "2 h ago", or the date for older times. */
export function ago(iso: string, nowMs: number): string {
  const ms = nowMs - Date.parse(iso);
  if (ms < 60_000) return 'just now';
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ago`;
  if (ms < 86_400_000) return `${Math.floor(ms / 3_600_000)} h ago`;
  return new Date(iso).toLocaleDateString();
}

/** Only web links are rendered as links; anything else (javascript:, data:) is shown as text. */
export function safeHref(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export function money(amount: number): string {
  return `$${amount.toFixed(2)}`;
}

/** The customer's name as the ticket knows it. */
export function customerName(item: {
  customer: { name: string } | null;
  ticket: { customer: { name?: string; email?: string; phone?: string } };
}): string {
  return (
    item.customer?.name ||
    item.ticket.customer.name ||
    item.ticket.customer.email ||
    item.ticket.customer.phone ||
    'Unknown customer'
  );
}

/** Route of the single-page app, kept in the location hash: `#/<queue>` or `#/<queue>/<item id>`. */
export interface Route {
  queue: keyof typeof QUEUE_LABELS;
  itemId: string | null;
}

export function parseRoute(hash: string): Route {
  const match = /^#\/([a-z_]+)(?:\/([A-Za-z0-9_.:-]{1,200}))?$/.exec(hash);
  const queue = match?.[1];
  if (!match || !queue || !(queue in QUEUE_LABELS)) return { queue: 'needs_reply', itemId: null };
  return { queue: queue as Route['queue'], itemId: match[2] ?? null };
}

export function routeHash(route: Route): string {
  return `#/${route.queue}${route.itemId ? `/${route.itemId}` : ''}`;
}

/** What became of a decided action, in words for the agent. */
export function actionStatus(d: {
  decision: 'approved' | 'rejected';
  by: 'agent' | 'customer';
  status: string;
  agentId: string | null;
  outcome?: string;
}): string {
  const who = d.by === 'customer' ? 'the customer' : (d.agentId ?? 'an agent');
  switch (d.status) {
    case 'pending_execution':
      return `Approved by ${who}: pending execution`;
    case 'executed':
      return `Approved by ${who}: executed`;
    case 'refused':
      return `Approved by ${who}: refused by the store${d.outcome ? ` (${d.outcome})` : ''}`;
    case 'failed':
      return `Approved by ${who}: failed${d.outcome ? ` (${d.outcome})` : ''}`;
    case 'manual':
      return `Approved by ${who}: no executable proposal, carry it out by hand`;
    default:
      return `Rejected by ${who}`;
  }
}

/** A share as a percentage ("83.3%"); a dash when there is nothing to divide. */
export function percent(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 1000) / 10}%`;
}

/** Costs per resolution are fractions of a cent: four decimals up to a cent, two above. */
export function usd(amount: number | null): string {
  if (amount === null) return '–';
  return amount < 0.01 ? `$${amount.toFixed(4)}` : `$${amount.toFixed(2)}`;
}

/** A latency: "850 ms", "2.8 s". */
export function duration(ms: number | null): string {
  if (ms === null) return '–';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The quality page's default range: the seven days up to `today` (UTC), as the report takes them. */
export function lastWeek(nowMs: number): { from: string; to: string } {
  const to = new Date(nowMs).toISOString().slice(0, 10);
  const from = new Date(nowMs - 6 * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}
