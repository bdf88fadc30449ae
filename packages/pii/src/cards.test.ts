import { describe, expect, it } from '@jest/globals';
import { luhnValid, maskCards } from './cards.js';

describe('luhnValid', () => {
  it('accepts valid test card numbers and rejects a changed digit', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('5555555555554444')).toBe(true);
    expect(luhnValid('378282246310005')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });
});

describe('maskCards', () => {
  it('masks plain, spaced and dashed card numbers', () => {
    expect(maskCards('card 4111111111111111 please')).toBe('card [card] please');
    expect(maskCards('my card is 4111 1111 1111 1111.')).toBe('my card is [card].');
    expect(maskCards('Amex 3782-822463-10005 thanks')).toBe('Amex [card] thanks');
    expect(maskCards('two: 5555 5555 5555 4444 and 4012888888881881')).toBe('two: [card] and [card]');
  });

  it('leaves numbers that fail Luhn or have the wrong length alone', () => {
    expect(maskCards('ref 4111 1111 1111 1112')).toBe('ref 4111 1111 1111 1112');
    expect(maskCards('order #W2611340 and phone 555-123-4567')).toBe(
      'order #W2611340 and phone 555-123-4567',
    );
    // 12 digits passing Luhn is not a card number
    expect(maskCards('id 123456789015')).toBe('id 123456789015');
  });

  it('finds a card inside a longer run of numbers without eating its neighbours', () => {
    expect(maskCards('4111 1111 1111 1111 12 25 cvv 123')).toBe('[card] 12 25 cvv 123');
    expect(maskCards('call 07 4111-1111-1111-1111')).toBe('call 07 [card]');
  });

  it('keeps text without digits unchanged', () => {
    expect(maskCards('Where is my order?')).toBe('Where is my order?');
    // two cards in one digit run keep the separator between them
    expect(maskCards('4111 1111 1111 1111 5555 5555 5555 4444')).toBe('[card] [card]');
    expect(maskCards('4111-1111-1111-1111 7 5555-5555-5555-4444')).toBe('[card] 7 [card]');
  });
});
