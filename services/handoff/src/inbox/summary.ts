import type { TicketTurn } from '@parley/contracts';
import { orderIdsIn } from '@parley/contracts';

export interface InboxSummary {
  /** One line for the agent: intent, orders, and the customer's key sentences. */
  text: string;
  intent: string;
  orderIds: string[];
  keySentences: string[];
}

const ASKS = /\b(please|can you|could you|i want|i need|i'd like|would like|how|when|where|why|what)\b/i;

function sentencesOf(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?])\s+/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 3);
}

/**
 * Extractive: picks the customer's sentences that ask for something, name an order or carry a question,
 * preferring the latest turn; no model call, nothing invented.
 */
export function summarise(ticket: TicketTurn, intent: string, maxSentences = 3): InboxSummary {
  const turns = [...ticket.history.filter((h) => h.role === 'customer').map((h) => h.body), ticket.body];
  const scored = turns.flatMap((body, t) =>
    sentencesOf(body).map((s, i) => ({
      s,
      order: t * 1000 + i,
      score:
        (s.includes('?') ? 2 : 0) +
        (orderIdsIn(s).length > 0 ? 2 : 0) +
        (ASKS.test(s) ? 1 : 0) +
        (t === turns.length - 1 ? 1 : 0) -
        (/^(hi|hello|hey|thanks|thank you|best|regards)\b/i.test(s) && s.length < 25 ? 3 : 0),
    })),
  );
  const keySentences = scored
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, maxSentences)
    .sort((a, b) => a.order - b.order)
    .map((x) => x.s);
  const orderIds = orderIdsIn(...turns);
  const head = `${intent.replace(/_/g, ' ')}${orderIds.length > 0 ? ` (${orderIds.join(', ')})` : ''}`;
  const text = `${head}: ${keySentences.join(' ')}`.slice(0, 500);
  return { text, intent, orderIds, keySentences };
}
