import { describe, expect, it } from '@jest/globals';
import { reportsAccountMisuse } from './account-misuse.js';

describe('reportsAccountMisuse: someone else in the account', () => {
  it.each([
    'there are orders on my account I never made',
    'i see orders in my account i didnt make!!! what do i do',
    "I got an email about an order I didn't place",
    'I think my account was hacked',
    'someone has been using my account',
    'Unauthorized purchases on my profile!',
  ])('%j says so', (text) => {
    expect(reportsAccountMisuse(text)).toBe(true);
  });

  it.each([
    'I placed an order yesterday, where is it?',
    "I never got my order, it's been two weeks",
    'I forgot my account password',
    "I didn't order the blue one, I ordered the red one",
    'how do I keep my account safe?',
  ])('%j does not', (text) => {
    expect(reportsAccountMisuse(text)).toBe(false);
  });
});
