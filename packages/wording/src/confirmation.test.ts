import { describe, expect, it } from '@jest/globals';
import { confirmationOf } from './confirmation.js';

describe('confirmationOf', () => {
  it.each([
    'yes',
    'Yes please',
    'YES',
    'yep, go ahead',
    'Ok',
    'Sure, please do.',
    'Yes, please cancel it. Thanks!',
    'I confirm',
    'confirmed',
    'Yes that is correct',
    'sounds good, thank you',
    'Yes please.\n\nBest,\nAna',
    'yes, do it',
    'sure thing',
    'go for it',
    "that's right",
    'yes, that all looks right',
    'yesss',
    'ya',
    'yes sir',
    'yes, thank you very much for your help',
    'Yes, please process the return',
    'Yes, please proceed with the cancellation.',
    'Yes, please go ahead with the exchange.',
    'Yes, I would like to proceed with the return.',
    'Yes, please update the address.',
    'Yes, please make the change.',
    'Yes, I confirm the details are correct.',
    'Yes, those details are correct. Please proceed.',
    'Yes, everything looks good.',
    'Fine',
    'that works for me',
    'fine by me, go ahead',
  ])('reads %j as yes', (text) => {
    expect(confirmationOf(text)).toBe('yes');
  });

  it.each([
    'no',
    'No thanks',
    'nope',
    "don't do it",
    'No, leave it as is',
    'wait, not yet',
    'Never mind, keep the order',
    'no thank you, I will keep it',
    'nooo',
  ])('reads %j as no', (text) => {
    expect(confirmationOf(text)).toBe('no');
  });

  it.each([
    'yes?',
    'Yes, but ship it to 12 Oak Street instead',
    'yes and also can you change my payment to paypal',
    'when will the refund arrive?',
    'ok but why was I charged twice',
    'Can I return the shoes instead',
    'Yes no maybe',
    'I said I want a refund of all my money back from last year and more',
    'hello',
    'please',
    'yes for the other order',
    'No, wrong order',
    'no, fine, whatever',
    'fine for the other order',
    // A detail beside the yes may change what was read back: the ordinary flow reads it.
    'Yes, please proceed with the refund to my PayPal account.',
    'Yes, please update the address to 12 Oak Street',
    'Yes, but only the mouse',
  ])('leaves %j to the ordinary flow', (text) => {
    expect(confirmationOf(text)).toBeNull();
  });
});
