import { describe, expect, it } from '@jest/globals';
import type { ConversationEntry, TicketTurn } from '@parley/contracts';
import { WRITE_LEAD } from '@parley/wording';
import { requestWindow } from './conversation.js';
import { ASK_ORDER, ASKS, LEADS, READ_BACK } from './wording.js';

const at = '2026-01-01T00:00:00.000Z';
const turn = (body: string, history: Array<[ConversationEntry['role'], string]>): TicketTurn => ({
  channel: 'api',
  customer: { crmId: 'c1' },
  subject: 'Order',
  body,
  history: history.map(([role, text], i) => ({ turn: i + 1, role, body: text, at })),
  receivedAt: at,
});

describe('requestWindow', () => {
  it('keeps the customer’s messages while the planner is asking, with the write it asked about', () => {
    const w = requestWindow(
      turn('no longer needed', [
        ['customer', 'Thanks for the help earlier'],
        ['bot', 'You are welcome.'],
        ['customer', 'Cancel #W1234567 please'],
        ['bot', `${LEADS.cancel} ${ASKS.reason}`],
      ]),
    );
    expect(w.messages).toEqual(['Cancel #W1234567 please', 'no longer needed']);
    expect(w.ongoing).toBe('cancel');
    expect(w.all).toHaveLength(3);
  });

  it('starts a new request after any other reply (an outcome, an answer)', () => {
    const w = requestWindow(
      turn('Now I want to return my lamp', [
        ['customer', 'Cancel #W1234567, no longer needed'],
        ['bot', `${LEADS.cancel} Here are the details to confirm: ...`],
        ['customer', 'yes'],
        ['bot', 'Done: order #W1234567 is cancelled.'],
      ]),
    );
    expect(w.messages).toEqual(['Now I want to return my lamp']);
    expect(w.ongoing).toBeUndefined();
  });

  it('says when the reply the customer answers read the write back rather than asked for a detail', () => {
    const back = requestWindow(
      turn('No, that is not what I asked for.', [
        ['customer', 'Cancel #W1234567, no longer needed'],
        ['bot', `${LEADS.cancel} ${READ_BACK} Cancel order #W1234567.`],
      ]),
    );
    expect(back).toMatchObject({ ongoing: 'cancel', readBack: true });
    const asked = requestWindow(
      turn('no longer needed', [
        ['customer', 'Cancel #W1234567'],
        ['bot', `${LEADS.cancel} ${ASKS.reason}`],
      ]),
    );
    expect(asked.ongoing).toBe('cancel');
    expect(asked.readBack).toBeUndefined();
  });

  it('reads the subject with the first message only', () => {
    expect(requestWindow(turn('hello', [])).messages).toEqual(['Order\nhello']);
  });

  it('reads typographic apostrophes as plain ones, in every message', () => {
    const w = requestWindow(
      turn('I don’t need it', [
        ['customer', 'I’d like to cancel #W7044833'],
        ['bot', `${LEADS.cancel} ${ASKS.reason}`],
      ]),
    );
    expect(w.messages).toEqual(["I'd like to cancel #W7044833", "I don't need it"]);
  });

  it('keeps the orders a request for the order offered, in the order it listed them', () => {
    const offer = `${LEADS.cancel} I can see these orders on your account: #W3657213 (pending); #W5442520 (pending). ${ASK_ORDER}`;
    expect(
      requestWindow(
        turn('the second one', [
          ['customer', 'cancel my order'],
          ['bot', offer],
        ]),
      ).offered,
    ).toEqual(['#W3657213', '#W5442520']);
    // Any other reply offers nothing to pick from.
    const reason = `${LEADS.cancel} Your order #W3657213 is pending. ${ASKS.reason}`;
    expect(requestWindow(turn('the second one', [['bot', reason]])).offered).toBeUndefined();
  });

  it("reads a pick from the order's items the planner listed as the item it names, in the latest turn and after", () => {
    const items = `${LEADS.return} Your order #W1867876 is currently delivered. It contains Backpack, Wall Clock and Yoga Mat. ${ASKS.items}`;
    const latest = requestWindow(
      turn('the first one', [
        ['customer', 'I want to return my order #W1867876'],
        ['bot', items],
      ]),
    );
    expect(latest.messages).toEqual(['I want to return my order #W1867876', 'the first one (Backpack)']);
    const refund = `${LEADS.return} Your order #W1867876 is currently delivered. Where should the refund go?`;
    const later = requestWindow(
      turn('paypal', [
        ['customer', 'I want to return my order #W1867876'],
        ['bot', items],
        ['customer', 'the last one'],
        ['bot', refund],
      ]),
    );
    expect(later.messages).toEqual([
      'I want to return my order #W1867876',
      'the last one (Yoga Mat)',
      'paypal',
    ]);
    // After any other question the words are kept as written.
    expect(requestWindow(turn('the first one', [['bot', refund]])).messages).toEqual(['the first one']);
  });

  it('keeps the order an earlier answer picked from a list, for the turns after it', () => {
    const offer = `${LEADS.cancel} I can see these orders on your account: #W3657213 (pending); #W5442520 (pending). ${ASK_ORDER}`;
    const reason = `${LEADS.cancel} Your order #W5442520 is pending. ${ASKS.reason}`;
    const w = requestWindow(
      turn('ordered by mistake', [
        ['customer', 'cancel my order'],
        ['bot', offer],
        ['customer', 'the second one'],
        ['bot', reason],
      ]),
    );
    expect(w.messages).toEqual(['cancel my order', 'the second one (#W5442520)', 'ordered by mistake']);
    // A message naming an order, or following no list, is kept as written.
    const named = requestWindow(
      turn('ordered by mistake', [
        ['customer', 'cancel my order'],
        ['bot', offer],
        ['customer', 'the second one, #W3657213'],
        ['bot', reason],
      ]),
    );
    expect(named.messages[1]).toBe('the second one, #W3657213');
  });

  it('opens every reply that offers or fills in a write the same way, so a no to it is read as withdrawing it', () => {
    for (const lead of Object.values(LEADS)) expect(lead.startsWith(WRITE_LEAD)).toBe(true);
  });
});
