import { describe, expect, it } from '@jest/globals';
import { anotherCompanysAccount } from './other-company.js';

describe('anotherCompanysAccount', () => {
  it.each([
    ['forgot my hulu login, how do i reset the password', 'hulu'],
    ['Hello, my Apple ID is locked after I typed wrong password many times.', 'apple'],
    ['How do I reset my Netflix password? Their site is useless', 'netflix'],
    ["can't sign in to my Spotify, help", 'spotify'],
    ['my Facebook account got hacked yesterday', 'facebook'],
    ['my chase app keeps logging me out', 'chase'],
  ])('%j asks about the sign-in of %j', (text, company) => {
    expect(anotherCompanysAccount(text)).toBe(company);
  });

  it.each([
    'forgot my password, how do i reset it',
    'can I pay with my PayPal account?',
    'Do you price match Amazon?',
    'I ordered it on Amazon and want to return it here',
    'my Visa card was declined at your checkout',
    'my chase card was charged twice for #W1234567',
    'the reset email went to my gmail spam folder',
  ])('%j does not', (text) => {
    expect(anotherCompanysAccount(text)).toBeUndefined();
  });
});
