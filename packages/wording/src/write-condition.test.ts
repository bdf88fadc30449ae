import { describe, expect, it } from '@jest/globals';
import { asksWithCondition } from './write-condition.js';

describe('asksWithCondition: a condition of the write that the status does not settle', () => {
  it.each([
    'can I still return #W1326557 if I threw away the box?',
    'can I still return it if the tags are cut off?',
    'can I still send it back without the receipt',
    'Can I exchange the boots minus the original packaging?',
    'can i still return it even though ive worn them',
    'can I return the boots after 30 days?',
    'is it ok to return #W1234567, its been 6 weeks',
    'can I still return it if it is damaged',
    'I missed the return window, can I still send it back?',
    'can I return #W4442043 with the tags removed?',
    'can I send it back if the seal is broken?',
    'bought #W5285031 two months ago, can I still return it?',
  ])('%j puts a condition on it', (text) => {
    expect(asksWithCondition(text)).toBe(true);
  });

  it.each([
    'can I still return #W1326557?',
    'if my order is already processed can I still cancel it',
    'can I cancel if I ordered it yesterday',
    "can I still return it if I don't like it",
    'is it too late to change the address on #W1234567?',
  ])('%j puts none the status does not settle', (text) => {
    expect(asksWithCondition(text)).toBe(false);
  });
});
