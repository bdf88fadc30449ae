import { describe, expect, it } from '@jest/globals';
import type { TicketTurn } from '@parley/contracts';
import { conversationOf } from './conversation.js';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 10, minute)).toISOString();
const turn = (body: string, receivedAt: string, history: TicketTurn['history'] = []): TicketTurn => ({
  channel: 'chat',
  customer: { crmId: null },
  body,
  history,
  receivedAt,
});

describe('conversationOf', () => {
  it('joins every turn, the bot and agent replies, in order, each message once', () => {
    const first = { turn: 1, ticket: turn('Where is my parcel?', at(0)), replies: [] };
    const second = {
      turn: 2,
      ticket: turn('It still has not come.', at(5), [
        { turn: 1, role: 'customer', body: 'Where is my parcel?', at: at(0) },
        { turn: 1, role: 'bot', body: 'It left the warehouse.', at: at(1) },
      ]),
      replies: [
        { replyId: 'r2', body: 'I have asked the carrier.', agentId: 'ana', at: at(7), via: 'workspace' },
      ],
    };
    const third = {
      turn: 3,
      ticket: turn('Thanks!', at(9), [
        ...second.ticket.history,
        { turn: 2, role: 'customer', body: 'It still has not come.', at: at(5) },
        { turn: 2, role: 'agent', body: 'I have asked the carrier.', at: at(7) },
      ]),
      replies: [],
    };
    const messages = conversationOf([third, first, second]);
    expect(messages.map((m) => [m.turn, m.role, m.body])).toEqual([
      [1, 'customer', 'Where is my parcel?'],
      [1, 'bot', 'It left the warehouse.'],
      [2, 'customer', 'It still has not come.'],
      [2, 'agent', 'I have asked the carrier.'],
      [3, 'customer', 'Thanks!'],
    ]);
  });

  it('shows a reply sent from the latest item before the next turn arrives', () => {
    const only = {
      turn: 1,
      ticket: turn('Cancel it please', at(0)),
      replies: [{ replyId: 'r1', body: 'Done.', agentId: 'li', at: at(2), via: 'workspace' }],
    };
    expect(conversationOf([only]).map((m) => [m.role, m.body, m.agentId ?? null])).toEqual([
      ['customer', 'Cancel it please', null],
      ['agent', 'Done.', 'li'],
    ]);
    expect(conversationOf([])).toEqual([]);
  });
});
