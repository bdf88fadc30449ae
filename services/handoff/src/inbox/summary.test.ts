import { describe, expect, it } from '@jest/globals';
import type { TicketTurn } from '@parley/contracts';
import { summarise } from './summary.js';

const ticket = (body: string, history: TicketTurn['history'] = []): TicketTurn => ({
  channel: 'email',
  customer: { crmId: 'c1' },
  body,
  history,
  receivedAt: new Date(0).toISOString(),
});

describe('summarise', () => {
  it('keeps the sentences that ask and name orders, with the intent and order ids', () => {
    const s = summarise(
      ticket(
        'Hi, I ordered a laptop and a notebook (order #W3400144) and the app says processed. When will it arrive? Is there a tracking number I can follow? Thanks, Yara',
      ),
      'order_status',
    );
    expect(s.orderIds).toEqual(['#W3400144']);
    expect(s.keySentences).toEqual([
      'Hi, I ordered a laptop and a notebook (order #W3400144) and the app says processed.',
      'When will it arrive?',
      'Is there a tracking number I can follow?',
    ]);
    expect(s.text).toMatch(/^order status \(#W3400144\): Hi, I ordered a laptop/);
    expect(s.keySentences).not.toContain('Thanks, Yara');
  });

  it('uses earlier customer turns but prefers the latest, and never invents text', () => {
    const s = summarise(
      ticket('Any news? It has been a week.', [
        { turn: 1, role: 'customer', body: 'Please cancel order w8770097.', at: new Date(0).toISOString() },
        { turn: 1, role: 'bot', body: 'Can you confirm with yes?', at: new Date(0).toISOString() },
      ]),
      'cancel_order',
    );
    expect(s.orderIds).toEqual(['#W8770097']);
    expect(s.keySentences).toEqual(['Please cancel order w8770097.', 'Any news?', 'It has been a week.']);
    expect(s.keySentences).not.toContain('Can you confirm with yes?');
    const source = 'Please cancel order w8770097. Any news? It has been a week.';
    for (const k of s.keySentences) expect(source).toContain(k);
  });
});
