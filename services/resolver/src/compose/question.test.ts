import { describe, expect, it } from '@jest/globals';
import { asksOf, questionCore } from './question.js';

describe('questionCore', () => {
  it('drops greeting lines, a sign-off and the name under it', () => {
    const text = 'Hello team,\n\nHow do I export my invoices as PDF?\n\nMany thanks,\nMarta Kowalski';
    expect(questionCore(text)).toBe('How do I export my invoices as PDF?');
  });

  it('drops a greeting that opens the first line and a sign-off that closes the last one', () => {
    expect(questionCore('Hi, my seat was double booked. Can I get a refund? Thanks, Omar')).toBe(
      'my seat was double booked. Can I get a refund?',
    );
    expect(questionCore('Hey there! Is the studio open on Sundays? Cheers')).toBe(
      'Is the studio open on Sundays?',
    );
  });

  it('keeps what is quoted, without its markers, and stops at a signature', () => {
    const text =
      '> Your plan renews on 1 May.\n\nCan I switch to yearly before then?\n--\nSent from my phone';
    expect(questionCore(text)).toBe('Your plan renews on 1 May.\nCan I switch to yearly before then?');
    expect(questionCore('Where is the invoice?\nSent from my iPhone')).toBe('Where is the invoice?');
  });

  it('drops stacked greetings and thanks with no punctuation before them', () => {
    expect(questionCore('Dear support, Hi, the manufacturer wants proof of purchase for my vacuum.')).toBe(
      'the manufacturer wants proof of purchase for my vacuum.',
    );
    expect(questionCore('Hey, how much is shipping Cheers!')).toBe('how much is shipping');
  });

  it('reads a name signed alone and chat shorthand as the router and retrieval do', () => {
    expect(questionCore('how many products do you sell - Sam')).toBe('how many products do you sell');
    expect(questionCore('do u take paypal pls')).toBe('do you take paypal please');
  });

  it('keeps a line that only starts with a courtesy word, and a message that is only courtesy', () => {
    expect(questionCore('Thanks for the quick fix last week, but the export fails again.')).toBe(
      'Thanks for the quick fix last week, but the export fails again.',
    );
    expect(questionCore('Thank you!')).toBe('Thank you!');
  });
});

describe('asksOf', () => {
  it('splits two questions, each with the statements that lead up to it', () => {
    const asks = asksOf('I moved house. How do I change my address? Also, what does delivery cost?');
    expect(asks).toEqual([
      { text: 'I moved house. How do I change my address?', question: 'How do I change my address?' },
      { text: 'Also, what does delivery cost?', question: 'Also, what does delivery cost?' },
    ]);
  });

  it('reads a sentence worded as a question without its question mark as one', () => {
    const asks = asksOf('which plans include phone support? and can i pay monthly');
    expect(asks.map((a) => a.question)).toEqual([
      'which plans include phone support?',
      'and can i pay monthly',
    ]);
  });

  it('keeps a question with no words of its own together with what it refers to', () => {
    expect(asksOf('My booking shows "on hold". What do I do now?')).toEqual([
      {
        text: 'My booking shows "on hold". What do I do now?',
        question: 'My booking shows "on hold". What do I do now?',
      },
    ]);
    expect(asksOf('How do I cancel my plan? Is that possible?')).toHaveLength(1);
  });

  it('treats a message without a question as one question, and statements after the last one as its own', () => {
    expect(asksOf('The export button does nothing.')).toEqual([
      { text: 'The export button does nothing.', question: 'The export button does nothing.' },
    ]);
    expect(asksOf('Can I get a refund? I was charged twice.')).toEqual([
      { text: 'Can I get a refund? I was charged twice.', question: 'Can I get a refund?' },
    ]);
  });
});
