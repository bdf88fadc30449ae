import { describe, expect, it } from '@jest/globals';
import { luhnValid } from './cards.js';
import { redactPii } from './redact.js';

describe('redactPii', () => {
  it.each([
    ['mail me at a.b+c@example.co.uk please', 'mail me at [email] please'],
    ['card 4111 1111 1111 1111 expires soon', 'card [card] expires soon'],
    ['card 4111-1111-1111-1111', 'card [card]'],
    ['call +1 (555) 010-3344 after 5', 'call [phone] after 5'],
    ['my number is 555.010.3344', 'my number is [phone]'],
    ['ring 020 7946 0958', 'ring [phone]'],
    ['send it to 4100 Euclid Ave, Apt 12, Cleveland', 'send it to [address], Cleveland'],
    ['I live at 12 Baker Street', 'I live at [address]'],
    ['IBAN GB82 WEST 1234 5698 7654 32', 'IBAN [iban]'],
    ['ssn 123-45-6789', 'ssn [ssn]'],
  ])('redacts %j', (input, expected) => {
    expect(redactPii(input)).toBe(expected);
  });

  it.each(['Where is order #W2378156?', 'I paid $450.00 on 2024-05-01', 'Ordered 2 chairs and 3 lamps'])(
    'keeps %j',
    (input) => {
      expect(redactPii(input)).toBe(input);
    },
  );

  it('treats any long digit run as a phone number: recall over precision', () => {
    expect(redactPii('code 1234567890 and tracking 843053632392')).toBe('code [phone] and tracking [phone]');
  });

  it('only treats Luhn-valid digit runs as cards', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(redactPii('ref 4111 1111 1111 1112')).not.toContain('[card]');
  });
});
