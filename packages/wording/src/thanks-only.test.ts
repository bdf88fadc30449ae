import { describe, expect, it } from '@jest/globals';
import { acknowledgementOnly, thanksOnly } from './thanks-only.js';

describe('thanksOnly', () => {
  it.each([
    'thank you!',
    'ok great, thanks a lot',
    'Perfect, thank you so much 🙏',
    'thx',
    'Thanks! Have a nice day',
    'awesome, thanks!!',
    'got it, thanks',
    'That helps, thank you very much for your help.',
    'ok thanks bye',
    'Cheers mate',
    'I appreciate it, thanks again',
    'Thank’s a lot',
  ])('reads "%s" as thanks only', (text) => {
    expect(thanksOnly(text)).toBe(true);
  });

  it.each([
    'thanks for nothing',
    'Thank you. But when will it ship?',
    'thanks but this did not answer my question',
    'no thanks',
    'ok',
    'great',
    '👍',
    'Thanks, can you also cancel #W4776164',
    'thanks?',
    'Thanks, I want to speak to a human',
    '',
  ])('does not read "%s" as thanks only', (text) => {
    expect(thanksOnly(text)).toBe(false);
  });
});

describe('acknowledgementOnly', () => {
  it.each([
    'ok',
    'Okay!',
    'great',
    'got it',
    'perfect 👍',
    '👍',
    '👍🏽',
    'ok cool, makes sense',
    'sounds good',
  ])('reads "%s" as an acknowledgement only', (text) => expect(acknowledgementOnly(text)).toBe(true));

  it.each([
    'ok but when will it ship?',
    'ok?',
    'fine.',
    'ok, cancel it then',
    'no',
    '',
    '   ',
    '😡',
    'great, another delay',
  ])('does not read "%s" as one', (text) => expect(acknowledgementOnly(text)).toBe(false));
});
