import { describe, expect, it } from '@jest/globals';
import { plainRequest } from './write-request.js';
import { turnWords } from './turn-words.js';

describe('turnWords', () => {
  const earlier = [{ role: 'customer', body: 'Cancel order #W1234567.' }];

  it('reads the subject with the first message', () => {
    expect(turnWords({ subject: 'Broken lamp', body: 'Please return it.' })).toBe(
      'Broken lamp\nPlease return it.',
    );
    expect(turnWords({ subject: 'Broken lamp', body: 'Please return it.', history: [] })).toBe(
      'Broken lamp\nPlease return it.',
    );
  });

  it('leaves the subject out of a later message', () => {
    expect(
      turnWords({ subject: 'Cancel order #W1234567', body: 'Now return my lamp.', history: earlier }),
    ).toBe('Now return my lamp.');
  });

  it('leaves out a subject cut from the body, so a plain request stays plain', () => {
    const body = 'Hello,\n\nFor #W7147989, modify Grill (features none) to (features rotisserie). Thank you.';
    const words = turnWords({ subject: 'For #W7147989', body });
    expect(words).toBe(body);
    expect(plainRequest(words)).toBe(true);
    expect(plainRequest(`For #W7147989\n${body}`)).toBe(false);
  });

  it('reads a body without a subject as it is', () => {
    expect(turnWords({ body: 'Where is my order?' })).toBe('Where is my order?');
    expect(turnWords({ subject: '  ', body: 'Where is my order?' })).toBe('Where is my order?');
  });
});
