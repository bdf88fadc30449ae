import { describe, expect, it } from '@jest/globals';
import { smallTalkOnly } from './small-talk.js';

describe('smallTalkOnly', () => {
  it.each([
    "hey how's your day going? 😊",
    'Hi there, how are you?',
    'hello, anyone there?',
    "Good morning team, hope you're well!",
    'whats up',
    'hello',
    'Hiya! How’s things?',
    'is anybody there??',
    'how have you been',
    'hi',
    "hey how's your day going? 😊 Thanks, Emma",
    'Hi! How are you doing today?\n\nBest regards,\nTom Becker',
    'how r u - Sam',
  ])('reads "%s" as small talk only', (text) => {
    expect(smallTalkOnly(text)).toBe(true);
  });

  it.each([
    'hi, how are you? where is my order?',
    'how are returns handled?',
    "how's my order going?",
    'hope you can help with my refund',
    'Hello, is the Bluetooth speaker available in red?',
    'what day does my parcel arrive',
    'how is the weekend shipping going to work',
    'good',
    'how is your day going? Where is my order? Thanks, Emma',
    '😊',
    '',
  ])('does not read "%s" as small talk only', (text) => {
    expect(smallTalkOnly(text)).toBe(false);
  });
});
