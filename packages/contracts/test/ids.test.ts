import { describe, expect, it } from '@jest/globals';
import {
  actionIdFor,
  actionReplyId,
  agentReplyId,
  canonicalOrderId,
  deskReplyId,
  isOrderId,
  orderIdsIn,
  replaceOrderIds,
  sameOrderId,
  turnReplyId,
} from '../src/index.js';

describe('order ids', () => {
  it('finds order ids with or without the hash, in either case, canonical and once each', () => {
    expect(orderIdsIn('Orders #W2611340 and w1234567, again #W2611340')).toEqual(['#W2611340', '#W1234567']);
  });

  it('reads several texts (a subject and a body) as one', () => {
    expect(orderIdsIn('About #W1234567', undefined, 'and W7654321, #w1234567')).toEqual([
      '#W1234567',
      '#W7654321',
    ]);
  });

  it('ignores longer or shorter digit runs and ids glued to letters or digits', () => {
    expect(orderIdsIn('tracking W26113401 or XW2611340 or W2611340x or #W123 or 9W2611340')).toEqual([]);
    expect(orderIdsIn('x #W12345678 #W123 #W7654321')).toEqual(['#W7654321']);
  });

  it('ends an id at punctuation and brackets', () => {
    expect(orderIdsIn('(#W2611340), "W1111111". #W2222222?')).toEqual([
      '#W2611340',
      '#W1111111',
      '#W2222222',
    ]);
  });

  it('reads the number alone as the order id, unless it is part of an amount, a date, a time or a phone number', () => {
    expect(orderIdsIn('order 8160318. shipped or not?')).toEqual(['#W8160318']);
    expect(orderIdsIn('the kettle (5220869), and #3168895?')).toEqual(['#W5220869', '#W3168895']);
    expect(orderIdsIn('order number: 9879411')).toEqual(['#W9879411']);
    expect(orderIdsIn('paid $1234567 on 2024-1234567 at 10:1234567 or 1234567.50, call 555-1234567')).toEqual(
      [],
    );
    expect(orderIdsIn('pay via gift_card_8049813 or credit_card_7815826_x')).toEqual([]);
    // A tracking number (12 digits), an item id (10) and a ZIP code (5) are not order ids.
    expect(orderIdsIn('tracking 357962501027, item 6469567736, ZIP 80279')).toEqual([]);
    expect(orderIdsIn('W2611340 and 2611340 are one order')).toEqual(['#W2611340']);
  });

  it('compares and canonicalises ids whatever their hash and case', () => {
    expect(sameOrderId('w2611340', '#W2611340')).toBe(true);
    expect(sameOrderId('#W2611340', '#W2611341')).toBe(false);
    expect(canonicalOrderId('w2611340')).toBe('#W2611340');
    expect(canonicalOrderId('2611340')).toBe('#W2611340');
    expect(sameOrderId('#2611340', 'W2611340')).toBe(true);
  });

  it('replaces every id, and tells a whole id from text around one', () => {
    expect(replaceOrderIds('Is #W2611340 or w1111111 here?', 'orderref')).toBe(
      'Is orderref or orderref here?',
    );
    expect(isOrderId('#W2611340')).toBe(true);
    expect(isOrderId('w2611340')).toBe(true);
    expect(isOrderId('#W2611340 ')).toBe(false);
    expect(isOrderId('#W26113401')).toBe(false);
    expect(isOrderId('2611340')).toBe(true);
    expect(isOrderId('26113401')).toBe(false);
  });
});

describe('reply and action ids', () => {
  it('names one reply per turn, per agent attempt, per desk comment and per action', () => {
    expect(turnReplyId('tkt_1', 2)).toBe('rpl_tkt_1_2');
    expect(agentReplyId('tkt_1', 2)).toBe('rpl_tkt_1_2_agent');
    expect(agentReplyId('tkt_1', 2, 1)).toBe('rpl_tkt_1_2_agent');
    expect(agentReplyId('tkt_1', 2, 3)).toBe('rpl_tkt_1_2_agent_3');
    expect(deskReplyId('tkt_1', 2, 99)).toBe('rpl_tkt_1_2_zd99');
    expect(actionIdFor('tkt_1', 2)).toBe('act_tkt_1_2');
    expect(actionReplyId(actionIdFor('tkt_1', 2))).toBe('rpl_act_tkt_1_2');
  });

  it('never gives two producers the same id for different replies', () => {
    const ids = [
      turnReplyId('tkt_1', 2),
      agentReplyId('tkt_1', 2),
      agentReplyId('tkt_1', 2, 2),
      deskReplyId('tkt_1', 2, 1),
      actionReplyId(actionIdFor('tkt_1', 2)),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });
});
