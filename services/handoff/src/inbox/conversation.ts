import type { ConversationEntry, TicketTurn } from '@parley/contracts';

/** A reply sent from an inbox item, as kept on the item (`replies`). */
export interface SentReply {
  replyId: string;
  body: string;
  agentId: string | null;
  at: string;
  /** `workspace`, `api` or a desk (`zendesk`). */
  via: string;
}

export interface ConversationMessage {
  turn: number;
  role: 'customer' | 'bot' | 'agent';
  body: string;
  at: string;
  channel: string;
  /** The agent who wrote it, for replies sent from the inbox. */
  agentId?: string | null;
}

interface ItemTurn {
  turn: number;
  ticket: TicketTurn;
  replies: SentReply[];
}

/**
 * The whole conversation of a ticket from its inbox items (event-carried: no other service's tables are read).
 * The latest item's ticket carries the earlier turns as history (customer, bot and agent messages, oldest
 * first); each item adds its own customer message and the replies sent from it. A message seen twice (an agent
 * reply that is also in a later turn's history) is kept once. Oldest first.
 */
export function conversationOf(items: readonly ItemTurn[]): ConversationMessage[] {
  const sorted = [...items].sort((a, b) => a.turn - b.turn);
  const latest = sorted.at(-1);
  if (!latest) return [];
  const channel = latest.ticket.channel;
  const out: ConversationMessage[] = latest.ticket.history.map((h: ConversationEntry) => ({
    turn: h.turn,
    role: h.role,
    body: h.body,
    at: h.at,
    channel,
  }));
  const seen = new Set(out.map((m) => `${m.turn}|${m.role}|${m.body.trim()}`));
  const add = (m: ConversationMessage) => {
    const key = `${m.turn}|${m.role}|${m.body.trim()}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(m);
  };
  for (const item of sorted) {
    add({
      turn: item.turn,
      role: 'customer',
      body: item.ticket.body,
      at: item.ticket.receivedAt,
      channel: item.ticket.channel,
    });
    for (const r of item.replies)
      add({ turn: item.turn, role: 'agent', body: r.body, at: r.at, channel, agentId: r.agentId });
  }
  return out
    .map((m, i) => ({ m, i }))
    .sort((a, b) => a.m.turn - b.m.turn || Date.parse(a.m.at) - Date.parse(b.m.at) || a.i - b.i)
    .map(({ m }) => m);
}
