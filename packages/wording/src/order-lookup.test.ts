import { describe, expect, it } from '@jest/globals';
import {
  IDENTITY_QUESTION,
  ORDER_LOOKUP_LEAD,
  askedWords,
  identityAnswers,
  lookupAnswered,
  lookupQuestion,
} from './order-lookup.js';

const ask = `Hi there,\n\n${ORDER_LOOKUP_LEAD} ${IDENTITY_QUESTION}`;
const question = 'where is my order #W4862767?';

describe('lookupQuestion', () => {
  it('finds the question the lookup was asked for when the details come', () => {
    const history = [
      { role: 'customer', body: question },
      { role: 'bot', body: ask },
    ];
    expect(lookupQuestion(history, 'sophia.thomas1364@example.com')).toBe(question);
    expect(lookupQuestion(history, "I'm Sophia Thomas, zip 80234")).toBe(question);
  });

  it('goes back past details that matched no account, to the question itself', () => {
    const history = [
      { role: 'customer', body: question },
      { role: 'bot', body: ask },
      { role: 'customer', body: 'sophia@example.org' },
      { role: 'bot', body: `I could not find an account that matches the details you gave.\n\n${ask}` },
    ];
    expect(lookupQuestion(history, 'sophia.thomas1364@example.com')).toBe(question);
    expect(lookupAnswered(history, 'sophia.thomas1364@example.com')).toEqual({ question, asks: 2 });
    expect(lookupAnswered(history.slice(0, 2), 'sophia.thomas1364@example.com')).toEqual({
      question,
      asks: 1,
    });
  });

  it('is undefined without details, after another reply, or after a person replied', () => {
    const history = [
      { role: 'customer', body: question },
      { role: 'bot', body: ask },
    ];
    expect(lookupQuestion(history, 'I forgot which email I used')).toBeUndefined();
    expect(
      lookupQuestion(
        [
          { role: 'customer', body: question },
          { role: 'bot', body: `I can help you cancel your order. ${IDENTITY_QUESTION}` },
        ],
        'sophia.thomas1364@example.com',
      ),
    ).toBeUndefined();
    expect(
      lookupQuestion([...history, { role: 'agent', body: 'Let me check.' }], 'a@example.com'),
    ).toBeUndefined();
    expect(lookupQuestion([], 'a@example.com')).toBeUndefined();
  });
});

describe('askedWords', () => {
  it("is the lookup's question for the details, and the message's own words otherwise", () => {
    const history = [
      { role: 'customer', body: question },
      { role: 'bot', body: ask },
    ];
    expect(askedWords({ subject: 'Order', body: 'a@example.com', history })).toBe(
      `${question}\na@example.com`,
    );
    // Whatever else the message asks beside the details is read with the question.
    const more = 'a@example.com, and can I still cancel it?';
    expect(askedWords({ body: more, history })).toBe(`${question}\n${more}`);
    expect(askedWords({ subject: 'Parcel', body: question, history: [] })).toBe(`Parcel\n${question}`);
    expect(askedWords({ body: 'and when will it arrive?', history })).toBe('and when will it arrive?');
  });
});

describe('identityAnswers', () => {
  it('collects the messages answering our requests for details, this one included, and nothing said in passing', () => {
    const history = [
      { role: 'customer', body: 'my friend bob@example.com recommended you. where is my order?' },
      { role: 'bot', body: ask },
      { role: 'customer', body: 'sophia@example.org' },
      { role: 'bot', body: `I could not find an account that matches the details you gave. ${ask}` },
    ];
    expect(identityAnswers(history, 'Sophia Thomas 80234')).toEqual([
      'sophia@example.org',
      'Sophia Thomas 80234',
    ]);
    expect(identityAnswers(history.slice(0, 3), 'thanks')).toEqual(['sophia@example.org']);
    expect(identityAnswers([], 'it is bob@example.com')).toEqual([]);
  });
});
