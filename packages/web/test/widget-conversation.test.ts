import { describe, expect, it } from '@jest/globals';
import type { ChatMessage } from '../widget/src/client.js';
import { Conversation } from '../widget/src/conversation.js';

const message = (id: string, role: ChatMessage['role'], body: string): ChatMessage => ({
  id,
  turn: 1,
  role,
  body,
  at: '2026-01-05T10:00:00Z',
});

describe('the widget conversation', () => {
  it('keeps each message once and drops a pending message when the server has it', () => {
    const c = new Conversation();
    c.addPending('w1', 'Hello there ');
    c.addPending('w2', 'Second');
    expect(c.receive([message('1', 'customer', 'Hello there')]).map((m) => m.id)).toEqual(['1']);
    expect(c.pending.map((p) => p.clientId)).toEqual(['w2']);
    expect(
      c.receive([message('1', 'customer', 'Hello there'), message('2', 'bot', 'Hi!')]).map((m) => m.id),
    ).toEqual(['2']);
    expect(c.lastId).toBe('2');
    expect(c.messages.map((m) => m.body)).toEqual(['Hello there', 'Hi!']);
  });

  it('marks a message that failed to send, for a retry', () => {
    const c = new Conversation();
    c.addPending('w1', 'Are you there?');
    c.failPending('w1');
    expect(c.pending).toEqual([{ clientId: 'w1', body: 'Are you there?', failed: true }]);
    c.dropPending('w1');
    expect(c.pending).toEqual([]);
    expect(c.lastId).toBeNull();
  });
});
