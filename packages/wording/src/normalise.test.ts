import { describe, expect, it } from '@jest/globals';
import {
  expandShorthand,
  normaliseForIntent,
  PLACEHOLDERS,
  readableText,
  withoutCourtesy,
  withPlaceholders,
} from './normalise.js';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const n = (text: string, names: string[] = []) => normaliseForIntent(text, { names });

describe('normaliseForIntent: greetings and sign-offs', () => {
  it('reads a greeted, signed status question like the bare one', () => {
    expect(n("Hi, can you tell me what's happening with my order #W3113816? Thanks, Emma")).toBe(
      "can you tell me what's happening with my order orderref ?",
    );
    expect(n("can you tell me what's happening with my order #W9284598?")).toBe(
      "can you tell me what's happening with my order orderref ?",
    );
  });

  it.each([
    ['Hi there, where is my parcel?', 'where is my parcel?'],
    ['Hello team, where is my parcel?', 'where is my parcel?'],
    ['Dear Customer Support Team,\nwhere is my parcel?', 'where is my parcel?'],
    ['Good morning! where is my parcel?', 'where is my parcel?'],
    ['Hi Sarah, where is my parcel?', 'where is my parcel?'],
    ['hey where is my parcel?', 'where is my parcel?'],
    ['Hi there - is there an ETA on my order?', 'is there an ETA on my order?'],
  ])('removes the greeting in %j', (text, expected) => {
    expect(n(text)).toBe(expected);
  });

  it.each([
    ['where is my parcel? Thanks so much!', 'where is my parcel?'],
    ['where is my parcel? Thanks so much! Best, Maria', 'where is my parcel?'],
    ['where is my parcel?\n\nKind regards,\nAnya Kim', 'where is my parcel?'],
    ['where is my parcel. Thank you', 'where is my parcel.'],
    ['where is my parcel? thx', 'where is my parcel?'],
    ['where is my parcel? Cheers, Anya', 'where is my parcel?'],
    ['where is my parcel?\n-- \nAnya Kim\nHead of Stuff', 'where is my parcel?'],
    ['where is my parcel?\n\nSent from my iPhone', 'where is my parcel?'],
    ['Quick question - where is my parcel? Thanks in advance.', 'where is my parcel?'],
  ])('removes the sign-off in %j', (text, expected) => {
    expect(n(text)).toBe(expected);
  });

  it('keeps words that only look like a greeting or a closing', () => {
    expect(n('Which jacket is best')).toBe('Which jacket is best');
    expect(n('Best way to return an item?')).toBe('Best way to return an item?');
    expect(n('Hi-fi speakers in stock?')).toBe('Hi-fi speakers in stock?');
    expect(n('thanks, where is it now')).toBe('thanks, where is it now');
  });

  it('keeps a message that is nothing but courtesy, placeholders applied', () => {
    expect(n('Thanks!')).toBe('Thanks!');
    expect(n('Hi, thanks for #W1234567')).toBe('Hi, thanks for orderref');
  });
});

describe('readableText: a name signed alone', () => {
  it.each([
    ['how much is the black mountain bike - Sam', 'how much is the black mountain bike'],
    ['where is my parcel? —Ana', 'where is my parcel?'],
    ['where is my parcel?\n- Tom Becker', 'where is my parcel?'],
    ['where is my parcel?\nMaria', 'where is my parcel?'],
    ['where is my parcel\n\nMaria', 'where is my parcel'],
    ['is it too late 😅\nMaria', 'is it too late 😅'],
    ["where is my parcel? - Mary-Jane O'Neil", 'where is my parcel?'],
  ])('removes the name the sender signed in %j', (text, expected) => {
    expect(readableText(text)).toBe(expected);
  });

  it('keeps a last line or a dash that names a thing, and a name after a comma', () => {
    expect(readableText('I want to return:\nWireless Earbuds')).toBe('I want to return:\nWireless Earbuds');
    expect(readableText('Is it the one on offer - Bravia TV')).toBe('Is it the one on offer - Bravia TV');
    expect(readableText('do you take Visa, Mastercard')).toBe('do you take Visa, Mastercard');
    expect(readableText('can I have the blue one - Medium')).toBe('can I have the blue one - Medium');
    expect(readableText('Which colours are there?\n\nBlack Or White')).toBe(
      'Which colours are there?\n\nBlack Or White',
    );
  });

  it('leaves what the intent normaliser reads unchanged', () => {
    expect(n('how much is the black mountain bike - Sam')).toBe('how much is the black mountain bike - Sam');
    expect(n('cancel #W2417020 pls')).toBe('cancel orderref pls');
  });
});

describe('readableText: chat shorthand', () => {
  it.each([
    ['cancel #W2417020 pls', 'cancel #W2417020 please'],
    ['r u open on sunday', 'are you open on sunday'],
    ['can u check ur records plz', 'can you check your records please'],
    ['how do i return smth', 'how do i return something'],
    ['will the pkg come tmrw', 'will the package come tomorrow'],
  ])('writes out the shorthand in %j', (text, expected) => {
    expect(readableText(text)).toBe(expected);
  });

  it('leaves a letter that is a size or part of a name', () => {
    expect(expandShorthand('is the U-lock in size U')).toBe('is the U-lock in size U');
    expect(expandShorthand("you're sure it's the ur-text?")).toBe("you're sure it's the ur-text?");
    expect(expandShorthand('the letter r in bar')).toBe('the letter r in bar');
  });
});

describe("normaliseForIntent: the sender's name", () => {
  it('removes an introduction by name and the full name anywhere', () => {
    expect(n('hi its yara li, can you look up my latest order status', ['Yara Li'])).toBe(
      'can you look up my latest order status',
    );
    expect(n('My name is Omar Lopez and my order is late', ['Omar Lopez'])).toBe('and my order is late');
  });

  it('removes a single name word only when it is capitalised', () => {
    expect(n('Mason here, is my order shipped?', ['Mason Brown'])).toBe('here, is my order shipped?');
    expect(n('do you have the brown jacket', ['Mason Brown'])).toBe('do you have the brown jacket');
  });
});

describe('withoutCourtesy', () => {
  it('keeps the request as written: order ids, amounts and case', () => {
    expect(
      withoutCourtesy('Good morning team,\n\nIs #W3113816 refunded the $12?\n\nKind regards,\nTom Becker'),
    ).toBe('Is #W3113816 refunded the $12?');
    expect(withoutCourtesy('Hey, how long do refunds take? Thanks so much!')).toBe(
      'how long do refunds take?',
    );
    expect(withoutCourtesy('Where is it, Emma?', { names: ['Emma Kovacs'] })).toBe('Where is it, ?');
  });

  it('strips what the intent normaliser strips, and keeps a text of courtesy only', () => {
    const text = "Hi there, can you tell me what's happening with my order #W3113816? Thanks, Emma";
    expect(withoutCourtesy(text)).toBe("can you tell me what's happening with my order #W3113816?");
    expect(normaliseForIntent(text)).toBe("can you tell me what's happening with my order orderref ?");
    expect(withoutCourtesy('Thanks!')).toBe('Thanks!');
  });

  it('strips stacked greetings and thanks with no punctuation before them', () => {
    expect(withoutCourtesy('Dear support, Hi, the manufacturer wants proof of purchase.')).toBe(
      'the manufacturer wants proof of purchase.',
    );
    expect(withoutCourtesy('Hey, how much is shipping Cheers!')).toBe('how much is shipping');
    expect(withoutCourtesy('how much is shipping thanks, Emma')).toBe('how much is shipping');
    // Opening sentences that ask for nothing; a request worded the same way stays.
    expect(withoutCourtesy('I hope you can help me with something. Are you open on Christmas?')).toBe(
      'Are you open on Christmas?',
    );
    expect(withoutCourtesy("Sorry if this is a silly question, I'm new. How much is shipping?")).toBe(
      "Sorry if this is a silly question, I'm new. How much is shipping?",
    );
    expect(withoutCourtesy('Sorry if this is a silly question. How much is shipping?')).toBe(
      'How much is shipping?',
    );
    expect(withoutCourtesy('Long-time customer here! I have a quick question: do gift cards expire?')).toBe(
      'do gift cards expire?',
    );
    expect(withoutCourtesy('can you help me with my order #W1234567')).toBe(
      'can you help me with my order #W1234567',
    );
    // "Best" at the end without punctuation can be the question's own word.
    expect(withoutCourtesy('which blender is the best')).toBe('which blender is the best');
  });
});

describe('withPlaceholders', () => {
  it('replaces order ids, tracking numbers, emails and amounts', () => {
    expect(
      squash(
        withPlaceholders('Order W1234567 (#w7654321) tracking 123456789012, me@example.com, refund $45.99'),
      ),
    ).toBe(
      `Order ${PLACEHOLDERS.order} ( ${PLACEHOLDERS.order} ) tracking ${PLACEHOLDERS.tracking} , ${PLACEHOLDERS.email} , refund ${PLACEHOLDERS.amount}`,
    );
  });

  it.each(['$450', '450 dollars', 'USD 1,200.50', '$1.5k', '€30', '20 bucks'])(
    'reads %j as an amount',
    (amount) => {
      expect(squash(withPlaceholders(`about ${amount} please`))).toBe(`about ${PLACEHOLDERS.amount} please`);
    },
  );

  it('leaves short numbers, glued ids and longer numbers that are not ids', () => {
    expect(withPlaceholders('size 42, 2 items, XW1234567, W12345678')).toBe(
      'size 42, 2 items, XW1234567, W12345678',
    );
  });
});
