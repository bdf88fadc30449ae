import { describe, expect, it } from '@jest/globals';
import { asksItemSwap, offeredWrite } from './request.js';

describe('asksItemSwap', () => {
  it.each([
    'can I swap the kettle in #W1234567 for the glass one?',
    'is it too late to swap an item in #W1234567?',
    'is there still time to change the size in #W1234567?',
  ])('%j swaps an item or its option, which a delivered order allows as an exchange', (text) => {
    expect(asksItemSwap(text)).toBe(true);
  });

  it.each(['can I still change the address on #W1234567?', 'can I change the card on #W1234567?'])(
    '%j changes something else',
    (text) => {
      expect(asksItemSwap(text)).toBe(false);
    },
  );
});

describe('offeredWrite', () => {
  it('offers the writes an order status alone allows', () => {
    expect(offeredWrite('cancel_order', 'can I cancel #W1234567?', 'pending')).toBe('cancel');
    expect(offeredWrite('change_address', 'can I still change the address on #W1234567?', 'pending')).toBe(
      'order_address',
    );
    expect(offeredWrite('return_request', 'is it possible to return #W1234567?', 'delivered')).toBe('return');
  });

  it('offers no change of items, exchange or default address, which depend on more than the status', () => {
    const exchange = 'Can I exchange the kettle from #W1234567 for a stovetop one?';
    expect(offeredWrite('exchange_request', exchange, 'delivered')).toBeUndefined();
    expect(offeredWrite('modify_order', 'can I change the chair in #W1234567 to black?', 'pending')).toBe(
      undefined,
    );
    expect(offeredWrite('change_address', 'can I change my default address?', 'pending')).toBeUndefined();
    expect(offeredWrite('refund_status', 'can I get my refund?', 'delivered')).toBeUndefined();
  });
});
