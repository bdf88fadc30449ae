import { describe, expect, it } from '@jest/globals';
import { anotherCompanysMatter } from './other-company.js';

describe('anotherCompanysMatter', () => {
  it.each([
    ['forgot my hulu login, how do i reset the password', 'hulu'],
    ['Hello, my Apple ID is locked after I typed wrong password many times.', 'apple'],
    ['How do I reset my Netflix password? Their site is useless', 'netflix'],
    ["can't sign in to my Spotify, help", 'spotify'],
    ['my Facebook account got hacked yesterday', 'facebook'],
    ['my chase app keeps logging me out', 'chase'],
  ])('%j asks about the sign-in of %j', (text, company) => {
    expect(anotherCompanysMatter(text)).toBe(company);
  });

  it.each([
    ['I ordered shoes on Zalando and they are too small. How to make exchange with them?', 'zalando'],
    ['I ordered it on Amazon and want to return it here', 'amazon'],
    ['Can I exchange something I bought from your store on Amazon?', 'amazon'],
    ['bought a tv from best buy last week, can i still return it', 'best buy'],
    ['my shein order has said in transit for 3 weeks now', 'shein'],
  ])('%j is about an order placed with %j', (text, shop) => {
    expect(anotherCompanysMatter(text)).toBe(shop);
  });

  it.each([
    ['does target price match costco? 🙏', 'target'],
    ['Will IKEA take back a bookshelf without the receipt?', 'ikea'],
    ['can amazon deliver on sundays where you live?', 'amazon'],
  ])('%j asks what %j does', (text, shop) => {
    expect(anotherCompanysMatter(text)).toBe(shop);
  });

  it.each([
    ['anyone know why my chase card keeps getting declined at gas stations??', 'gas station'],
    ['My debit card got rejected at the supermarket today, is it blocked?', 'supermarket'],
    ["card doesn't work in the ATM since yesterday", 'atm'],
  ])('%j is about a card used at a %j', (text, place) => {
    expect(anotherCompanysMatter(text)).toBe(place);
  });

  it.each([
    'forgot my password, how do i reset it',
    'can I pay with my PayPal account?',
    'Do you price match Amazon?',
    'do you price match target or walmart?',
    'Can you match the price Best Buy has?',
    'Are your espresso machines cheaper than on Amazon?',
    'I ordered the lamp on Monday, where is it?',
    'I bought it from you on Black Friday',
    'my card was declined at checkout, can I pay another way?',
    'payment failed at the last step on your site',
    'my Visa card was declined at your checkout',
    'my chase card was charged twice for #W1234567',
    'the reset email went to my gmail spam folder',
  ])('%j does not', (text) => {
    expect(anotherCompanysMatter(text)).toBeUndefined();
  });
});
